import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ideaEnvelope, ORIGIN, postJson, SITE, startTestCollector, type TestCollector } from './helpers.js';

let c: TestCollector;
beforeAll(async () => {
  c = await startTestCollector();
});
afterAll(async () => c.close());

describe('CORS', () => {
  it('echoes an allowed origin exactly, never *, and varies on Origin', async () => {
    const answer = await postJson(`${c.url}/v1/sites/${SITE}/submissions`, ideaEnvelope(), { origin: ORIGIN });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(answer.headers.get('vary')).toMatch(/Origin/);
    expect(answer.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);

    const list = await fetch(`${c.url}/v1/sites/${SITE}/ideas`, { headers: { origin: ORIGIN } });
    expect(list.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('also lets an allowed origin read error answers, so the widget sees the 422', async () => {
    const answer = await postJson(`${c.url}/v1/sites/${SITE}/submissions`, ideaEnvelope({}, { text: '' }), {
      origin: ORIGIN,
    });
    expect(answer.status).toBe(422);
    expect(answer.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const tooBig = await postJson(`${c.url}/v1/sites/${SITE}/submissions`, 'x'.repeat(40_000), { origin: ORIGIN });
    expect(tooBig.status).toBe(413);
    expect(tooBig.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('refuses writes from other origins with 403 and a JSON error the page can read, naming the fix', async () => {
    const count = () => c.sqlite.db.prepare('SELECT COUNT(*) FROM submissions').pluck().get();
    const before = count();
    for (const origin of ['https://evil.example', `${ORIGIN}:8443`, 'http://www.buurthuis-de-linde.nl', 'null']) {
      const answer = await postJson(`${c.url}/v1/sites/${SITE}/submissions`, ideaEnvelope(), { origin });
      expect(answer.status, origin).toBe(403);
      // Readable, so the widget can say "not connected" instead of "saved, will be sent".
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
      expect(answer.headers.get('vary')).toMatch(/Origin/);
      const json = (await answer.json()) as { error: string; message: string };
      expect(Object.keys(json).sort()).toEqual(['error', 'message']);
      expect(json.error).toBe('origin_not_allowed');
      expect(json.message).toContain(`buurtkit-collector site update ${SITE} --add-origin ${origin}`);
    }
    expect(count()).toBe(before);
  });

  it('refuses reads from other origins readably, with no site data in the answer', async () => {
    await postJson(`${c.url}/v1/sites/${SITE}/submissions`, ideaEnvelope());
    for (const path of ['ideas', 'render-token', 'volunteer', 'activities', 'polls/welkom', '']) {
      const answer = await fetch(`${c.url}/v1/sites/${SITE}${path && '/'}${path}`, { headers: { origin: 'https://evil.example' } });
      expect(answer.status, path).toBe(403);
      expect(answer.headers.get('access-control-allow-origin')).toBe('https://evil.example');
      expect(answer.headers.get('vary')).toMatch(/Origin/);
      const json = (await answer.json()) as Record<string, unknown>;
      expect(Object.keys(json).sort(), path).toEqual(['error', 'message']);
      expect(json['error']).toBe('origin_not_allowed');
    }
    // Without an Origin (a server, curl, a calendar app) the public data is still there.
    expect((await fetch(`${c.url}/v1/sites/${SITE}/ideas`)).status).toBe(200);
  });

  it('refuses an unknown site and a wrong path readably, so the widget can tell them from offline', async () => {
    const origin = 'https://www.buurthuis-de-linde.nl';
    const unknown = await postJson(`${c.url}/v1/sites/nergens/submissions`, ideaEnvelope({ site: 'nergens' }), { origin });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('access-control-allow-origin')).toBe(origin);
    expect(await unknown.json()).toEqual({ error: 'site_not_found', message: expect.stringContaining('nergens') });
    const wrongPath = await fetch(`${c.url}/api/v1/sites/${SITE}/ideas`, { headers: { origin } });
    expect(wrongPath.status).toBe(404);
    expect(wrongPath.headers.get('access-control-allow-origin')).toBe(origin);
    expect(((await wrongPath.json()) as { error: string }).error).toBe('not_found');
    const preflight = await fetch(`${c.url}/api/v1/sites/${SITE}/submissions`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
  });

  it('lets requests without Origin through (curl, servers)', async () => {
    const answer = await postJson(`${c.url}/v1/sites/${SITE}/submissions`, ideaEnvelope());
    expect(answer.status).toBe(201);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers preflights for allowed origins with the JSON content type allowed', async () => {
    for (const path of [`/v1/sites/${SITE}/submissions`, `/v1/sites/${SITE}/ideas/x/votes`, `/v1/sites/${SITE}`]) {
      const answer = await fetch(`${c.url}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: ORIGIN,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      expect(answer.status, path).toBe(204);
      expect(answer.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(answer.headers.get('access-control-allow-methods')).toMatch(/POST/);
      expect(answer.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
      expect(answer.headers.get('vary')).toMatch(/Origin/);
    }
  });

  it('passes preflights from other origins and for unknown sites, so the refusal after them is readable', async () => {
    for (const [origin, site] of [
      ['https://evil.example', SITE],
      [ORIGIN, 'nergens'],
    ] as const) {
      const answer = await fetch(`${c.url}/v1/sites/${site}/submissions`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-private-network': 'true' },
      });
      expect(answer.status, `${origin} ${site}`).toBe(204);
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
      // Only an allowed website may reach a collector on a private network.
      expect(answer.headers.get('access-control-allow-private-network')).toBeNull();
    }
    const allowed = await fetch(`${c.url}/v1/sites/${SITE}/submissions`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-private-network': 'true' },
    });
    expect(allowed.headers.get('access-control-allow-private-network')).toBe('true');
    // The POST after a foreign preflight is still refused, and nothing is stored.
    const count = () => c.sqlite.db.prepare('SELECT COUNT(*) FROM submissions').pluck().get();
    const before = count();
    expect((await postJson(`${c.url}/v1/sites/${SITE}/submissions`, ideaEnvelope(), { origin: 'https://evil.example' })).status).toBe(403);
    expect(count()).toBe(before);
  });

  it('gives admin routes no CORS at all', async () => {
    const token = await c.token();
    const answer = await fetch(`${c.url}/v1/admin/sites/${SITE}/ideas`, {
      headers: { origin: ORIGIN, authorization: `Bearer ${token}` },
    });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${c.url}/v1/admin/sites/${SITE}/ideas`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'PATCH' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('security headers', () => {
  it('are on every answer, success or error, and no cookie ever', async () => {
    const token = await c.token();
    const answers = await Promise.all([
      fetch(`${c.url}/v1/sites/${SITE}`),
      fetch(`${c.url}/v1/sites/${SITE}/ideas`),
      fetch(`${c.url}/v1/sites/nergens`),
      fetch(`${c.url}/does-not-exist`),
      postJson(`${c.url}/v1/sites/${SITE}/submissions`, '{'),
      fetch(`${c.url}/v1/admin/sites/${SITE}/ideas`),
      fetch(`${c.url}/v1/admin/sites/${SITE}/ideas`, { headers: { authorization: `Bearer ${token}` } }),
    ]);
    for (const answer of answers) {
      const where = `${answer.url} ${answer.status}`;
      expect(answer.headers.get('x-content-type-options'), where).toBe('nosniff');
      expect(answer.headers.get('referrer-policy'), where).toBe('no-referrer');
      expect(answer.headers.get('x-frame-options'), where).toBe('DENY');
      expect(answer.headers.get('content-security-policy'), where).toContain("frame-ancestors 'none'");
      expect(answer.headers.get('cross-origin-resource-policy'), where).toBeTruthy();
      expect(answer.headers.get('cache-control'), where).toBe('no-store');
      expect(answer.headers.get('set-cookie'), where).toBeNull();
      expect(answer.headers.get('content-type'), where).toMatch(/^application\/json/);
    }
    expect(answers[0]!.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(answers[6]!.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });
});
