/**
 * Proof-of-work: ALTCHA-compatible challenges, verified on the server, each good
 * for one submission (replay store in the database), only on sites that turn it on.
 */
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/collector/store/sqlite.js';
import { powPayload, solvePow, type PowChallenge } from '../../src/core/pow.js';
import { ensureBuiltCli, envWithoutStorage, runCli } from './cli-process.js';
import { BACKENDS, ideaEnvelope, ORIGIN, SITE, startTestCollector, tempDir, type TestCollector } from './helpers.js';

let c: TestCollector | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);
const MAX = 2_000;

describe.each(BACKENDS)('proof-of-work on %s', (backend) => {
  let now = T0;
  const start = async (proofOfWork: { maxNumber: number } | null = { maxNumber: MAX }) => {
    now = T0;
    c = await startTestCollector({ backend, clock: () => now, site: { settings: { proofOfWork } } });
    return c;
  };
  const challenge = async (site = SITE) => {
    const answer = await fetch(`${c!.url}/v1/sites/${site}/pow-challenge`, { headers: { origin: ORIGIN } });
    expect(answer.status).toBe(200);
    return { answer, body: (await answer.json()) as PowChallenge };
  };
  const solved = async (site = SITE) => {
    const { body } = await challenge(site);
    const number = await solvePow(body);
    expect(number).toBeTypeOf('number');
    return { body, number: number!, payload: powPayload(body, number!) };
  };
  const submit = (body: unknown, pow?: string) =>
    fetch(`${c!.url}/v1/sites/${SITE}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...(pow && { 'buurtkit-pow': pow }) },
      body: JSON.stringify(body),
    });
  const expectRefused = async (answer: Response, code: string) => {
    expect(answer.status).toBe(428);
    expect(await answer.json()).toMatchObject({ error: code });
  };

  it('issues signed ALTCHA challenges that carry the site and an expiry, uncached, to allowed origins', async () => {
    await start();
    const { answer, body } = await challenge();
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(body).toMatchObject({ algorithm: 'SHA-256', maxnumber: MAX });
    expect(body.challenge).toMatch(/^[0-9a-f]{64}$/);
    expect(body.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(body.salt).toBe(`${body.salt.slice(0, 24)}?site=${SITE}&expires=${(T0 + 3600_000) / 1000}&`);
    expect((await challenge()).body.challenge).not.toBe(body.challenge);
    const preflight = await fetch(`${c!.url}/v1/sites/${SITE}/submissions`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,buurtkit-pow' },
    });
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/buurtkit-pow/);
  });

  it('accepts a solved challenge once: a retry of the same submission passes, another submission is refused', async () => {
    await start();
    await expectRefused(await submit(ideaEnvelope()), 'pow_required');
    expect(await c!.countRows('ideas')).toBe(0);

    const { payload } = await solved();
    const envelope = ideaEnvelope();
    expect((await submit(envelope, payload)).status).toBe(201);
    expect((await submit(envelope, payload)).status).toBe(200);
    await expectRefused(await submit(ideaEnvelope(), payload), 'pow_used');
    expect(await c!.countRows('ideas')).toBe(1);
  });

  it('refuses a wrong number, a tampered signature or challenge, an expired challenge and another site’s', async () => {
    await start();
    const { body, number, payload } = await solved();
    const encode = (p: object) => Buffer.from(JSON.stringify(p)).toString('base64');
    const { maxnumber: _m, ...base } = body;
    const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1);
    for (const bad of [
      encode({ ...base, number: number + 1 }),
      encode({ ...base, number, signature: flip(body.signature) }),
      encode({ ...base, number, challenge: flip(body.challenge) }),
      encode({ ...base, number, algorithm: 'SHA-1' }),
      'not base64 json',
      encode({ ...base, number: String(number) }),
    ]) {
      await expectRefused(await submit(ideaEnvelope(), bad), 'pow_invalid');
    }

    // A challenge for another site on the same collector, correctly solved and signed.
    await c!.store.access.createSite(
      { slug: 'de-eik', name: 'De Eik', allowedOrigins: [ORIGIN], settings: { proofOfWork: { maxNumber: MAX } } },
      new Date(T0).toISOString(),
    );
    const other = await solved('de-eik');
    await expectRefused(await submit(ideaEnvelope(), other.payload), 'pow_invalid');

    now += 3600_000 + 1_000;
    await expectRefused(await submit(ideaEnvelope(), payload), 'pow_invalid');
    expect(await c!.countRows('ideas')).toBe(0);
  });

  it('lets exactly one of two instances take a solution that two submissions present at once', async () => {
    await start();
    const other = await c!.another({ clock: () => now });
    try {
      const { payload } = await solved();
      const inject = (app: TestCollector['app']) =>
        app.inject({
          method: 'POST',
          url: `/v1/sites/${SITE}/submissions`,
          headers: { 'content-type': 'application/json', 'buurtkit-pow': payload },
          payload: ideaEnvelope(),
        });
      const codes = (await Promise.all([inject(c!.app), inject(other.app), inject(c!.app), inject(other.app)])).map((r) => r.statusCode);
      expect(codes.filter((s) => s === 201)).toHaveLength(1);
      expect(codes.filter((s) => s === 428)).toHaveLength(3);
    } finally {
      await other.app.close();
    }
  });

  it('forgets uses once their challenges have expired', async () => {
    await start();
    const first = await solved();
    expect((await submit(ideaEnvelope(), first.payload)).status).toBe(201);
    now += 3 * 3600_000;
    const second = await solved();
    expect((await submit(ideaEnvelope(), second.payload)).status).toBe(201);
    // The second check pruned the first use (older than the lifetime); the second stays.
    expect(await c!.store.limits.prunePowUses(new Date(now + 1).toISOString())).toBe(1);
  });

  it('leaves sites without the setting alone, and turning it off works', async () => {
    await start(null);
    expect((await submit(ideaEnvelope())).status).toBe(201);
    await c!.store.access.updateSite(SITE, { settings: { proofOfWork: { maxNumber: MAX } } });
    await expectRefused(await submit(ideaEnvelope()), 'pow_required');
    await c!.store.access.updateSite(SITE, { settings: { proofOfWork: null } });
    expect((await c!.store.access.getSite(SITE))!.settings.proofOfWork).toBeUndefined();
    expect((await submit(ideaEnvelope())).status).toBe(201);
  });
});

describe('site update --proof-of-work', () => {
  beforeAll(ensureBuiltCli, 120_000);

  it('turns proof-of-work on with a difficulty, on with the default, and off', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = join(dir, 'cli.sqlite');
      const env = envWithoutStorage();
      const cli = (...args: string[]) => runCli([...args, '--db', db], { env });
      expect(cli('site', 'add', 'linde', '--name', 'De Linde', '--proof-of-work', '50000').code).toBe(0);
      const read = async () => {
        const store = new SqliteStore(db);
        try {
          return (await store.access.getSite('linde'))!.settings.proofOfWork;
        } finally {
          await store.close();
        }
      };
      expect(await read()).toEqual({ maxNumber: 50_000 });
      expect(cli('site', 'update', 'linde', '--proof-of-work', 'on').code).toBe(0);
      expect(await read()).toEqual({ maxNumber: 50_000 });
      expect(cli('site', 'update', 'linde', '--proof-of-work', 'off').code).toBe(0);
      expect(await read()).toBeUndefined();
      const wrong = cli('site', 'update', 'linde', '--proof-of-work', 'lots');
      expect(wrong.code).not.toBe(0);
      expect(wrong.stderr).toMatch(/--proof-of-work/);
    } finally {
      cleanup();
    }
  });
});
