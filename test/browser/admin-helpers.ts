/** The admin API for the coordinator page's browser tests: calls go through `bk-admin` (Node). */
import { admin } from './helpers.js';

export const API_BASE = 'https://collector.invalid';
export const CSV = '\uFEFFid;idee\r\n1;"twee\r\nregels"\r\n2;"een ""quote"""\r\n';

export type Route = (method: string, path: string) => Response | undefined;

/** A fetch that sends admin API calls through `bk-admin`; `route` may answer some itself. */
export function commandFetch(route: Route = () => undefined): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input));
    const path = url.pathname + url.search;
    const method = init?.method ?? 'GET';
    const scripted = route(method, path);
    if (scripted) return scripted;
    if (path.includes('/export/ideas.csv?delimiter=semicolon') || path.includes('/export/ideas.csv?delimiter=comma')) {
      return new Response(CSV, { headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="ideeen-test.csv"' } });
    }
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const res = await admin(method, path, body);
    return new Response(res.body === null ? null : JSON.stringify(res.body), { status: res.status, headers: { 'Content-Type': 'application/json' } });
  };
}

