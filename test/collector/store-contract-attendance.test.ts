/**
 * The "ik kom" part of the Store contract, against a SQLite file and, with DATABASE_URL,
 * PostgreSQL: places are counted per occurrence, never past the capacity, even when many
 * requests arrive at once on two store instances; retries count once.
 */
import { describe, expect, it, beforeEach } from 'vitest';
import type { NewAttendance } from '../../src/collector/store/types.js';
import { activitySchema, uuidv7 } from '../../src/schema/index.js';
import { noticePostgresSkipped } from './pg.js';
import { contractBackends, useContractStore } from './store-contract.js';

noticePostgresSkipped('attendance contract tests');

const T0 = '2026-03-01T09:00:00.000Z';

const koken = (id: string, capacity = 12) =>
  activitySchema.parse({
    id,
    title: 'Samen koken',
    start: '2026-03-27T17:30',
    end: '2026-03-27T20:00',
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=FR' },
    registration: { kind: 'capacity', capacity },
  });

for (const [name, makeStore] of contractBackends()) {
  describe(`Store contract: attendance (${name})`, () => {
    const fx = useContractStore(makeStore);
    let activity: string;

    const ask = (over: Partial<NewAttendance> = {}): NewAttendance => ({
      id: uuidv7(),
      site: 'linde',
      activityId: activity,
      occurrence: '2026-03-27T17:30:00',
      places: 1,
      capacity: 12,
      createdAt: T0,
      ...over,
    });

    beforeEach(async () => {
      activity = uuidv7();
      await fx.store.activities.create({ id: activity, site: 'linde', data: koken(activity) }, T0);
    });

    it('counts places per occurrence, refuses what does not fit, and counts a retry once', async () => {
      const first = ask({ places: 3 });
      expect(await fx.store.activities.addAttendance(first)).toEqual({ outcome: 'created', taken: 3, places: 3 });
      expect(await fx.store.activities.addAttendance({ ...first, places: 9 })).toEqual({ outcome: 'duplicate', taken: 3, places: 3 });
      expect(await fx.store.activities.addAttendance(ask({ places: 8 }))).toEqual({ outcome: 'created', taken: 11, places: 8 });
      expect(await fx.store.activities.addAttendance(ask({ places: 2 }))).toEqual({ outcome: 'full', taken: 11, places: 2 });
      expect(await fx.store.activities.addAttendance(ask({ places: 1 }))).toEqual({ outcome: 'created', taken: 12, places: 1 });
      // Another occurrence of the same activity has its own places.
      expect(await fx.store.activities.addAttendance(ask({ occurrence: '2026-04-03T17:30:00', places: 12 }))).toMatchObject({
        outcome: 'created',
        taken: 12,
      });
      // The id of another site's answer is a conflict, never a count.
      await fx.store.activities.create({ id: uuidv7(), site: 'eik', data: koken('x') }, T0);
      expect((await fx.store.activities.addAttendance({ ...first, site: 'eik' })).outcome).toBe('conflict');
    });

    it('lists places and answers per occurrence in a date range, without deleted activities', async () => {
      await fx.store.activities.addAttendance(ask({ places: 2 }));
      await fx.store.activities.addAttendance(ask({ places: 1 }));
      await fx.store.activities.addAttendance(ask({ occurrence: '2026-04-03T17:30:00', places: 4 }));
      const gone = uuidv7();
      await fx.store.activities.create({ id: gone, site: 'linde', data: koken(gone) }, T0);
      await fx.store.activities.addAttendance(ask({ activityId: gone, places: 5 }));
      await fx.store.activities.delete('linde', gone, T0);
      expect(await fx.store.activities.listAttendance('linde')).toEqual([
        { activityId: activity, occurrence: '2026-03-27T17:30:00', places: 3, responses: 2 },
        { activityId: activity, occurrence: '2026-04-03T17:30:00', places: 4, responses: 1 },
      ]);
      expect(await fx.store.activities.listAttendance('linde', { from: '2026-04-01', to: '2026-04-03' })).toEqual([
        { activityId: activity, occurrence: '2026-04-03T17:30:00', places: 4, responses: 1 },
      ]);
      expect(await fx.store.activities.listAttendance('linde', { from: '2026-03-28', to: '2026-04-02' })).toEqual([]);
      expect(await fx.store.activities.listAttendance('eik')).toEqual([]);
    });

    it('grants exactly the capacity to 60 simultaneous requests on two instances', async () => {
      const second = await fx.open();
      const requests = Array.from({ length: 60 }, () => ask());
      const outcomes = await Promise.all(requests.map((r, n) => (n % 2 ? second : fx.store).activities.addAttendance(r)));
      expect(outcomes.filter((o) => o.outcome === 'created')).toHaveLength(12);
      expect(outcomes.filter((o) => o.outcome === 'full')).toHaveLength(48);
      expect(outcomes.filter((o) => o.outcome === 'full').every((o) => o.taken === 12)).toBe(true);
      const granted = 12;
      expect(await fx.store.activities.listAttendance('linde')).toEqual([
        { activityId: activity, occurrence: '2026-03-27T17:30:00', places: 12, responses: 12 },
      ]);
      // Repeating every request concurrently counts nothing again.
      const again = await Promise.all(requests.map((r, n) => (n % 2 ? fx.store : second).activities.addAttendance(r)));
      expect((await fx.store.activities.listAttendance('linde'))[0]!.places).toBe(granted);
      expect(again.filter((o) => o.outcome === 'created')).toEqual([]);
    });
  });
}
