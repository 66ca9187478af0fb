import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { IDEA_CONSENT_TEXT_VERSION, publishedIdeaListSchema, uuidv7, type PublishedIdeaList } from '../../src/schema/index.js';
import { ideaEnvelope, postJson, publishedIdea, SITE, startTestCollector, voteEnvelope, type TestCollector } from './helpers.js';

let c: TestCollector | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

async function list(collector: TestCollector): Promise<PublishedIdeaList> {
  const answer = await fetch(`${collector.url}/v1/sites/${collector.site}/ideas`);
  expect(answer.status).toBe(200);
  return publishedIdeaListSchema.strict().parse(await answer.json());
}

const vote = (collector: TestCollector, ideaId: string, body: unknown = voteEnvelope(ideaId)) =>
  postJson(`${collector.url}/v1/sites/${collector.site}/ideas/${ideaId}/votes`, body);

describe('GET /v1/sites/:site/ideas', () => {
  it('lists only published ideas, newest first, without private fields', async () => {
    c = await startTestCollector();
    const token = await c.token();
    const hidden = ideaEnvelope(
      { consent: { textVersion: IDEA_CONSENT_TEXT_VERSION, givenAt: new Date().toISOString() } },
      { text: 'Nog niet gepubliceerd' },
    );
    await postJson(`${c.url}/v1/sites/${SITE}/submissions`, hidden);
    const older = await publishedIdea(c, token, 'Oudere idee');
    const withPrivate = ideaEnvelope(
      { consent: { textVersion: IDEA_CONSENT_TEXT_VERSION, givenAt: new Date().toISOString() } },
      { text: 'Een repaircafé', name: 'Mo', contact: '06 12345678', role: 'vrijwilliger', category: 'activiteit' },
    );
    await postJson(`${c.url}/v1/sites/${SITE}/submissions`, withPrivate);
    await c.app.inject({
      method: 'PATCH',
      url: `/v1/admin/sites/${SITE}/ideas/${withPrivate.id}`,
      headers: { authorization: `Bearer ${token}` },
      payload: { published: true, status: 'gepland', publicAnswer: 'In maart!' },
    });

    const result = await list(c);
    expect(result.sort).toBe('newest');
    expect(result.ideas.map((i) => i.id)).toEqual([withPrivate.id, older]);
    expect(result.ideas[0]).toMatchObject({
      text: 'Een repaircafé',
      status: 'gepland',
      publicAnswer: 'In maart!',
      category: 'activiteit',
      votes: 0,
    });
    const raw = JSON.stringify(result);
    expect(raw).not.toContain('Mo');
    expect(raw).not.toContain('06 12345678');
    expect(raw).not.toContain('vrijwilliger');
    expect(raw).not.toContain('Nog niet gepubliceerd');
  });

  it('sorts by votes, then newest, when the site asks for it', async () => {
    c = await startTestCollector({ site: { settings: { ideaSort: 'votes' } } });
    const token = await c.token();
    const a = await publishedIdea(c, token, 'Idee A');
    const b = await publishedIdea(c, token, 'Idee B');
    const d = await publishedIdea(c, token, 'Idee D');
    for (let i = 0; i < 2; i++) expect((await vote(c, a)).status).toBe(201);
    expect((await vote(c, d)).status).toBe(201);
    const result = await list(c);
    expect(result.sort).toBe('votes');
    expect(result.ideas.map((i) => [i.id, i.votes])).toEqual([
      [a, 2],
      [d, 1],
      [b, 0],
    ]);
  });
});

describe('POST /v1/sites/:site/ideas/:ideaId/votes', () => {
  it('counts a vote once: 201 with the new count, 200 for the same vote id', async () => {
    c = await startTestCollector();
    const ideaId = await publishedIdea(c, await c.token());
    const envelope = voteEnvelope(ideaId);
    const first = await vote(c, ideaId, envelope);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ id: envelope.id, votes: 1 });
    const again = await vote(c, ideaId, envelope);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id: envelope.id, votes: 1 });
    const other = await vote(c, ideaId);
    expect(await other.json()).toMatchObject({ votes: 2 });
    expect((await list(c)).ideas[0]!.votes).toBe(2);
  });

  it('answers 404 for ideas that are not published or do not exist', async () => {
    c = await startTestCollector();
    const hidden = ideaEnvelope();
    await postJson(`${c.url}/v1/sites/${SITE}/submissions`, hidden);
    expect((await vote(c, hidden.id)).status).toBe(404);
    const missing = uuidv7();
    const answer = await vote(c, missing);
    expect(answer.status).toBe(404);
    expect(await answer.json()).toMatchObject({ error: 'idea_not_found' });
    expect((await vote(c, 'not-an-id', voteEnvelope(missing))).status).toBe(404);
  });

  it('answers 422 when the body does not match the path or the schema', async () => {
    c = await startTestCollector();
    const ideaId = await publishedIdea(c, await c.token());
    const mismatch = await vote(c, ideaId, voteEnvelope(uuidv7()));
    expect(mismatch.status).toBe(422);
    expect(((await mismatch.json()) as { issues: { path: string }[] }).issues[0]!.path).toBe('data.ideaId');
    const wrongKind = await vote(c, ideaId, { ...voteEnvelope(ideaId), data: { kind: 'idea', text: 'hoi' } });
    expect(wrongKind.status).toBe(422);
  });
});

