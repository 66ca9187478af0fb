/**
 * The calendar on the collector: coordinator CRUD and ICS upload, the public range route and the
 * `.ics` feed, through real sockets on every backend (SQLite always, PostgreSQL with DATABASE_URL).
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseIcs } from '../../src/calendar/ics-parse.js';
import { isUuidV7, scheduleItemSchema, uuidv7 } from '../../src/schema/index.js';
import { BACKENDS, ORIGIN, SITE, startTestCollector, type TestCollector } from './helpers.js';
import { noticePostgresSkipped } from './pg.js';

noticePostgresSkipped('calendar route tests');

const KOKEN = {
  title: 'Samen koken',
  description: 'Samen een maaltijd maken; €3,50 eigen bijdrage',
  start: '2026-01-09T17:30',
  end: '2026-01-09T20:00',
  recurrence: { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR', exdates: ['2026-04-03T17:30'] },
  category: 'eten',
  audience: ['senioren'],
  cost: { kind: 'contribution', amount: 350 },
};
const INLOOP = {
  kind: 'opening-hours',
  title: 'Inloop',
  start: '2026-01-05T10:00',
  end: '2026-01-05T12:00',
  recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
};

type Json = Record<string, any>;

for (const backend of BACKENDS) {
  describe(`calendar routes (${backend})`, () => {
    let c: TestCollector;
    let token: string;
    beforeEach(async () => {
      c = await startTestCollector({ backend });
      token = await c.token(['read', 'moderate']);
    });
    afterEach(async () => c.close());

    const admin = (path: string, init: RequestInit & { token?: string | null } = {}) => {
      const t = init.token === undefined ? token : init.token;
      return fetch(`${c.url}/v1/admin/sites/${SITE}/activities${path}`, {
        ...init,
        headers: {
          ...(t ? { authorization: `Bearer ${t}` } : {}),
          ...(typeof init.body === 'string' && !init.headers ? { 'content-type': 'application/json' } : {}),
          ...(init.headers as Record<string, string>),
        },
      });
    };
    const create = async (body: unknown) => {
      const answer = await admin('', { method: 'POST', body: JSON.stringify(body) });
      expect(answer.status).toBe(201);
      return (await answer.json()) as Json;
    };
    const publicGet = (path: string, headers: Record<string, string> = {}) => fetch(`${c.url}/v1/sites/${SITE}/${path}`, { headers });

    it('create → public list → feed that parses back → update → delete, audited', async () => {
      const made = await create(KOKEN);
      expect(isUuidV7(made.id)).toBe(true);
      expect(made).toMatchObject({
        site: SITE,
        kind: 'activity',
        data: { id: made.id, title: 'Samen koken', timeZone: 'Europe/Amsterdam' },
      });
      const hours = await create(INLOOP);
      expect(hours.kind).toBe('opening-hours');

      const list = await publicGet('activities?from=2026-03-01&to=2026-03-31', { origin: ORIGIN });
      expect(list.status).toBe(200);
      expect(list.headers.get('cache-control')).toBe('public, max-age=30');
      expect(list.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      const { items } = (await list.json()) as { items: Json[] };
      expect(items.map((i) => i.title)).toEqual(['Samen koken', 'Inloop']);
      expect(items[0]).toEqual(made.data);

      // Only items with an occurrence in the range; without a range, everything live.
      const before = (await (await publicGet('activities?from=2025-12-01&to=2026-01-06')).json()) as { items: Json[] };
      expect(before.items.map((i) => i.title)).toEqual(['Inloop']);
      expect(((await (await publicGet('activities')).json()) as { items: Json[] }).items).toHaveLength(2);

      const feed = await publicGet('activities.ics', { origin: ORIGIN });
      expect(feed.status).toBe(200);
      expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      expect(feed.headers.get('cache-control')).toBe('public, max-age=300');
      expect(feed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      const text = await feed.text();
      expect(text).toContain('X-WR-CALNAME:Buurthuiskamer De Linde');
      const calendar = parseIcs(text);
      const koken = calendar.events.find((e) => e.summary === 'Samen koken')!;
      expect(koken.uid).toBe(`${made.id}@${SITE}.buurtkit`);
      expect(koken.rrule).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=FR');
      expect(koken.start).toBe('2026-01-09T17:30:00');
      expect(koken.timeZone).toBe('Europe/Amsterdam');
      expect(koken.exdates).toContain('2026-04-03T17:30:00');
      expect(calendar.events.map((e) => e.summary).sort()).toEqual(['Inloop', 'Samen koken']);

      const put = await admin(`/${made.id}`, {
        method: 'PUT',
        body: JSON.stringify({ ...made.data, title: 'Samen koken en eten', status: 'gaat-niet-door', statusReason: 'Keuken verbouwd' }),
      });
      expect(put.status).toBe(200);
      const updated = (await put.json()) as Json;
      expect(updated).toMatchObject({
        id: made.id,
        createdAt: made.createdAt,
        data: { title: 'Samen koken en eten', status: 'gaat-niet-door' },
      });
      expect(((await (await admin(`/${made.id}`)).json()) as Json).data.title).toBe('Samen koken en eten');
      expect(
        parseIcs(await (await publicGet('activities.ics')).text()).events.find((e) => e.uid === `${made.id}@${SITE}.buurtkit`),
      ).toMatchObject({
        summary: 'Samen koken en eten',
        status: 'CANCELLED',
      });

      const del = await admin(`/${made.id}`, { method: 'DELETE' });
      expect(del.status).toBe(204);
      expect((await admin(`/${made.id}`, { method: 'DELETE' })).status).toBe(404);
      expect((await admin(`/${made.id}`)).status).toBe(404);
      const after = (await (await publicGet('activities?from=2026-03-01&to=2026-03-31')).json()) as { items: Json[] };
      expect(after.items.map((i) => i.title)).toEqual(['Inloop']);
      expect(parseIcs(await (await publicGet('activities.ics')).text()).events.map((e) => e.summary)).toEqual(['Inloop']);
      const adminList = (await (await admin('')).json()) as { activities: Json[] };
      expect(adminList.activities.map((a) => a.id)).toEqual([hours.id]);

      const audit = (await c.store.audit.list(SITE)).filter((e) => e.action.startsWith('activity.'));
      expect(audit.map((e) => [e.action, e.target])).toEqual([
        ['activity.create', made.id],
        ['activity.create', hours.id],
        ['activity.update', made.id],
        ['activity.delete', made.id],
      ]);
    });

    it('expands the occurrences of a range when asked, across the DST change, with overrides', async () => {
      const koken = await create({
        ...KOKEN,
        overrides: [{ recurrenceId: '2026-03-20T17:30', status: 'gaat-niet-door', statusReason: 'Keuken dicht' }],
        registration: { kind: 'capacity', capacity: 8 },
      });
      await create(INLOOP);

      const answer = await publicGet('activities?from=2026-03-16&to=2026-04-19&expand=occurrences', { origin: ORIGIN });
      expect(answer.status).toBe(200);
      const body = (await answer.json()) as { items: Json[]; occurrences: Json[]; remaining: Json };
      expect(body.items.map((i) => i.title)).toEqual(['Samen koken', 'Inloop']);
      const kook = body.occurrences.filter((o) => o.activityId === koken.id);
      // Every other Friday, 17.30 on the wall clock before and after the clocks went forward (29 March);
      // 3 April is an EXDATE, 20 March is cancelled with its reason.
      expect(kook.map((o) => [o.recurrenceId, o.start, o.status])).toEqual([
        ['2026-03-20T17:30:00', '2026-03-20T17:30:00+01:00', 'gaat-niet-door'],
        ['2026-04-17T17:30:00', '2026-04-17T17:30:00+02:00', 'gaat-door'],
      ]);
      expect(kook[0]).toMatchObject({
        kind: 'activity',
        statusReason: 'Keuken dicht',
        overridden: true,
        timeZone: 'Europe/Amsterdam',
        end: '2026-03-20T20:00:00+01:00',
      });
      // Opening hours Monday to Friday: 5 weeks of 5 days; sorted by start throughout.
      expect(body.occurrences.filter((o) => o.kind === 'opening-hours')).toHaveLength(25);
      const starts = body.occurrences.map((o) => Date.parse(o.start));
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      expect(body.remaining).toEqual({});

      // Without expand the answer stays as it was; expand needs a range.
      const plain = (await (await publicGet('activities?from=2026-03-16&to=2026-04-19')).json()) as Json;
      expect(plain).not.toHaveProperty('occurrences');
      const noRange = await publicGet('activities?expand=occurrences');
      expect(noRange.status).toBe(422);
      expect(((await noRange.json()) as Json).issues).toEqual([expect.objectContaining({ path: 'expand' })]);
      const wrong = await publicGet('activities?from=2026-03-16&to=2026-04-19&expand=items');
      expect(wrong.status).toBe(422);
      expect(((await wrong.json()) as Json).issues).toEqual([expect.objectContaining({ path: 'expand' })]);
    });

    it('filters the feed by audience and category as the widget does', async () => {
      await create(KOKEN);
      await create({ ...KOKEN, title: 'Huiskamergesprek', category: 'gesprek', audience: ['iedereen'] });
      await create({ ...KOKEN, title: 'Knutselen', category: 'creatief', audience: ['kinderen'] });
      await create(INLOOP);
      const titles = async (query: string) =>
        parseIcs(await (await publicGet(`activities.ics${query}`)).text())
          .events.map((e) => e.summary)
          .sort();
      expect(await titles('?audience=senioren')).toEqual(['Huiskamergesprek', 'Inloop', 'Samen koken']);
      expect(await titles('?category=creatief')).toEqual(['Inloop', 'Knutselen']);
      expect(await titles('?audience=kinderen&category=eten')).toEqual(['Inloop']);
      expect((await publicGet('activities.ics?audience=robots')).status).toBe(422);
    });

    it("keeps two sites' feed UIDs apart, the same after a restart", async () => {
      // Imported feeds keep their own ids: two centres importing `UID:inloop` both hold an activity "inloop".
      const other = await c.store.access.createSite(
        { slug: 'de-eik', name: 'Buurthuis De Eik', allowedOrigins: [ORIGIN] },
        new Date().toISOString(),
      );
      for (const site of [SITE, other.slug]) {
        const data = scheduleItemSchema.parse({ id: 'inloop', ...INLOOP });
        await c.store.activities.create({ id: uuidv7(), site, data }, new Date().toISOString());
      }
      const uids = async (base: string, site: string) =>
        parseIcs(await (await fetch(`${base}/v1/sites/${site}/activities.ics`)).text()).events.map((e) => e.uid);
      const linde = await uids(c.url, SITE);
      const eik = await uids(c.url, other.slug);
      expect(linde).toEqual(['inloop@de-linde.buurtkit']);
      expect(eik).toEqual(['inloop@de-eik.buurtkit']);

      // Another process on the same database (a restart, or a second instance behind a load
      // balancer) reached on another host name writes the same UIDs.
      const again = await c.another();
      try {
        const url = (await again.app.listen({ port: 0, host: '127.0.0.1' })).replace('127.0.0.1', 'localhost');
        expect(await uids(url, SITE)).toEqual(linde);
        expect(await uids(url, other.slug)).toEqual(eik);
      } finally {
        await again.app.close();
      }
    });

    it('answers 422 with precise paths, per kind', async () => {
      const post = async (body: unknown) => {
        const answer = await admin('', { method: 'POST', body: JSON.stringify(body) });
        expect(answer.status).toBe(422);
        return ((await answer.json()) as { issues: { path: string }[] }).issues.map((i) => i.path);
      };
      expect(await post({ ...KOKEN, end: '2026-01-09T17:00' })).toEqual(['end']);
      expect(await post({ ...KOKEN, recurrence: { rrule: 'FREQ=SOMETIMES' } })).toEqual(['recurrence.rrule']);
      expect(await post({ ...KOKEN, cost: { kind: 'amount', amount: -1 } })).toEqual(['cost.amount']);
      // Opening hours have no audience: their own schema says so.
      expect(await post({ ...INLOOP, audience: ['senioren'] })).toEqual(['']);
      expect(await post({ ...INLOOP, title: ' ' })).toEqual(['title']);
      expect(await post({ ...KOKEN, id: 'mijn-id' })).toEqual(['id']);
      expect(await post([KOKEN])).toEqual(['']);
      expect(await post({ ...KOKEN, title: 'a\u0000b' })).toEqual(['title']);
      const range = async (query: string) => {
        const answer = await publicGet(`activities?${query}`);
        expect(answer.status, query).toBe(422);
        return ((await answer.json()) as { issues: { path: string }[] }).issues.map((i) => i.path);
      };
      expect(await range('from=2026-01-01')).toEqual(['to']);
      expect(await range('from=2026-02-30&to=2026-03-01')).toEqual(['from']);
      expect(await range('from=2026-03-01&to=2026-02-01')).toEqual(['to']);
      expect(await range('from=2026-01-01&to=2029-01-01')).toEqual(['to']);
      expect((await c.store.activities.list(SITE)).length).toBe(0);
      // Dates at the ends of the calendar are no error, just nothing.
      await create(KOKEN);
      for (const query of ['from=9999-12-01&to=9999-12-31', 'from=0001-01-01&to=0001-01-02']) {
        const answer = await publicGet(`activities?${query}`);
        expect(answer.status, query).toBe(200);
        expect(await answer.json()).toEqual({ items: [], remaining: {} });
      }
    });

    it('needs read to look and moderate to change; refuses cross-site changes', async () => {
      const made = await create(KOKEN);
      const reader = await c.token(['read']);
      const other = await c.token(['read', 'moderate'], {
        site: (await c.store.access.createSite({ slug: 'de-eik', name: 'De Eik' }, new Date().toISOString())).slug,
      });
      expect((await admin('', { token: null })).status).toBe(401);
      expect((await admin('', { token: reader })).status).toBe(200);
      expect((await admin(`/${made.id}`, { token: reader })).status).toBe(200);
      expect((await admin('', { token: other })).status).toBe(403);
      const changes: [string, RequestInit][] = [
        ['', { method: 'POST', body: JSON.stringify(KOKEN) }],
        [`/${made.id}`, { method: 'PUT', body: JSON.stringify(KOKEN) }],
        [`/${made.id}`, { method: 'DELETE' }],
        ['/import', { method: 'POST', body: 'BEGIN:VCALENDAR', headers: { 'content-type': 'text/calendar' } }],
      ];
      for (const [path, init] of changes) {
        const answer = await admin(path, { ...init, token: reader });
        expect(answer.status, `${init.method} ${path}`).toBe(403);
        expect(((await answer.json()) as Json).error).toBe('insufficient_scope');
        const cross = await admin(path, {
          ...init,
          headers: {
            ...(init.headers as object),
            'sec-fetch-site': 'cross-site',
            ...(init.method !== 'DELETE' && !init.headers ? { 'content-type': 'application/json' } : {}),
          },
        });
        expect(cross.status, `cross-site ${init.method} ${path}`).toBe(403);
        expect(((await cross.json()) as Json).error).toBe('cross_site_request');
      }
      expect((await admin('/not-a-uuid')).status).toBe(404);
      expect((await c.store.activities.list(SITE)).map((r) => r.data.title)).toEqual(['Samen koken']);
    });

    it('lets only allowed origins read cross-origin, and answers their preflight', async () => {
      await create(KOKEN);
      for (const path of ['activities', 'activities.ics']) {
        const foreign = await publicGet(path, { origin: 'https://evil.example' });
        // Refused with no data; readable, so a misconfigured widget can say "not connected".
        expect(foreign.status).toBe(403);
        expect(((await foreign.json()) as Json).error).toBe('origin_not_allowed');
        expect(foreign.headers.get('vary')).toMatch(/Origin/);
        expect((await publicGet(path)).status).toBe(200); // calendar apps send no Origin
      }
      const preflight = await fetch(`${c.url}/v1/sites/${SITE}/activities`, {
        method: 'OPTIONS',
        headers: { origin: ORIGIN, 'access-control-request-method': 'GET' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect((await publicGet('../nope/activities')).status).toBe(404);
      expect((await fetch(`${c.url}/v1/sites/nope/activities`)).status).toBe(404);
    });

    it('imports an uploaded ICS file, and a second upload updates the same items', async () => {
      const file = readFileSync(new URL('../fixtures/ics/thunderbird-cancelled-occurrence.ics', import.meta.url), 'utf8');
      const upload = () => admin('/import', { method: 'POST', body: file, headers: { 'content-type': 'text/calendar; charset=utf-8' } });
      const first = await upload();
      expect(first.status).toBe(200);
      const one = (await first.json()) as Json;
      expect(one).toMatchObject({ created: 1, updated: 0 });
      expect(one.items[0].data).toMatchObject({
        id: 'b65c2b5b-b785-4edc-9560-e0379036d1f2',
        title: 'one is cancelled',
        timeZone: 'Europe/Berlin',
        recurrence: { rrule: 'FREQ=DAILY;COUNT=3' },
        overrides: [{ recurrenceId: '2020-01-29T22:00:00', status: 'gaat-niet-door' }],
      });
      const again = (await (await upload()).json()) as Json;
      expect(again).toMatchObject({ created: 0, updated: 1 });
      expect(again.items[0].id).toBe(one.items[0].id);
      const feed = parseIcs(await (await publicGet('activities.ics')).text());
      expect(feed.events.map((e) => [e.uid, e.rrule])).toEqual([
        [`b65c2b5b-b785-4edc-9560-e0379036d1f2@${SITE}.buurtkit`, 'FREQ=DAILY;COUNT=3'],
      ]);
      const audit = (await c.store.audit.list(SITE)).filter((e) => e.action === 'activity.import');
      expect(audit.map((e) => e.rowCount)).toEqual([1, 1]);

      const json = await admin('/import', { method: 'POST', body: JSON.stringify({}) });
      expect(json.status).toBe(415);
      const empty = await admin('/import', { method: 'POST', body: 'hello', headers: { 'content-type': 'text/calendar' } });
      expect(empty.status).toBe(422);
      const huge = await admin('/import', { method: 'POST', body: 'x'.repeat(40_000), headers: { 'content-type': 'text/calendar' } });
      expect(huge.status).toBe(413);
    });

    it('imports events without UID idempotently and removes what a new export of the same calendar no longer has', async () => {
      // Outlook Web App writes no UIDs; a re-download of the same export differs in its header lines.
      const owa = readFileSync(new URL('../fixtures/ics/exchange-owa-label-tzids.ics', import.meta.url), 'utf8');
      const upload = async (body: string) => {
        const answer = await admin('/import', { method: 'POST', body, headers: { 'content-type': 'text/calendar' } });
        expect(answer.status).toBe(200);
        return (await answer.json()) as Json;
      };
      const own = await create(KOKEN);
      expect(await upload(owa)).toMatchObject({ created: 4, updated: 0, removed: 0, removedTitles: [] });
      const redownloaded = owa.replace(/^VERSION:2.0/m, 'VERSION:2.0\nX-WR-CALDESC:Buurthuis');
      expect(await upload(redownloaded)).toMatchObject({ created: 0, updated: 4, removed: 0 });
      const live = async () => (await c.store.activities.list(SITE)).map((r) => r.data.title).sort();
      expect(await live()).toEqual(['Samen koken', 'TEST', 'TEST 3', 'TEST Syd', 'TEST2']);

      // A new export without "TEST 3" and with one event added at the top: one created, one removed.
      const edited = owa
        .replace(/BEGIN:VEVENT\r?\n(?:(?!END:VEVENT)[\s\S])*?SUMMARY: TEST 3[\s\S]*?END:VEVENT\r?\n/, '')
        .replace('BEGIN:VEVENT', 'BEGIN:VEVENT\nDTSTART:20201027T100000Z\nSUMMARY:Nieuw\nEND:VEVENT\nBEGIN:VEVENT');
      expect(await upload(edited)).toMatchObject({ created: 1, updated: 3, removed: 1, removedTitles: ['TEST 3'] });
      expect(await live()).toEqual(['Nieuw', 'Samen koken', 'TEST', 'TEST Syd', 'TEST2']);
      expect(await upload(edited)).toMatchObject({ created: 0, updated: 4, removed: 0 });

      // Another calendar (another name) leaves these alone; the coordinator's own item is never removed.
      const other = readFileSync(new URL('../fixtures/ics/thunderbird-cancelled-occurrence.ics', import.meta.url), 'utf8');
      expect(await upload(other)).toMatchObject({ created: 1, removed: 0 });
      expect((await live()).length).toBe(6);
      expect((await c.store.activities.list(SITE)).find((r) => r.id === own.id)?.source).toBeUndefined();
      const audit = (await c.store.audit.list(SITE)).filter((e) => e.action === 'activity.import');
      expect(audit.map((e) => e.rowCount)).toEqual([4, 4, 5, 4, 1]);
    });

    it('keeps all-day events on their own dates whatever X-WR-TIMEZONE says, in storage and in expanded answers', async () => {
      const feed = [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Feestdagen//NL',
        'X-WR-CALNAME:Feestdagen',
        'X-WR-TIMEZONE:Etc/GMT',
        'BEGIN:VEVENT',
        'UID:nieuwjaar',
        'DTSTART;VALUE=DATE:20270101',
        'DTEND;VALUE=DATE:20270102',
        'SUMMARY:Nieuwjaarsdag',
        'RRULE:FREQ=YEARLY',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n');
      const answer = await admin('/import', { method: 'POST', body: feed, headers: { 'content-type': 'text/calendar' } });
      expect(answer.status).toBe(200);
      const [stored] = await c.store.activities.list(SITE);
      expect(stored!.data).toMatchObject({ allDay: true, start: '2027-01-01', timeZone: 'Europe/Amsterdam' });
      const got = (await (await publicGet('activities?from=2026-12-31&to=2027-01-03&expand=occurrences')).json()) as Json;
      expect(got.occurrences.map((o: Json) => [o.start, o.end])).toEqual([['2027-01-01T00:00:00+01:00', '2027-01-02T00:00:00+01:00']]);
      // Not on 2 January: the day after is empty.
      const next = (await (await publicGet('activities?from=2027-01-02&to=2027-01-02&expand=occurrences')).json()) as Json;
      expect(next.occurrences).toEqual([]);
      const ics = await (await publicGet('activities.ics')).text();
      expect(ics).toMatch(/DTSTART;VALUE=DATE:20270101\r\n/);
    });
  });
}
