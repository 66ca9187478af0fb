/**
 * `<feedback-poll>` on the collector: responses through real HTTP, checked against their poll,
 * definitions (built-in and stored), results (public only where the poll says so), story ticking,
 * exports and the per-poll rate limit, on every backend (SQLite always, PostgreSQL with DATABASE_URL).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/schema/index.js';
import { BACKENDS, ORIGIN, postJson, SITE, startTestCollector, type TestCollector } from './helpers.js';
import { pollEnvelope } from './poll-helpers.js';
import { noticePostgresSkipped } from './pg.js';
import { readXlsx } from './xlsx-reader.js';

/** Today in the test site's zone (Europe/Amsterdam), the day the collector files a response under; the UTC date differs around midnight. */
const siteToday = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });

noticePostgresSkipped('feedback poll tests');

type Json = Record<string, any>;

const KOFFIE = {
  kind: 'choice',
  question: 'Wanneer kom je het liefst?',
  options: [
    { value: 'ochtend', label: "'s Ochtends" },
    { value: 'middag', label: "'s Middags" },
  ],
  comment: true,
  showResults: false,
};

for (const backend of BACKENDS) {
  describe(`feedback poll routes (${backend})`, () => {
    let c: TestCollector;
    let token: string;
    beforeEach(async () => {
      c = await startTestCollector({ backend, rateLimits: { polls: { limit: 5, windowMs: 60_000 } } });
      token = await c.token(['read', 'moderate', 'export']);
    });
    afterEach(async () => c.close());

    const submit = (data: Record<string, unknown>, overrides: Record<string, unknown> = {}) =>
      postJson(`${c.url}/v1/sites/${SITE}/submissions`, pollEnvelope(data, overrides), { origin: ORIGIN });
    const admin = (path: string, init: RequestInit = {}) =>
      fetch(`${c.url}/v1/admin/sites/${SITE}/${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${token}`,
          ...(init.body ? { 'content-type': 'application/json' } : {}),
          ...(init.headers as object),
        },
      });
    const json = async (answer: Response | Promise<Response>, status = 200) => {
      const a = await answer;
      expect(a.status).toBe(status);
      return (await a.json()) as Json;
    };

    it('serves the built-in polls with the site name as subject, until a coordinator replaces one', async () => {
      const list = await json(fetch(`${c.url}/v1/sites/${SITE}/polls`, { headers: { origin: ORIGIN } }));
      expect(list.polls.map((p: Json) => p.id)).toEqual(['welkom', 'impact']);
      expect(list.polls[1]).toMatchObject({ kind: 'statements', subject: 'Buurthuiskamer De Linde', story: true, respondentType: true });

      const put = await json(
        admin('polls/welkom', { method: 'PUT', body: JSON.stringify({ kind: 'yes-no', question: 'Was het gezellig?' }) }),
      );
      expect(put.poll).toMatchObject({ id: 'welkom', kind: 'yes-no' });
      await json(admin('polls/koffie', { method: 'PUT', body: JSON.stringify(KOFFIE) }));
      const after = await json(admin('polls'));
      expect(after.polls.map((p: Json) => [p.poll.id, p.builtIn])).toEqual([
        ['welkom', false],
        ['koffie', false],
        ['impact', true],
      ]);
      expect((await json(fetch(`${c.url}/v1/sites/${SITE}/polls/welkom`))).question).toBe('Was het gezellig?');
      expect((await fetch(`${c.url}/v1/sites/${SITE}/polls/bestaat-niet`)).status).toBe(404);

      const bad = await json(admin('polls/x', { method: 'PUT', body: JSON.stringify({ kind: 'choice', question: 'Welke?' }) }), 422);
      expect(bad.issues[0].path).toBe('options');
      const mismatch = await json(admin('polls/x', { method: 'PUT', body: JSON.stringify({ ...KOFFIE, id: 'y' }) }), 422);
      expect(mismatch.issues[0].code).toBe('id_mismatch');
      expect((await fetch(`${c.url}/v1/admin/sites/${SITE}/polls`)).status).toBe(401);
      const readOnly = await c.token(['read']);
      const refused = await fetch(`${c.url}/v1/admin/sites/${SITE}/polls/koffie`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${readOnly}`, 'content-type': 'application/json' },
        body: JSON.stringify(KOFFIE),
      });
      expect(refused.status).toBe(403);
      expect((await c.store.audit.list(SITE)).filter((a) => a.action === 'poll.put')).toHaveLength(2);
    });

    it('stores a one-tap answer once per id and checks it against the poll', async () => {
      const envelope = pollEnvelope({ pollId: 'welkom', answer: 'goed', mode: 'kiosk' });
      const first = await postJson(`${c.url}/v1/sites/${SITE}/submissions`, envelope, { origin: ORIGIN });
      expect(first.status).toBe(201);
      const again = await postJson(`${c.url}/v1/sites/${SITE}/submissions`, envelope, { origin: ORIGIN });
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ id: envelope.id, status: 'duplicate' });
      const [row, ...rest] = await c.store.polls.listResponses(SITE, {});
      expect(rest).toEqual([]);
      expect(row).toMatchObject({
        id: envelope.id,
        pollId: 'welkom',
        answer: 'goed',
        mode: 'kiosk',
        statements: null,
        storySelected: false,
      });

      const wrong = await json(submit({ pollId: 'welkom', answer: 'ja' }), 422);
      expect(wrong.issues).toEqual([expect.objectContaining({ path: 'data.answer', code: 'unknown_answer' })]);
      const unknown = await json(submit({ pollId: 'nope', answer: 'ja' }), 422);
      expect(unknown.issues[0]).toMatchObject({ path: 'data.pollId', code: 'unknown_poll' });
      const notAsked = await json(submit({ pollId: 'welkom', answer: 'goed', story: 'Mijn verhaal' }), 422);
      expect(notAsked.issues[0]).toMatchObject({ path: 'data.story', code: 'not_asked' });
      const empty = await json(submit({ pollId: 'welkom' }), 422);
      expect(empty.issues[0].path).toBe('data.answer');
      const statement = await json(submit({ pollId: 'impact', statements: { 'ken-buurtbewoners': 'misschien' } }), 422);
      expect(statement.issues[0].path).toBe('data.statements.ken-buurtbewoners');
      expect(await c.countRows('submissions')).toBe(1);
    });

    it('aggregates results per period, split by respondent type, compared with the previous period', async () => {
      const answers: [Record<string, string>, string | undefined][] = [
        [{ 'ken-buurtbewoners': 'helemaal-eens', praatje: 'weet-niet' }, 'bezoeker'],
        [{ 'ken-buurtbewoners': 'eens', praatje: 'oneens' }, 'bezoeker'],
        [{ 'ken-buurtbewoners': 'oneens' }, 'vrijwilliger'],
        [{ 'ken-buurtbewoners': 'weet-niet' }, undefined],
      ];
      for (const [statements, respondentType] of answers) {
        expect((await submit({ pollId: 'impact', statements, ...(respondentType && { respondentType }) })).status).toBe(201);
      }
      const today = siteToday();
      const r = await json(admin(`polls/impact/results?from=${today}&to=${today}&split=respondentType`));
      expect(r.period).toEqual({ from: today, to: today });
      expect(r.results.n).toBe(4);
      const ken = r.results.statements.find((s: Json) => s.id === 'ken-buurtbewoners');
      expect(ken).toMatchObject({ answered: 4, dontKnow: 1, n: 3, agree: 2, percentAgree: 66.7 });
      expect(r.results.byRespondentType.bezoeker.statements[0]).toMatchObject({ n: 2, percentAgree: 100 });
      expect(r.results.byRespondentType.onbekend.n).toBe(1);
      expect(r.previous.results.n).toBe(0);
      expect(r.comparison[0]).toMatchObject({ id: 'ken-buurtbewoners', current: { percentAgree: 66.7, n: 3 }, change: null });

      // A period without responses: zero, not an error.
      const empty = await json(admin('polls/impact/results?from=2020-01-01&to=2020-12-31'));
      expect(empty.results.n).toBe(0);
      expect(empty.results.statements[0].percentAgree).toBeNull();
      expect((await json(admin('polls/impact/results?from=2020-01-01'), 422)).issues[0].path).toBe('to');
    });

    it('shows public results only for polls that say so, aggregate only', async () => {
      await json(
        admin('polls/welkom', {
          method: 'PUT',
          body: JSON.stringify({ kind: 'smileys', question: 'Welkom?', comment: true, showResults: true }),
        }),
      );
      await submit({ pollId: 'welkom', answer: 'heel-goed', comment: 'Hartelijk ontvangen' });
      await submit({ pollId: 'welkom', answer: 'goed' });
      const pub = await fetch(`${c.url}/v1/sites/${SITE}/polls/welkom/results`, { headers: { origin: ORIGIN } });
      expect(pub.status).toBe(200);
      expect(pub.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      const body = await pub.text();
      expect(body).not.toContain('Hartelijk');
      expect(JSON.parse(body).results.question.answers.slice(0, 2)).toEqual([
        { value: 'heel-goed', count: 1, percent: 50 },
        { value: 'goed', count: 1, percent: 50 },
      ]);
      const hidden = await fetch(`${c.url}/v1/sites/${SITE}/polls/impact/results`);
      expect(hidden.status).toBe(403);
      expect(await hidden.json()).toMatchObject({ error: 'results_not_public' });
    });

    it('lets a coordinator tick a story for the report, only where there is one', async () => {
      const withStory = pollEnvelope({ pollId: 'impact', story: 'Hier leerde ik mijn buren kennen.', respondentType: 'buurtbewoner' });
      await postJson(`${c.url}/v1/sites/${SITE}/submissions`, withStory, { origin: ORIGIN });
      const without = pollEnvelope({ pollId: 'impact', statements: { praatje: 'eens' } });
      await postJson(`${c.url}/v1/sites/${SITE}/submissions`, without, { origin: ORIGIN });

      const tick = (id: string, selected: boolean) =>
        admin(`poll-responses/${id}/story`, { method: 'PUT', body: JSON.stringify({ selected }) });
      expect((await json(tick(withStory.id, true))).storySelected).toBe(true);
      expect((await json(tick(without.id, true), 422)).issues[0].code).toBe('no_story');
      expect((await tick(uuidv7(), true)).status).toBe(404);
      expect((await c.store.polls.listResponses(SITE, { storySelected: true })).map((r) => r.id)).toEqual([withStory.id]);
      expect((await json(tick(withStory.id, false))).storySelected).toBe(false);
      expect(await c.store.polls.listResponses(SITE, { storySelected: true })).toEqual([]);
      const listed = await json(admin('polls/impact/responses'));
      expect(listed.responses.map((r: Json) => r.story)).toEqual(['Hier leerde ik mijn buren kennen.', null]);
    });

    it('exports results and responses as CSV, JSON and XLSX, audited', async () => {
      await json(
        admin('polls/welkom', {
          method: 'PUT',
          body: JSON.stringify({ kind: 'smileys', question: 'Voelde je je welkom?', comment: true }),
        }),
      );
      await submit({ pollId: 'welkom', answer: 'heel-goed', comment: '=HYPERLINK("x")' });
      await submit({ pollId: 'welkom', answer: 'niet-goed' });
      const csv = await admin('polls/welkom/export/results.csv');
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-disposition')).toMatch(/buurtkit-de-linde-peiling-welkom-resultaten-\d{4}-\d{2}-\d{2}\.csv/);
      const bytes = Buffer.from(await csv.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs
      const text = bytes.subarray(3).toString('utf8');
      expect(text.split('\r\n')[0]).toBe(
        'Peiling;Onderdeel;Kenmerk;Vraag of stelling;Vraag of stelling in het Engels;Vraag of stelling in het Arabisch;Antwoord;Aantal;Procent;Van (n);Wie',
      );
      expect(text).toContain('welkom;Vraag;welkom;Voelde je je welkom?;;;😀 Heel goed;1;50;2;Iedereen');

      const responses = await admin('polls/welkom/export/responses.csv?delimiter=comma');
      const lines = (await responses.text()).split('\r\n');
      expect(lines[0]).toContain('Kenmerk,Peiling,Ontvangen op,Ontvangen op (UTC),Antwoord');
      expect(lines[1]).toContain(`'=HYPERLINK(""x"")`);

      const json1 = (await (await admin('polls/welkom/export/results.json')).json()) as Json[];
      expect(json1.find((r) => r.antwoord === 'niet-goed' && r.groep === 'alle')).toMatchObject({ aantal: 1, procent: 50, n: 2 });

      const xlsx = await admin('polls/welkom/export/responses.xlsx');
      expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
      const sheet = readXlsx(Buffer.from(await xlsx.arrayBuffer())).sheets.get('Antwoorden')!;
      expect(sheet[0]!.cells.map((c) => c.value)).toContain('Antwoord');
      expect(sheet.map((row) => row.cells.find((c) => c.ref.startsWith('E'))?.value)).toEqual(['Antwoord', '😀 Heel goed', '🙁 Niet goed']);

      const audit = (await c.store.audit.list(SITE)).filter((a) => a.action.startsWith('export.poll'));
      expect(audit.map((a) => [a.action, a.target])).toEqual([
        ['export.poll-results', 'welkom.csv'],
        ['export.poll-responses', 'welkom.csv'],
        ['export.poll-results', 'welkom.json'],
        ['export.poll-responses', 'welkom.xlsx'],
      ]);
    });

    it('takes answers to a poll tied to a period only when given in it, and reports that period by default', async () => {
      await json(
        admin('polls/voorjaar', {
          method: 'PUT',
          body: JSON.stringify({ kind: 'yes-no', question: 'Was het fijn?', period: { from: '2026-03-01', to: '2026-03-31' } }),
        }),
      );
      const inside = await submit({ pollId: 'voorjaar', answer: 'ja' }, { sentAt: '2026-03-31T21:30:00.000Z' }); // 23.30 in Amsterdam
      expect(inside.status).toBe(201);
      const after = await json(submit({ pollId: 'voorjaar', answer: 'nee' }, { sentAt: '2026-03-31T22:30:00.000Z' }), 422);
      expect(after.issues[0]).toMatchObject({ path: 'data.pollId', code: 'poll_closed' });
      const results = await json(admin('polls/voorjaar/results'));
      expect(results.period).toEqual({ from: '2026-03-01', to: '2026-03-31' });
      // Received today, outside the poll's period: the default window leaves it out; all dates given, it counts.
      expect(results.results.n).toBe(0);
      const today = siteToday();
      expect((await json(admin(`polls/voorjaar/results?from=${today}&to=${today}`))).results.n).toBe(1);
    });

    it('rate-limits answers per poll and client, apart from other polls', async () => {
      for (let n = 0; n < 5; n++) expect((await submit({ pollId: 'welkom', answer: 'goed' })).status).toBe(201);
      const limited = await submit({ pollId: 'welkom', answer: 'goed' });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await submit({ pollId: 'impact', statements: { praatje: 'eens' } })).status).toBe(201);
    });
  });
}
