/**
 * The main HTTP flows through real sockets on every backend: SQLite always, PostgreSQL when
 * DATABASE_URL is set. The SQLite-only files go deeper into each route; this one proves the
 * routes behave the same on both stores, including under concurrency and with two instances.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Collector } from '../../src/collector/app.js';
import { IDEA_CONSENT_TEXT_VERSION, uuidv7 } from '../../src/schema/index.js';
import {
  BACKENDS,
  ideaEnvelope,
  ORIGIN,
  postJson,
  SITE,
  startTestCollector,
  voteEnvelope,
  type Backend,
  type TestCollector,
} from './helpers.js';
import { noticePostgresSkipped, PG_URL } from './pg.js';

noticePostgresSkipped('HTTP route tests');
if (!PG_URL) {
  describe.skip('HTTP routes on postgres (set DATABASE_URL to run)', () => {
    it('runs the same flows against PostgreSQL', () => {});
  });
}

const cases: Backend[] = BACKENDS;

describe.each(cases)('HTTP routes on %s', (backend) => {
  let c: TestCollector;
  let extra: Collector | undefined;
  const high = { limit: 10_000, windowMs: 60_000 };

  afterEach(async () => {
    await extra?.app.close();
    extra = undefined;
    await c.close();
  });

  const start = async () => {
    c = await startTestCollector({ backend, rateLimits: { submissions: high, votes: high } });
    return c;
  };
  const submissionsUrl = (base: string) => `${base}/v1/sites/${SITE}/submissions`;
  const admin = (path: string, token: string, init: RequestInit = {}) =>
    fetch(`${c.url}/v1/admin/sites/${SITE}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    });

  it('submit → duplicate → moderate → public list → vote → CSV export, with audit rows', async () => {
    await start();
    const token = await c.token(['read', 'moderate', 'export']);
    const givenAt = '2026-05-01T14:00:00.123456+02:00';
    const envelope = ideaEnvelope(
      { consent: { textVersion: IDEA_CONSENT_TEXT_VERSION, givenAt } },
      { text: '=1+1 een moestuin 🌱', name: 'Anna', contact: 'anna@example.nl', wantsToHelp: true },
    );

    const first = await postJson(submissionsUrl(c.url), envelope, { origin: ORIGIN });
    expect(first.status).toBe(201);
    expect(first.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const again = await postJson(submissionsUrl(c.url), envelope, { origin: ORIGIN });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id: envelope.id, status: 'duplicate' });
    expect(await c.countRows('submissions')).toBe(1);
    expect(await c.countRows('ideas')).toBe(1);

    const listed = await (await admin('/ideas', token)).json();
    expect(listed.ideas).toHaveLength(1);
    expect(listed.ideas[0]).toMatchObject({
      id: envelope.id,
      text: '=1+1 een moestuin 🌱',
      contact: 'anna@example.nl',
      wantsToHelp: true,
      published: false,
      // Stored in one spelling on both backends, whatever offset the browser used.
      consentGivenAt: '2026-05-01T12:00:00.123Z',
    });
    expect((await fetch(`${c.url}/v1/sites/${SITE}/ideas`)).status).toBe(200);
    expect((await (await fetch(`${c.url}/v1/sites/${SITE}/ideas`)).json()).ideas).toEqual([]);

    const published = await admin(`/ideas/${envelope.id}`, token, {
      method: 'PATCH',
      body: JSON.stringify({ published: true, status: 'gepland', publicAnswer: 'In het voorjaar' }),
    });
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({ published: true, status: 'gepland', votes: 0 });

    const publicList = await (await fetch(`${c.url}/v1/sites/${SITE}/ideas`, { headers: { origin: ORIGIN } })).json();
    expect(publicList.ideas).toHaveLength(1);
    expect(publicList.ideas[0]).not.toHaveProperty('contact');
    expect(publicList.ideas[0]).toMatchObject({ id: envelope.id, publicAnswer: 'In het voorjaar' });

    const voteUrl = `${c.url}/v1/sites/${SITE}/ideas/${envelope.id}/votes`;
    const vote = voteEnvelope(envelope.id);
    expect(await (await postJson(voteUrl, vote)).json()).toEqual({ id: vote.id, votes: 1 });
    const revote = await postJson(voteUrl, vote);
    expect(revote.status).toBe(200);
    expect(await revote.json()).toEqual({ id: vote.id, votes: 1 });
    const ghost = uuidv7();
    expect((await postJson(`${c.url}/v1/sites/${SITE}/ideas/${ghost}/votes`, voteEnvelope(ghost))).status).toBe(404);

    const csv = await admin('/export/ideas.csv?delimiter=comma', token);
    expect(csv.status).toBe(200);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${envelope.id},`);
    expect(lines[1]).toContain(",'=1+1 een moestuin 🌱,");

    const audit = await c.store.audit.list(SITE);
    expect(audit.map((a) => [a.action, a.rowCount])).toEqual([
      ['idea.moderate', 1],
      ['export.ideas', 1],
    ]);
  });

  it('refuses NUL characters with a 422, the same on every backend', async () => {
    await start();
    const answer = await postJson(submissionsUrl(c.url), ideaEnvelope({}, { text: 'een\u0000idee' }));
    expect(answer.status).toBe(422);
    expect((await answer.json()).issues).toEqual([{ path: 'data.text', message: 'Contains a NUL character', code: 'invalid_character' }]);
    const ancient = await postJson(submissionsUrl(c.url), ideaEnvelope({ sentAt: '0000-01-01T00:00:00Z' }));
    expect(ancient.status).toBe(422);
    expect(await c.countRows('submissions')).toBe(0);
  });

  it('keeps one row for 50 simultaneous duplicates over two instances, and counts 50 concurrent votes', async () => {
    await start();
    extra = await c.another({ rateLimits: { submissions: high, votes: high } });
    const secondUrl = await extra.app.listen({ port: 0, host: '127.0.0.1' });
    const envelope = ideaEnvelope();
    const answers = await Promise.all(Array.from({ length: 50 }, (_, n) => postJson(submissionsUrl(n % 2 ? secondUrl : c.url), envelope)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    expect(await c.countRows('ideas')).toBe(1);

    await c.store.ideas.moderate(SITE, envelope.id, { published: true }, new Date().toISOString());
    const votes = await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        postJson(`${n % 2 ? secondUrl : c.url}/v1/sites/${SITE}/ideas/${envelope.id}/votes`, voteEnvelope(envelope.id)),
      ),
    );
    expect(votes.map((v) => v.status)).toEqual(Array(50).fill(201));
    expect((await c.store.ideas.get(SITE, envelope.id))!.votes).toBe(50);
    expect(await c.countRows('votes')).toBe(50);
  });

  it('shares rate limits between instances', async () => {
    const limit = { limit: 3, windowMs: 60_000 };
    c = await startTestCollector({ backend, rateLimits: { submissions: limit } });
    extra = await c.another({ rateLimits: { submissions: limit } });
    const inject = (n: number) =>
      (n % 2 ? extra!.app : c.app).inject({ method: 'POST', url: `/v1/sites/${SITE}/submissions`, payload: ideaEnvelope() });
    const codes = [];
    for (let n = 0; n < 5; n++) codes.push((await inject(n)).statusCode);
    expect(codes).toEqual([201, 201, 201, 429, 429]);
  });

  it('answers /healthz always and /readyz while the database answers', async () => {
    await start();
    expect(await (await fetch(`${c.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${c.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });

    await c.store.close(); // the database goes away under a running server
    const down = await fetch(`${c.url}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'unavailable' });
    expect((await fetch(`${c.url}/healthz`)).status).toBe(200);
  });
});
