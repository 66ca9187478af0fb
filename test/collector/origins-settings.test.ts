/**
 * The websites allowed to use a site's widgets, managed from the coordinator page: admin routes on
 * every backend, and a browser request from a newly allowed website is then served.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, ideaEnvelope, ORIGIN, postJson, startTestCollector, type TestCollector } from './helpers.js';

type Json = Record<string, any>;

describe.each(BACKENDS)('allowed origins routes (%s)', (backend) => {
  let c: TestCollector;
  afterEach(async () => c?.close());

  const call = async (token: string, method: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${c.url}/v1/admin/sites/${c.site}/settings/origins`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };

  it('lists and replaces the allowed websites, normalised and audited; the new one may send at once', async () => {
    c = await startTestCollector({ backend });
    const admin = await c.token(['admin']);
    expect(await call(admin, 'GET')).toEqual({ status: 200, body: { origins: [ORIGIN] } });

    const fresh = 'https://www.buurthuis-de-eik.nl';
    expect((await postJson(`${c.url}/v1/sites/${c.site}/submissions`, ideaEnvelope(), { origin: fresh })).status).toBe(403);
    const saved = await call(admin, 'PUT', { origins: [ORIGIN, 'HTTPS://www.Buurthuis-De-Eik.nl/', ORIGIN] });
    expect(saved).toEqual({ status: 200, body: { origins: [ORIGIN, fresh] } });
    expect((await c.store.access.getSite(c.site))!.allowedOrigins).toEqual([ORIGIN, fresh]);
    const audit = (await c.store.audit.list(c.site)).filter((e) => e.action === 'settings.origins');
    expect(audit.map((e) => e.target)).toEqual([`${ORIGIN} ${fresh}`]);
    const answer = await postJson(`${c.url}/v1/sites/${c.site}/submissions`, ideaEnvelope(), { origin: fresh });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('access-control-allow-origin')).toBe(fresh);
  });

  it('refuses a path, a non-web address and other scopes, and changes from another website', async () => {
    c = await startTestCollector({ backend });
    const admin = await c.token(['admin']);
    const bad = await call(admin, 'PUT', { origins: [ORIGIN, 'https://www.example.nl/contact', 'ftp://example.nl'] });
    expect(bad.status).toBe(422);
    expect(bad.body.issues.map((i: Json) => i.path)).toEqual(['origins.1', 'origins.2']);
    expect((await call(admin, 'PUT', { origins: 'https://x.nl' })).status).toBe(422);
    const reader = await c.token(['read', 'moderate']);
    expect((await call(reader, 'GET')).status).toBe(403);
    expect((await call(reader, 'PUT', { origins: [] })).status).toBe(403);
    expect((await call(admin, 'PUT', { origins: [] }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await c.store.access.getSite(c.site))!.allowedOrigins).toEqual([ORIGIN]);
  });
});
