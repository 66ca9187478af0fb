import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCollector } from '../../src/collector/app.js';
import { IDEA_CONSENT_TEXT_VERSION, MAX_BODY_BYTES, uuidv7 } from '../../src/schema/index.js';
import { ideaEnvelope, postJson, SITE, startTestCollector, type TestCollector } from './helpers.js';

let c: TestCollector;
let submissions: string;

beforeEach(async () => {
  c = await startTestCollector();
  submissions = `${c.url}/v1/sites/${c.site}/submissions`;
});
afterEach(async () => c.close());

const countRows = (table: 'submissions' | 'ideas') => c.sqlite.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;

describe('POST /v1/sites/:site/submissions', () => {
  it('stores a new idea and answers 201, then 200 for the same id without a second row', async () => {
    const envelope = ideaEnvelope(
      { consent: { textVersion: IDEA_CONSENT_TEXT_VERSION, givenAt: new Date().toISOString() } },
      { text: '  Een moestuin achter het buurthuis  ', role: 'buurtbewoner', wantsToHelp: true, name: 'Anna', contact: 'anna@example.nl' },
    );
    const first = await postJson(submissions, envelope);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ id: envelope.id, status: 'received' });

    const again = await postJson(submissions, envelope);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id: envelope.id, status: 'duplicate' });
    expect(countRows('submissions')).toBe(1);
    expect(countRows('ideas')).toBe(1);

    const idea = await c.store.ideas.get(SITE, envelope.id);
    expect(idea).toMatchObject({
      text: 'Een moestuin achter het buurthuis',
      role: 'buurtbewoner',
      wantsToHelp: true,
      name: 'Anna',
      contact: 'anna@example.nl',
      consentVersion: IDEA_CONSENT_TEXT_VERSION,
      published: false,
      status: 'ontvangen',
      locale: 'nl',
    });
  });

  it('keeps one row when the same submission arrives many times at once', async () => {
    const envelope = ideaEnvelope();
    const answers = await Promise.all(Array.from({ length: 20 }, () => postJson(submissions, envelope)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    expect(countRows('submissions')).toBe(1);
  });

  it('keeps one row when two collector instances on one database get the same submission', async () => {
    const second = await openCollector({ renderTokens: 'off', dbPath: c.dbPath });
    const secondUrl = await second.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const envelope = ideaEnvelope();
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => postJson(`${i % 2 ? secondUrl : c.url}/v1/sites/${SITE}/submissions`, envelope)),
      );
      expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
      expect(answers.filter((a) => a.status === 200)).toHaveLength(9);
      expect(countRows('ideas')).toBe(1);
    } finally {
      await second.app.close();
    }
  });

  it('answers 422 with field paths the widget can map onto its inputs', async () => {
    const cases: [unknown, string][] = [
      [ideaEnvelope({}, { text: 'ab' }), 'data.text'],
      [ideaEnvelope({}, { text: 'x'.repeat(2001) }), 'data.text'],
      [ideaEnvelope({}, { role: 'koning' }), 'data.role'],
      [ideaEnvelope({}, { contact: 'not a contact' }), 'data.contact'],
      [ideaEnvelope({}, { contact: 'anna@example.nl' }), 'consent'],
      [ideaEnvelope({}, { surprise: true }), 'data'],
      [ideaEnvelope({ id: 'not-a-uuid' }), 'id'],
      [ideaEnvelope({ id: crypto.randomUUID() }), 'id'],
      [ideaEnvelope({ schemaVersion: 2 }), 'schemaVersion'],
      [ideaEnvelope({ site: 'elders' }), 'site'],
      [ideaEnvelope({ widget: 'mystery-widget' }), 'widget'],
      [ideaEnvelope({ trap: undefined }), 'trap'],
    ];
    for (const [body, path] of cases) {
      const answer = await postJson(submissions, body);
      expect(answer.status, path).toBe(422);
      const json = (await answer.json()) as { error: string; issues: { path: string; message: string }[] };
      expect(json.error).toBe('invalid_request');
      expect(
        json.issues.map((i) => i.path),
        JSON.stringify(json.issues),
      ).toContain(path);
      expect(json.issues.every((i) => typeof i.message === 'string' && i.message.length > 0)).toBe(true);
    }
    expect(countRows('submissions')).toBe(0);
  });

  it('answers 422 with a clear message for widgets this collector does not support yet', async () => {
    const answer = await postJson(submissions, ideaEnvelope({ widget: 'activity-calendar', data: { kind: 'answer' } }));
    expect(answer.status).toBe(422);
    const json = (await answer.json()) as { message: string; issues: { path: string; code: string }[] };
    expect(json.message).toMatch(/activity-calendar.*not supported by this collector version/);
    expect(json.issues[0]).toMatchObject({ path: 'widget', code: 'unsupported_widget' });
  });

  it('answers 413 over 32 KiB, 415 for non-JSON and 400 for malformed JSON', async () => {
    const big = ideaEnvelope({}, { text: 'x'.repeat(MAX_BODY_BYTES) });
    const tooLarge = await postJson(submissions, big);
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ error: 'payload_too_large' });

    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const answer = await fetch(submissions, { method: 'POST', headers: { 'content-type': type }, body: 'text=hallo' });
      expect(answer.status, type).toBe(415);
      expect(await answer.json()).toMatchObject({ error: 'unsupported_media_type' });
    }
    const noType = await fetch(submissions, { method: 'POST', body: new Uint8Array([123, 125]) });
    expect(noType.status).toBe(415);

    const malformed = await postJson(submissions, '{"id": ');
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await malformed.json()).toMatchObject({ error: 'invalid_json' });

    const poisoned = await postJson(submissions, '{"__proto__": {"x": 1}}');
    expect(poisoned.status).toBe(400);
    expect(countRows('submissions')).toBe(0);
  });

  it('answers 404 for an unknown site and for unknown routes, as JSON', async () => {
    const unknown = await postJson(`${c.url}/v1/sites/nergens/submissions`, ideaEnvelope({ site: 'nergens' }));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'site_not_found' });
    const badSlug = await fetch(`${c.url}/v1/sites/NOT_A_SLUG`);
    expect(badSlug.status).toBe(404);
    const route = await fetch(`${c.url}/nope`);
    expect(route.status).toBe(404);
    expect(await route.json()).toMatchObject({ error: 'not_found' });
  });

  it('answers a filled honeypot like a success but stores nothing', async () => {
    const envelope = ideaEnvelope({ trap: { honeypot: 'http://spam.example', elapsedMs: 20 } });
    const answer = await postJson(submissions, envelope);
    expect(answer.status).toBe(201);
    expect(await answer.json()).toEqual({ id: envelope.id, status: 'received' });
    expect(countRows('submissions')).toBe(0);
  });

  it('refuses an id that another site already used (409), instead of calling it a duplicate', async () => {
    await c.store.access.createSite({ slug: 'de-eik', name: 'De Eik' }, new Date().toISOString());
    const envelope = ideaEnvelope();
    expect((await postJson(submissions, envelope)).status).toBe(201);
    const elsewhere = await postJson(`${c.url}/v1/sites/de-eik/submissions`, { ...envelope, site: 'de-eik' });
    expect(elsewhere.status).toBe(409);
  });

  it('sends votes elsewhere', async () => {
    const answer = await postJson(submissions, ideaEnvelope({ data: { kind: 'vote', ideaId: uuidv7() } }));
    expect(answer.status).toBe(422);
    expect(((await answer.json()) as { issues: { path: string }[] }).issues[0]!.path).toBe('data.kind');
  });

  it('gives the same answers through inject (no network)', async () => {
    const envelope = ideaEnvelope();
    const first = await c.app.inject({ method: 'POST', url: `/v1/sites/${SITE}/submissions`, payload: envelope });
    expect(first.statusCode).toBe(201);
    const second = await c.app.inject({ method: 'POST', url: `/v1/sites/${SITE}/submissions`, payload: envelope });
    expect(second.statusCode).toBe(200);
  });
});

describe('GET /v1/sites/:site', () => {
  it('describes the site, so a widget can tell a real collector', async () => {
    const answer = await fetch(`${c.url}/v1/sites/${SITE}`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      collector: 'buurtkit',
      protocolVersion: 1,
      slug: SITE,
      name: 'Buurthuiskamer De Linde',
      timeZone: 'Europe/Amsterdam',
      locales: ['nl', 'en'],
      ideaSort: 'newest',
    });
  });
});
