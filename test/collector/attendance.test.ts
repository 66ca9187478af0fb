/**
 * "Ik kom" through real HTTP on every backend (SQLite always, PostgreSQL with DATABASE_URL):
 * counts per occurrence, idempotent retries, an honest "vol", and no overbooking when many
 * visitors press the button at the same moment.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, ORIGIN, SITE, postJson, startTestCollector, type TestCollector } from './helpers.js';
import { attendanceEnvelope, NOW } from './attendance-helpers.js';
import { noticePostgresSkipped } from './pg.js';

noticePostgresSkipped('attendance route tests');

const KOKEN = {
  title: 'Samen koken',
  start: '2026-03-06T17:30',
  end: '2026-03-06T20:00',
  recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=FR' },
  overrides: [{ recurrenceId: '2026-04-03T17:30', status: 'gaat-niet-door', statusReason: 'Goede Vrijdag' }],
  // A larger group per "ik kom" than the default 4 (attendance-protection.test.ts covers the default).
  registration: { kind: 'capacity', capacity: 15, maxPlaces: 10 },
};

type Json = Record<string, any>;

for (const backend of BACKENDS) {
  describe(`"ik kom" (${backend})`, () => {
    let c: TestCollector;
    let id: string;
    beforeEach(async () => {
      c = await startTestCollector({ backend, clock: () => NOW, rateLimits: { votes: { limit: 1000, windowMs: 60_000 } } });
      const token = await c.token(['read', 'moderate']);
      const made = await postJson(`${c.url}/v1/admin/sites/${SITE}/activities`, KOKEN, { authorization: `Bearer ${token}` });
      expect(made.status).toBe(201);
      id = ((await made.json()) as Json).data.id;
    });
    afterEach(async () => c.close());

    const attend = (envelope: Json, activity = id, headers: Record<string, string> = { origin: ORIGIN }) =>
      postJson(`${c.url}/v1/sites/${SITE}/activities/${encodeURIComponent(activity)}/attendance`, envelope, headers);
    const remaining = async () =>
      ((await (await fetch(`${c.url}/v1/sites/${SITE}/activities?from=2026-03-01&to=2026-04-30`)).json()) as Json).remaining;

    it('counts places, answers a retry as a duplicate, and says "vol" with what is left', async () => {
      expect(await remaining()).toEqual({});
      const first = attendanceEnvelope(id, { places: 4 });
      const answer = await attend(first);
      expect(answer.status).toBe(201);
      expect(answer.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(await answer.json()).toEqual({ id: first.id, status: 'received', places: 4, taken: 4, remaining: 11 });
      const retry = await attend(first);
      expect(retry.status).toBe(200);
      expect(await retry.json()).toMatchObject({ status: 'duplicate', taken: 4, remaining: 11 });
      expect((await attend(attendanceEnvelope(id, { places: 10 }))).status).toBe(201);
      const full = await attend(attendanceEnvelope(id, { places: 2 }));
      expect(full.status).toBe(409);
      expect(await full.json()).toMatchObject({ error: 'activity_full', message: 'Vol: er is nog 1 plek', taken: 14, remaining: 1 });
      expect(await remaining()).toEqual({ [id]: { '2026-03-27T17:30:00': 1 } });
    });

    it('refuses unknown, cancelled, past and uncounted occurrences, a foreign website, and bad fields', async () => {
      expect((await attend(attendanceEnvelope(id, { occurrence: '2026-03-28T17:30' }))).status).toBe(404);
      const cancelled = await attend(attendanceEnvelope(id, { occurrence: '2026-04-03T17:30' }));
      expect(cancelled.status).toBe(410);
      expect(((await cancelled.json()) as Json).error).toBe('occurrence_closed');
      expect((await attend(attendanceEnvelope(id, { occurrence: '2026-03-13T17:30' }))).status).toBe(410);
      expect((await attend(attendanceEnvelope('nope'), 'nope')).status).toBe(404);
      const other = attendanceEnvelope(id);
      expect((await attend(other, 'another-id')).status).toBe(422);
      const tooMany = await attend(attendanceEnvelope(id, { places: 11 }));
      expect(tooMany.status).toBe(422);
      expect(((await tooMany.json()) as Json).issues[0].path).toBe('data.places');
      expect((await attend(attendanceEnvelope(id), id, { origin: 'https://evil.example' })).status).toBe(403);

      const token = await c.token(['read', 'moderate']);
      const open = await postJson(
        `${c.url}/v1/admin/sites/${SITE}/activities`,
        { title: 'Inloop koffie', start: '2026-03-27T10:00' },
        {
          authorization: `Bearer ${token}`,
        },
      );
      const openId = ((await open.json()) as Json).data.id;
      const uncounted = await attend(attendanceEnvelope(openId, { occurrence: '2026-03-27T10:00' }), openId);
      expect(uncounted.status).toBe(422);
      expect(((await uncounted.json()) as Json).issues[0].code).toBe('no_capacity');
      expect(await remaining()).toEqual({});
    });

    it('keeps nothing from a bot that filled the trap', async () => {
      const bot = attendanceEnvelope(id, { places: 5 }, { trap: { honeypot: 'http://spam', elapsedMs: 10 } });
      expect((await attend(bot)).status).toBe(201);
      expect(await remaining()).toEqual({});
    });

    it('grants exactly the capacity to 40 simultaneous visitors; the rest hear "vol"', async () => {
      const answers = await Promise.all(Array.from({ length: 40 }, () => attend(attendanceEnvelope(id))));
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(15);
      expect(statuses.filter((s) => s === 409)).toHaveLength(25);
      const bodies = (await Promise.all(answers.map((a) => a.json()))) as Json[];
      expect(
        bodies.filter((b) => b.error === 'activity_full').every((b) => b.remaining === 0 && b.message === 'Vol: er is geen plek meer'),
      ).toBe(true);
      expect(await remaining()).toEqual({ [id]: { '2026-03-27T17:30:00': 0 } });
    });
  });
}
