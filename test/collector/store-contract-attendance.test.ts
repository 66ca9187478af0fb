/**
 * The "ik kom" part of the Store contract, against a SQLite file and, with DATABASE_URL,
 * PostgreSQL: places are counted per occurrence, never past the capacity, even when many
 * requests arrive at once on two store instances; retries count once.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/collector/store/postgres.js';
import { SqliteStore } from '../../src/collector/store/sqlite.js';
import type { NewAttendance, Store } from '../../src/collector/store/types.js';
import { activitySchema, uuidv7 } from '../../src/schema/index.js';
import { tempDir } from './helpers.js';
import { dropSchema, freshSchemaName, noticePostgresSkipped, PG_URL } from './pg.js';

noticePostgresSkipped('attendance contract tests');

const T0 = '2026-03-01T09:00:00.000Z';

interface Backend {
  name: string;
  make: () => { open: () => Promise<Store>; cleanup: () => Promise<void> };
}

const backends: Backend[] = [
  {
    name: 'SQLite',
    make: () => {
      const { dir, cleanup } = tempDir();
      const path = join(dir, 'attendance.sqlite');
      return { open: async () => new SqliteStore(path), cleanup: async () => cleanup() };
    },
  },
];
if (PG_URL) {
  const url = PG_URL;
  backends.push({
    name: 'PostgreSQL',
    make: () => {
      const schema = freshSchemaName();
      return { open: () => PostgresStore.open({ url, schema }), cleanup: () => dropSchema(schema) };
    },
  });
}

const koken = (id: string, capacity = 12) =>
  activitySchema.parse({
    id,
    title: 'Samen koken',
    start: '2026-03-27T17:30',
    end: '2026-03-27T20:00',
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=FR' },
    registration: { kind: 'capacity', capacity },
  });

for (const backend of backends) {
  describe(`Store contract: attendance (${backend.name})`, () => {
    let db: ReturnType<Backend['make']>;
    let stores: Store[];
    let store: Store;
    let activity: string;

    const open = async () => {
      const s = await db.open();
      stores.push(s);
      return s;
    };
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
      db = backend.make();
      stores = [];
      store = await open();
      await store.access.createSite({ slug: 'linde', name: 'De Linde' }, T0);
      await store.access.createSite({ slug: 'eik', name: 'De Eik' }, T0);
      activity = uuidv7();
      await store.activities.create({ id: activity, site: 'linde', data: koken(activity) }, T0);
    });

    afterEach(async () => {
      for (const s of stores) await s.close();
      await db.cleanup();
    });

    it('counts places per occurrence, refuses what does not fit, and counts a retry once', async () => {
      const first = ask({ places: 3 });
      expect(await store.activities.addAttendance(first)).toEqual({ outcome: 'created', taken: 3, places: 3 });
      expect(await store.activities.addAttendance({ ...first, places: 9 })).toEqual({ outcome: 'duplicate', taken: 3, places: 3 });
      expect(await store.activities.addAttendance(ask({ places: 8 }))).toEqual({ outcome: 'created', taken: 11, places: 8 });
      expect(await store.activities.addAttendance(ask({ places: 2 }))).toEqual({ outcome: 'full', taken: 11, places: 2 });
      expect(await store.activities.addAttendance(ask({ places: 1 }))).toEqual({ outcome: 'created', taken: 12, places: 1 });
      // Another occurrence of the same activity has its own places.
      expect(await store.activities.addAttendance(ask({ occurrence: '2026-04-03T17:30:00', places: 12 }))).toMatchObject({
        outcome: 'created',
        taken: 12,
      });
      // The id of another site's answer is a conflict, never a count.
      await store.activities.create({ id: uuidv7(), site: 'eik', data: koken('x') }, T0);
      expect((await store.activities.addAttendance({ ...first, site: 'eik' })).outcome).toBe('conflict');
    });

    it('lists places and answers per occurrence in a date range, without deleted activities', async () => {
      await store.activities.addAttendance(ask({ places: 2 }));
      await store.activities.addAttendance(ask({ places: 1 }));
      await store.activities.addAttendance(ask({ occurrence: '2026-04-03T17:30:00', places: 4 }));
      const gone = uuidv7();
      await store.activities.create({ id: gone, site: 'linde', data: koken(gone) }, T0);
      await store.activities.addAttendance(ask({ activityId: gone, places: 5 }));
      await store.activities.delete('linde', gone, T0);
      expect(await store.activities.listAttendance('linde')).toEqual([
        { activityId: activity, occurrence: '2026-03-27T17:30:00', places: 3, responses: 2 },
        { activityId: activity, occurrence: '2026-04-03T17:30:00', places: 4, responses: 1 },
      ]);
      expect(await store.activities.listAttendance('linde', { from: '2026-04-01', to: '2026-04-03' })).toEqual([
        { activityId: activity, occurrence: '2026-04-03T17:30:00', places: 4, responses: 1 },
      ]);
      expect(await store.activities.listAttendance('linde', { from: '2026-03-28', to: '2026-04-02' })).toEqual([]);
      expect(await store.activities.listAttendance('eik')).toEqual([]);
    });

    it('grants exactly the capacity to 60 simultaneous requests on two instances', async () => {
      const second = await open();
      const requests = Array.from({ length: 60 }, () => ask());
      const outcomes = await Promise.all(requests.map((r, n) => (n % 2 ? second : store).activities.addAttendance(r)));
      expect(outcomes.filter((o) => o.outcome === 'created')).toHaveLength(12);
      expect(outcomes.filter((o) => o.outcome === 'full')).toHaveLength(48);
      expect(outcomes.filter((o) => o.outcome === 'full').every((o) => o.taken === 12)).toBe(true);
      const granted = 12;
      expect(await store.activities.listAttendance('linde')).toEqual([
        { activityId: activity, occurrence: '2026-03-27T17:30:00', places: 12, responses: 12 },
      ]);
      // Repeating every request concurrently counts nothing again.
      const again = await Promise.all(requests.map((r, n) => (n % 2 ? store : second).activities.addAttendance(r)));
      expect((await store.activities.listAttendance('linde'))[0]!.places).toBe(granted);
      expect(again.filter((o) => o.outcome === 'created')).toEqual([]);
    });
  });
}
