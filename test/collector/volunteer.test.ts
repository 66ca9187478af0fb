/**
 * Volunteer sign-ups on the collector, over real HTTP on SQLite and, with DATABASE_URL,
 * PostgreSQL: no overbooking under concurrency, cancel → promotion → confirm or expiry, the
 * public answers (counts, never names), reminders, exports and the day list.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/schema/index.js';
import { BACKENDS, ORIGIN, postJson, SITE, startTestCollector, tablesContaining, type TestCollector } from './helpers.js';

const HOUR = 3_600_000;
let now = Date.parse('2026-11-23T08:00:00Z'); // Monday 09:00 in Amsterdam
const clock = () => now;
let c: TestCollector | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
  now = Date.parse('2026-11-23T08:00:00Z');
});

const newToken = () => randomBytes(32).toString('base64url');

async function admin(t: TestCollector, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${t.url}/v1/admin/sites/${t.site}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return res;
}

async function setUp(backend: (typeof BACKENDS)[number], capacity: number, shift: Record<string, unknown> = {}) {
  c = await startTestCollector({ backend, clock, rateLimits: { submissions: { limit: 10_000, windowMs: 60_000 } } });
  const token = await c.token(['read', 'moderate', 'export']);
  const role = await (
    await admin(c, token, 'POST', '/volunteer/roles', { name: 'Gastvrouw of gastheer', host: true, notAsked: 'Geen hulpverlening' })
  ).json();
  const made = await admin(c, token, 'POST', '/volunteer/shifts', {
    roleId: role.id,
    start: '2026-11-24T09:45',
    end: '2026-11-24T12:15',
    capacity,
    ...shift,
  });
  expect(made.status).toBe(201);
  return { t: c, token, roleId: role.id as string, shiftId: (await made.json()).id as string };
}

function signup(shifts: { shiftId: string; date: string }[], firstName: string, cancelToken = newToken()) {
  return {
    cancelToken,
    envelope: {
      id: uuidv7(),
      site: SITE,
      widget: 'volunteer-signup',
      schemaVersion: 1,
      sentAt: new Date(now).toISOString(),
      locale: 'nl',
      data: { kind: 'shifts', shifts, firstName, contact: `${firstName.toLowerCase()}@example.nl`, cancelToken },
      trap: { honeypot: '', elapsedMs: 9000 },
    },
  };
}

const manage = (t: TestCollector, token: string, action: string, ids?: string[]) =>
  postJson(`${t.url}/v1/sites/${t.site}/volunteer/manage`, { token, action, ...(ids ? { ids } : {}) }, { origin: ORIGIN });

const statusOf = async (t: TestCollector, token: string) => (await (await manage(t, token, 'view')).json()).signups[0].status as string;

for (const backend of BACKENDS) {
  describe(`volunteer sign-ups on ${backend}`, () => {
    it('50 simultaneous sign-ups for 5 places: exactly 5 confirmed and 45 waitlisted', async () => {
      const { t, shiftId } = await setUp(backend, 5);
      const requests = Array.from({ length: 50 }, (_, n) => signup([{ shiftId, date: '2026-11-24' }], `Persoon${n}`));
      const answers = await Promise.all(
        requests.map((r) => postJson(`${t.url}/v1/sites/${t.site}/submissions`, r.envelope, { origin: ORIGIN })),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
      const statuses = (await Promise.all(answers.map((a) => a.json()))).map((b) => b.signups[0].status);
      expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(5);
      expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(45);
      const roster = await (await fetch(`${t.url}/v1/sites/${t.site}/volunteer`)).json();
      expect(roster.occurrences).toMatchObject([{ shiftId, date: '2026-11-24', capacity: 5, remaining: 0, waitlist: 45 }]);
      // Counts only: nobody's name or contact in the public answer.
      expect(JSON.stringify(roster)).not.toMatch(/Persoon|example\.nl/);
    });

    it('retention: three months after the shift its first name and contact are gone, its hours stay', async () => {
      const { t, token, shiftId } = await setUp(backend, 2);
      const anna = signup([{ shiftId, date: '2026-11-24' }], 'Anna');
      expect((await postJson(`${t.url}/v1/sites/${t.site}/submissions`, anna.envelope)).status).toBe(201);
      const { purge } = await import('../../src/collector/privacy/retention.js');
      const line = async (at: string, dryRun = false) =>
        (await purge(t.store, { now: new Date(at), actor: 'cli', site: t.site, dryRun })).find((l) => l.action === 'purge.signup-contact')!;
      expect((await line('2027-02-23T12:00:00Z')).count).toBe(0); // not yet three months after the shift
      expect((await line('2027-02-25T12:00:00Z', true)).count).toBe(1);
      expect(await tablesContaining(t.store, 'anna@example.nl')).not.toEqual([]); // a dry run changes nothing
      expect(await line('2027-02-25T12:00:00Z')).toMatchObject({ count: 1, months: 3 });
      expect(await tablesContaining(t.store, 'anna@example.nl')).toEqual([]);
      expect(await tablesContaining(t.store, 'Anna')).toEqual([]);
      const [kept] = await t.store.volunteer.list(t.site, { from: '1970-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' });
      expect(kept).toMatchObject({ shiftId, firstName: '', contact: '', startAt: '2026-11-24T08:45:00.000Z' });
      expect((await line('2027-03-25T12:00:00Z')).count).toBe(0); // idempotent
      void token;
    });

    it('a retried envelope is a duplicate with the same answer, and no second place', async () => {
      const { t, shiftId } = await setUp(backend, 1);
      const first = signup([{ shiftId, date: '2026-11-24' }], 'Anna');
      const a = await postJson(`${t.url}/v1/sites/${t.site}/submissions`, first.envelope);
      const b = await postJson(`${t.url}/v1/sites/${t.site}/submissions`, first.envelope);
      expect([a.status, b.status]).toEqual([201, 200]);
      expect((await b.json()).signups).toEqual([{ shiftId, date: '2026-11-24', status: 'confirmed' }]);
      const other = signup([{ shiftId, date: '2026-11-24' }], 'Bram');
      expect((await (await postJson(`${t.url}/v1/sites/${t.site}/submissions`, other.envelope)).json()).signups[0].status).toBe(
        'waitlisted',
      );
    });

    it('cancel offers the place to the first waiting; confirm takes it; an offer not confirmed in time passes on', async () => {
      const { t, token, shiftId } = await setUp(backend, 1);
      const slot = [{ shiftId, date: '2026-11-24' }];
      const [anna, bram, carla] = [signup(slot, 'Anna'), signup(slot, 'Bram'), signup(slot, 'Carla')];
      for (const p of [anna, bram, carla]) await postJson(`${t.url}/v1/sites/${t.site}/submissions`, p.envelope);
      expect(await statusOf(t, bram.cancelToken)).toBe('waitlisted');
      await t.store.webhooks.set({
        site: t.site,
        url: 'https://hooks.example.nl/vrijwilligers',
        secret: 's',
        createdAt: new Date(now).toISOString(),
      });

      const cancelled = await (await manage(t, anna.cancelToken, 'cancel')).json();
      expect(cancelled.signups[0].status).toBe('cancelled');
      const offered = (await (await manage(t, bram.cancelToken, 'view')).json()).signups[0];
      expect(offered.status).toBe('offered');
      // 48 h by default, but never past the start of the shift (tomorrow 09:45 local).
      expect(offered.offerExpiresAt).toBe('2026-11-24T08:45:00.000Z');
      const notes = await (await admin(t, token, 'GET', '/volunteer/notifications?unsent=true')).json();
      expect(notes.notifications).toHaveLength(1);
      expect(notes.notifications[0].payload).toMatchObject({ event: 'volunteer.offered', firstName: 'Bram', contact: 'bram@example.nl' });
      // The site's webhook gets the same event (queued; the dispatcher in serve sends it).
      expect((await t.store.webhooks.listDeliveries(t.site, 10)).map((d) => [d.event, d.status])).toEqual([
        ['volunteer.offered', 'pending'],
      ]);

      // Bram lets it run out; the shift has started by then, so Carla is not offered any more.
      now = Date.parse('2026-11-24T08:30:00Z'); // before the deadline
      expect(await statusOf(t, bram.cancelToken)).toBe('offered');
      now = Date.parse('2026-11-24T08:50:00Z'); // past the deadline, which was the shift's start
      const roster = await (await fetch(`${t.url}/v1/sites/${t.site}/volunteer?from=2026-11-24&to=2026-11-24`)).json();
      expect(roster.occurrences).toEqual([]); // started: no longer offered publicly
      expect(await statusOf(t, bram.cancelToken)).toBe('expired');
      expect(await statusOf(t, carla.cancelToken)).toBe('waitlisted');
      const sent = await admin(t, token, 'POST', '/volunteer/notifications/sent', { ids: [notes.notifications[0].id] });
      expect((await sent.json()).marked).toBe(1);
    });

    it('an offer confirmed through the link holds; an expired one passes to the next', async () => {
      const { t, shiftId } = await setUp(backend, 1, { start: '2026-11-30T09:45', end: '2026-11-30T12:15' });
      const slot = [{ shiftId, date: '2026-11-30' }];
      const people = ['Anna', 'Bram', 'Carla', 'Dirk'].map((n) => signup(slot, n));
      for (const p of people) await postJson(`${t.url}/v1/sites/${t.site}/submissions`, p.envelope);
      const [anna, bram, carla, dirk] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0], (typeof people)[0]];
      await manage(t, anna.cancelToken, 'cancel');
      now += 49 * HOUR;
      // Bram did not confirm within 48 hours: expired, Carla is offered; Bram can no longer confirm.
      const late = await (await manage(t, bram.cancelToken, 'confirm')).json();
      expect(late.signups[0].status).toBe('expired');
      expect(await statusOf(t, carla.cancelToken)).toBe('offered');
      const ok = await (await manage(t, carla.cancelToken, 'confirm')).json();
      expect(ok.signups[0].status).toBe('confirmed');
      expect(await statusOf(t, dirk.cancelToken)).toBe('waitlisted');
    });

    it('raising the capacity offers the new places to the waitlist at once', async () => {
      const { t, token, roleId, shiftId } = await setUp(backend, 1);
      const slot = [{ shiftId, date: '2026-11-24' }];
      const people = ['Anna', 'Bram', 'Carla'].map((n) => signup(slot, n));
      for (const p of people) await postJson(`${t.url}/v1/sites/${t.site}/submissions`, p.envelope);
      const put = await admin(t, token, 'PUT', `/volunteer/shifts/${shiftId}`, {
        roleId,
        start: '2026-11-24T09:45',
        end: '2026-11-24T12:15',
        capacity: 2,
      });
      expect(put.status).toBe(200);
      expect(await statusOf(t, people[1]!.cancelToken)).toBe('offered');
      expect(await statusOf(t, people[2]!.cancelToken)).toBe('waitlisted');
    });

    it('people: finds a volunteer by contact; erasure keeps the hours nameless, or removes everything', async () => {
      const { t, shiftId } = await setUp(backend, 2);
      const token = await t.token(['admin', 'read']);
      const anna = signup([{ shiftId, date: '2026-11-24' }], 'Anna');
      await postJson(`${t.url}/v1/sites/${t.site}/submissions`, anna.envelope);
      const application = { ...anna.envelope, id: uuidv7(), data: { kind: 'application', contact: 'ANNA@example.nl', needs: 'Een lift' } };
      expect((await postJson(`${t.url}/v1/sites/${t.site}/submissions`, application)).status).toBe(201);
      const shown = await (await admin(t, token, 'POST', '/people', { contact: 'anna@example.nl' })).json();
      expect(shown.matched).toEqual({ ideas: 0, volunteerSignups: 1, volunteerApplications: 1, intakes: 0 });
      const receipt = await (await admin(t, token, 'POST', '/people/erase', { contact: 'anna@example.nl' })).json();
      expect(receipt.removedFields).toEqual(['volunteerSignups.firstName', 'volunteerSignups.contact', 'volunteerApplications.*']);
      expect(await tablesContaining(t.store, 'anna@example.nl')).toEqual([]);
      expect(await tablesContaining(t.store, 'Anna')).toEqual([]);
      expect(await tablesContaining(t.store, 'Een lift')).toEqual([]);
      // The place stays taken and counted; the personal link still cancels it.
      expect(await statusOf(t, anna.cancelToken)).toBe('confirmed');

      const bram = signup([{ shiftId, date: '2026-11-24' }], 'Bram');
      await postJson(`${t.url}/v1/sites/${t.site}/submissions`, bram.envelope);
      const whole = await (await admin(t, token, 'POST', '/people/erase', { contact: 'bram@example.nl', includeContent: true })).json();
      expect(whole).toMatchObject({ matched: { volunteerSignups: 1 }, removedFields: ['volunteerSignups.*'] });
      expect(await tablesContaining(t.store, bram.envelope.id)).toEqual([]);
      expect((await manage(t, bram.cancelToken, 'view')).status).toBe(404);
    });

    it('refuses shifts that do not exist or have started, and unknown tokens', async () => {
      const { t, shiftId } = await setUp(backend, 3);
      const wrongDay = signup([{ shiftId, date: '2026-11-25' }], 'Anna');
      const res = await postJson(`${t.url}/v1/sites/${t.site}/submissions`, wrongDay.envelope);
      expect(res.status).toBe(422);
      expect((await res.json()).issues[0]).toMatchObject({ path: 'data.shifts.0', code: 'shift_not_found' });
      expect((await manage(t, newToken(), 'view')).status).toBe(404);
      now = Date.parse('2026-11-24T09:00:00Z');
      const started = await postJson(`${t.url}/v1/sites/${t.site}/submissions`, signup([{ shiftId, date: '2026-11-24' }], 'Bram').envelope);
      expect((await started.json()).issues[0].code).toBe('shift_started');
    });

    it('a role that still has shifts is not deleted; once its shift is gone it is', async () => {
      const { t, token, roleId, shiftId } = await setUp(backend, 2);
      const refused = await admin(t, token, 'DELETE', `/volunteer/roles/${roleId}`);
      expect(refused.status).toBe(409);
      expect((await refused.json()).error).toBe('role_has_shifts');
      expect((await (await admin(t, token, 'GET', '/volunteer/roles')).json()).roles).toHaveLength(1);
      expect((await admin(t, token, 'DELETE', `/volunteer/shifts/${shiftId}`)).status).toBe(204);
      expect((await admin(t, token, 'DELETE', `/volunteer/roles/${roleId}`)).status).toBe(204);
      expect((await (await admin(t, token, 'GET', '/volunteer/roles')).json()).roles).toHaveLength(0);
    });

    it('roles and shifts: read to look, moderate to change; changes from another website are refused', async () => {
      const { t, token, roleId, shiftId } = await setUp(backend, 2);
      const reader = await t.token(['read']);
      const shift = { roleId, start: '2026-11-24T09:45', end: '2026-11-24T12:15', capacity: 3 };
      const changes: [string, string, unknown?][] = [
        ['POST', '/volunteer/roles', { name: 'Bardienst' }],
        ['PUT', `/volunteer/roles/${roleId}`, { name: 'Gastvrouw' }],
        ['DELETE', `/volunteer/roles/${roleId}`],
        ['POST', '/volunteer/shifts', shift],
        ['PUT', `/volunteer/shifts/${shiftId}`, shift],
        ['DELETE', `/volunteer/shifts/${shiftId}`],
      ];
      const crossSite = (method: string, path: string, body?: unknown) =>
        fetch(`${t.url}/v1/admin/sites/${t.site}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            'sec-fetch-site': 'cross-site',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      for (const [method, path, body] of changes) {
        const cross = await crossSite(method, path, body);
        expect(cross.status, `cross-site ${method} ${path}`).toBe(403);
        expect((await cross.json()).error).toBe('cross_site_request');
        expect((await admin(t, reader, method, path, body)).status, `read-only ${method} ${path}`).toBe(403);
      }
      // Nothing changed; a read token may look.
      const roles = await (await admin(t, reader, 'GET', '/volunteer/roles')).json();
      expect(roles.roles.map((r: { data: { name: string } }) => r.data.name)).toEqual(['Gastvrouw of gastheer']);
      const shifts = await (await admin(t, reader, 'GET', '/volunteer/shifts')).json();
      expect(shifts.shifts).toMatchObject([{ id: shiftId, data: { capacity: 2 } }]);
      // The same changes from the coordinator page itself go through.
      for (const [method, path, body] of changes.slice(3)) {
        const res = await admin(t, token, method, path, body);
        expect(res.status, `${method} ${path}`).toBeLessThan(300);
      }
    });
  });
}

describe('recurring host shifts, host-today, reminders, attendance and exports (SQLite)', () => {
  it('works through a week of host shifts', async () => {
    const { t, token, shiftId } = await setUp('sqlite', 1, {
      start: '2026-11-23T09:45',
      end: '2026-11-23T12:15',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
    });
    const roster = await (await fetch(`${t.url}/v1/sites/${t.site}/volunteer?from=2026-11-23&to=2026-11-29`)).json();
    expect(roster.occurrences.map((o: { date: string }) => o.date)).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
    ]);
    expect(roster.roles[0]).toMatchObject({ name: 'Gastvrouw of gastheer', host: true, notAsked: 'Geen hulpverlening' });

    let today = await (await fetch(`${t.url}/v1/sites/${t.site}/volunteer/host-today`)).json();
    expect(today).toMatchObject({ date: '2026-11-23', hosts: [{ shiftId, filled: false }] });
    const fatima = signup(
      [
        { shiftId, date: '2026-11-23' },
        { shiftId, date: '2026-11-24' },
      ],
      'Fatima',
    );
    expect((await postJson(`${t.url}/v1/sites/${t.site}/submissions`, fatima.envelope)).status).toBe(201);
    today = await (await fetch(`${t.url}/v1/sites/${t.site}/volunteer/host-today`)).json();
    expect(today.hosts[0]).toEqual({
      shiftId,
      title: 'Gastvrouw of gastheer',
      start: '2026-11-23T09:45:00+01:00',
      end: '2026-11-23T12:15:00+01:00',
      filled: true,
    });
    await t.store.access.updateSite(t.site, { settings: { volunteer: { showHostName: true } } });
    today = await (await fetch(`${t.url}/v1/sites/${t.site}/volunteer/host-today`)).json();
    expect(today.hosts[0].firstName).toBe('Fatima');

    // Reminders: within 24 hours only Monday's shift; marked once.
    const due = await (await admin(t, token, 'GET', '/volunteer/reminders?withinHours=24')).json();
    expect(due.reminders.map((r: { date: string }) => r.date)).toEqual(['2026-11-23']);
    const marked = await (await admin(t, token, 'POST', '/volunteer/reminders/sent', { ids: [due.reminders[0].id] })).json();
    expect(marked.marked).toBe(1);
    expect((await (await admin(t, token, 'GET', '/volunteer/reminders?withinHours=24')).json()).reminders).toEqual([]);
    // The webhook way: Tuesday's reminder (within 48 hours) is queued once as a notification.
    expect((await (await admin(t, token, 'POST', '/volunteer/reminders/queue?withinHours=48')).json()).queued).toBe(1);
    expect((await (await admin(t, token, 'POST', '/volunteer/reminders/queue?withinHours=48')).json()).queued).toBe(0);
    const queued = await (await admin(t, token, 'GET', '/volunteer/notifications?unsent=true')).json();
    expect(
      queued.notifications.map((n: { kind: string; payload: { date: string; event: string } }) => [
        n.kind,
        n.payload.event,
        n.payload.date,
      ]),
    ).toEqual([['reminder', 'volunteer.reminder', '2026-11-24']]);

    // Attendance: Tuesday she was not there, so only Monday's 2.5 hours count.
    const list = await (await admin(t, token, 'GET', '/volunteer/signups?from=2026-11-23&to=2026-11-29')).json();
    const tuesday = list.signups.find((s: { date: string }) => s.date === '2026-11-24');
    expect((await admin(t, token, 'PUT', `/volunteer/signups/${tuesday.id}/attendance`, { attended: false })).status).toBe(200);
    const hours = await (await admin(t, token, 'GET', '/export/volunteer-hours.csv?from=2026-11-01&to=2026-11-30')).text();
    expect(hours).toBe('Periode;Voornaam;Contact;Diensten;Uren\r\n2026-11;Fatima;fatima@example.nl;1;2,5\r\n');
    const csv = await (await admin(t, token, 'GET', '/export/volunteer-signups.csv?from=2026-11-01&to=2026-11-30')).text();
    expect(csv.split('\r\n')[1]).toMatch(
      /^2026-11-23 09:45;2026-11-23T08:45:00\.000Z;2026-11-23 12:15;2026-11-23T11:15:00\.000Z;Gastvrouw of gastheer;;;Fatima;fatima@example\.nl;Komt;;2,5;/,
    );
    const xlsx = await admin(t, token, 'GET', '/export/volunteer.xlsx');
    expect(xlsx.status).toBe(200);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    const day = await admin(t, token, 'GET', '/volunteer/day-list?date=2026-11-23');
    expect(day.headers.get('content-type')).toMatch(/text\/html/);
    const page = await day.text();
    expect(page).toMatch(/09:45–12:15.*Fatima/s);
    // The page's own <style> is allowed by its hash (printed styled), and nothing else is.
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    const hash = createHash('sha256').update(style).digest('base64');
    expect(day.headers.get('content-security-policy')).toBe(`default-src 'none'; style-src 'sha256-${hash}'; frame-ancestors 'none'`);
    expect(page).not.toMatch(/style="/);
  });

  it('keeps the general sign-up and lists it for coordinators; needs a contact', async () => {
    const { t, token } = await setUp('sqlite', 1);
    const envelope = {
      id: uuidv7(),
      site: SITE,
      widget: 'volunteer-signup',
      schemaVersion: 1,
      sentAt: new Date(now).toISOString(),
      locale: 'nl',
      data: {
        kind: 'application',
        contact: '06 1234 5678',
        availability: ['di-ochtend'],
        motivation: ['mensen-ontmoeten'],
        needs: 'Een stoel',
      },
      trap: { honeypot: '', elapsedMs: 9000 },
    };
    expect((await postJson(`${t.url}/v1/sites/${t.site}/submissions`, envelope)).status).toBe(201);
    expect((await postJson(`${t.url}/v1/sites/${t.site}/submissions`, envelope)).status).toBe(200);
    const missing = await postJson(`${t.url}/v1/sites/${t.site}/submissions`, { ...envelope, id: uuidv7(), data: { kind: 'application' } });
    expect((await missing.json()).issues[0].path).toBe('data.contact');
    const list = await (await admin(t, token, 'GET', '/volunteer/applications')).json();
    expect(list.applications).toHaveLength(1);
    expect(list.applications[0].data).toMatchObject({ availability: ['di-ochtend'], needs: 'Een stoel' });
  });
});
