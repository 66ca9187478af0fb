/** The admin API for the coordinator page's browser tests: calls go through `bk-admin` (Node). */
import { expect } from '@open-wc/testing';
import { buildEnvelope } from '../../src/core/envelope.js';
import { IDEA_CONSENT_TEXT_VERSION } from '../../src/schema/constants.js';
import { admin, postEnvelope, type CollectorInfo } from './helpers.js';

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
      return new Response(CSV, {
        headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="ideeen-test.csv"' },
      });
    }
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    // Non-JSON answers (exports, the report) come with their text and download headers.
    const res = (await admin(method, path, body)) as { status: number; body: unknown; text?: string; headers?: Record<string, string> };
    if (res.text !== undefined) return new Response(res.text, { status: res.status, headers: res.headers });
    return new Response(res.body === null ? null : JSON.stringify(res.body), {
      status: res.status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
}

/** Sends an idea to the real collector as the idea box would; resolves with its id. */
export async function sendIdeaTo(info: CollectorInfo, data: Record<string, unknown>, consent = false): Promise<string> {
  const envelope = buildEnvelope({
    site: info.site,
    widget: 'idea-box',
    locale: 'nl',
    data: { kind: 'idea', ...data },
    trap: { honeypot: '', elapsedMs: 15_000 },
    consent: consent ? { textVersion: IDEA_CONSENT_TEXT_VERSION, givenAt: new Date().toISOString() } : undefined,
  });
  const res = await postEnvelope(info, envelope);
  expect(res.status).to.equal(201);
  return envelope.id;
}