describe('rate limits', () => {
  it('answer 429 with Retry-After past the limit, per client, refilling one request per interval', async () => {
    let now = Date.UTC(2026, 10, 22, 10, 0, 0);
    c = await startTestCollector({
      clock: () => now,
      // A bucket of 3 that refills one submission every 20 s.
      rateLimits: { submissions: { limit: 3, windowMs: 60_000 }, votes: { limit: 2, windowMs: 60_000 } },
    });
    const url = `${c.url}/v1/sites/${SITE}/submissions`;
    for (let i = 0; i < 3; i++) expect((await postJson(url, ideaEnvelope())).status).toBe(201);
    now += 15_000;
    const limited = await postJson(url, ideaEnvelope());
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('5');
    expect(await limited.json()).toMatchObject({ error: 'rate_limited' });

    // Another address has its own budget (trusting X-Forwarded-For is off, so use inject's remoteAddress).
    const other = await c.app.inject({
      method: 'POST',
      url: `/v1/sites/${SITE}/submissions`,
      payload: ideaEnvelope(),
      remoteAddress: '192.0.2.7',
    });
    expect(other.statusCode).toBe(201);

    // The buckets live in the database, keyed by a hash: the address is not stored.
    const keys = c.sqlite.db.prepare(`SELECT key FROM rate_buckets WHERE bucket LIKE 'submissions:de-linde'`).pluck().all() as string[];
    expect(keys.length).toBe(2);
    for (const key of keys) {
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      expect(key).not.toContain('127.0.0.1');
    }

    // After the Retry-After one submission is allowed again, not a whole new burst.
    now += 5_000;
    expect((await postJson(url, ideaEnvelope())).status).toBe(201);
    expect((await postJson(url, ideaEnvelope())).status).toBe(429);
    now += 60_000;
    for (let i = 0; i < 3; i++) expect((await postJson(url, ideaEnvelope())).status).toBe(201);
  });

  it('limit a whole site, whichever addresses the requests come from', async () => {
    c = await startTestCollector({ rateLimits: { siteSubmissions: { limit: 4, windowMs: 60_000 } } });
    const from = (n: number) =>
      c!.app.inject({ method: 'POST', url: `/v1/sites/${SITE}/submissions`, payload: ideaEnvelope(), remoteAddress: `192.0.2.${n}` });
    const codes = [];
    for (let n = 1; n <= 6; n++) codes.push((await from(n)).statusCode);
    expect(codes).toEqual([201, 201, 201, 201, 429, 429]);
    expect(await c.countRows('ideas')).toBe(4);
  });

  it('limit votes separately', async () => {
    c = await startTestCollector({ rateLimits: { votes: { limit: 2, windowMs: 60_000 } } });
    const ideaId = await publishedIdea(c, await c.token());
    expect((await vote(c, ideaId)).status).toBe(201);
    expect((await vote(c, ideaId)).status).toBe(201);
    const limited = await vote(c, ideaId);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('are shared by instances on the same database', async () => {
    c = await startTestCollector({ rateLimits: { submissions: { limit: 2, windowMs: 60_000 } } });
    const first = c.app;
    const { openCollector } = await import('../../src/collector/app.js');
    const second = await openCollector({
      renderTokens: 'off',
      dbPath: c.dbPath,
      rateLimits: { submissions: { limit: 2, windowMs: 60_000 } },
    });
    try {
      const inject = (app: FastifyInstance) =>
        app.inject({ method: 'POST', url: `/v1/sites/${SITE}/submissions`, payload: ideaEnvelope() });
      expect((await inject(first)).statusCode).toBe(201);
      expect((await inject(second.app)).statusCode).toBe(201);
      expect((await inject(first)).statusCode).toBe(429);
    } finally {
      await second.app.close();
    }
  });
});
