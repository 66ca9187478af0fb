/** Render tokens: the server's clock decides "too fast", and a token is good once. */
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, ideaEnvelope, ORIGIN, SITE, startTestCollector, type TestCollector } from './helpers.js';

let c: TestCollector | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);

describe.each(BACKENDS)('render tokens on %s', (backend) => {
  let now = T0;
  const start = async () => {
    now = T0;
    c = await startTestCollector({ backend, renderTokens: 'required', clock: () => now });
    return c;
  };
  const fetchToken = async (site = SITE) => {
    const answer = await fetch(`${c!.url}/v1/sites/${site}/render-token`, { headers: { origin: ORIGIN } });
    expect(answer.status).toBe(200);
    return { answer, body: (await answer.json()) as { token: string; notBefore: string; expiresAt: string } };
  };
  const submit = (body: unknown, token?: string) =>
    fetch(`${c!.url}/v1/sites/${SITE}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...(token && { 'buurtkit-render-token': token }) },
      body: JSON.stringify(body),
    });

  it('issues signed tokens with server times, uncached, to allowed origins', async () => {
    await start();
    const { answer, body } = await fetchToken();
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(body.token).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    expect(body.notBefore).toBe(new Date(T0 + 2000).toISOString());
    expect(body.expiresAt).toBe(new Date(T0 + 24 * 3600_000).toISOString());
    expect((await fetchToken()).body.token).not.toBe(body.token);
    const preflight = await fetch(`${c!.url}/v1/sites/${SITE}/submissions`, {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,buurtkit-render-token',
      },
    });
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/buurtkit-render-token/);
  });

  it('rejects a scripted submission without a token, and one sent right after fetching a token', async () => {
    await start();
    const missing = await submit(ideaEnvelope());
    expect(missing.status).toBe(428);
    expect(await missing.json()).toMatchObject({ error: 'render_token_required' });

    const { body } = await fetchToken();
    now += 300; // a script posts at once
    const tooFast = await submit(ideaEnvelope(), body.token);
    expect(tooFast.status).toBe(429);
    expect(tooFast.headers.get('retry-after')).toBe('2');
    expect(await tooFast.json()).toMatchObject({ error: 'too_fast' });
    expect(await c!.countRows('ideas')).toBe(0);

    // The same token, once old enough, is still good (the too-fast attempt did not use it up).
    now += 1700;
    expect((await submit(ideaEnvelope(), body.token)).status).toBe(201);
  });

  it('accepts a retry of the same submission with its token, and refuses a replay under a new id', async () => {
    await start();
    const { body } = await fetchToken();
    now += 8_000;
    const envelope = ideaEnvelope();
    expect((await submit(envelope, body.token)).status).toBe(201);
    const retry = await submit(envelope, body.token);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ status: 'duplicate' });
    const replay = await submit(ideaEnvelope(), body.token);
    expect(replay.status).toBe(428);
    expect(await replay.json()).toMatchObject({ error: 'render_token_used' });
    expect(await c!.countRows('ideas')).toBe(1);
  });

  it('refuses tokens that were tampered with, are for another site, or expired', async () => {
    await start();
    const other = await c!.store.access.createSite(
      { slug: 'de-eik', name: 'De Eik', allowedOrigins: [ORIGIN] },
      new Date(now).toISOString(),
    );
    const { body } = await fetchToken();
    const { body: foreign } = await fetchToken(other.slug);
    now += 5_000;
    const [issued, nonce, mac] = body.token.split('.');
    const flipped = `${mac!.startsWith('A') ? 'B' : 'A'}${mac!.slice(1)}`;
    for (const bad of [`${issued}.${nonce}.${flipped}`, `${(T0 - 60_000).toString(36)}.${nonce}.${mac}`, foreign.token, 'nonsense']) {
      const answer = await submit(ideaEnvelope(), bad);
      expect(answer.status, bad).toBe(428);
      expect(await answer.json()).toMatchObject({ error: 'render_token_invalid' });
    }
    now = T0 + 24 * 3600_000 + 1;
    const expired = await submit(ideaEnvelope(), body.token);
    expect(expired.status).toBe(428);
    expect(await expired.json()).toMatchObject({ error: 'render_token_expired' });
    expect(await c!.countRows('submissions')).toBe(0);
  });

  it('accepts an idea typed offline and sent hours later with the token of the page it was typed on', async () => {
    await start();
    const { body } = await fetchToken();
    now += 5 * 3600_000; // the laptop was closed, the outbox sends after the lid opens
    const envelope = ideaEnvelope({ sentAt: new Date(T0 + 60_000).toISOString(), trap: { honeypot: '', elapsedMs: 60_000 } });
    expect((await submit(envelope, body.token)).status).toBe(201);
  });

  it('lets exactly one of two instances take a token that two submissions present at once', async () => {
    await start();
    const other = await c!.another({ renderTokens: 'required', clock: () => now });
    try {
      const { body } = await fetchToken();
      now += 3_000;
      const inject = (app: TestCollector['app']) =>
        app.inject({
          method: 'POST',
          url: `/v1/sites/${SITE}/submissions`,
          headers: { 'content-type': 'application/json', 'buurtkit-render-token': body.token },
          payload: ideaEnvelope(),
        });
      const codes = (await Promise.all([inject(c!.app), inject(other.app), inject(c!.app), inject(other.app)])).map((r) => r.statusCode);
      expect(codes.filter((s) => s === 201)).toHaveLength(1);
      expect(codes.filter((s) => s === 428)).toHaveLength(3);
    } finally {
      await other.app.close();
    }
  });
});
