/** The activities part of the Store contract, against SQLite and, with DATABASE_URL, PostgreSQL. */
import { describe, expect, it } from 'vitest';
import { activitySchema, openingHoursSchema, uuidv7 } from '../../src/schema/index.js';
import { at, contractBackends, useContractStore } from './store-contract.js';

for (const [name, makeStore] of contractBackends()) {
  describe(`Store contract, activities: ${name}`, () => {
    const fx = useContractStore(makeStore);

    describe('activities', () => {
      const koken = (id: string) =>
        activitySchema.parse({
          id,
          title: 'Samen koken',
          start: '2026-03-27T17:30',
          end: '2026-03-27T20:00',
          recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=FR', pauses: [{ from: '07-15', to: '08-31' }] },
          audience: ['iedereen'],
          cost: { kind: 'contribution', amount: 350 },
          description: 'Met €, “quotes” en een\nregel',
        });
      const inloop = (id: string) =>
        openingHoursSchema.parse({ kind: 'opening-hours', id, title: 'Inloop', start: '2026-03-30T10:00', end: '2026-03-30T12:00' });

      it('creates, reads back the same data, lists live items oldest first per site', async () => {
        const a = uuidv7();
        const b = uuidv7();
        const created = await fx.store.activities.create({ id: a, site: 'linde', data: koken(a) }, at(0));
        expect(created).toEqual({ id: a, site: 'linde', kind: 'activity', data: koken(a), createdAt: at(0), updatedAt: at(0) });
        await fx.store.activities.create({ id: b, site: 'linde', data: inloop(b) }, at(1));
        await fx.store.activities.create({ id: uuidv7(), site: 'eik', data: inloop('x') }, at(2));
        const second = await fx.open();
        expect(await second.activities.get('linde', a)).toEqual(created);
        expect(await second.activities.get('eik', a)).toBeNull();
        const list = await second.activities.list('linde');
        expect(list.map((r) => [r.id, r.kind])).toEqual([
          [a, 'activity'],
          [b, 'opening-hours'],
        ]);
        expect(list[1]!.data).toEqual(inloop(b));
      });

      it('updates data and kind of live items only, and soft-deletes once', async () => {
        const a = uuidv7();
        await fx.store.activities.create({ id: a, site: 'linde', data: koken(a) }, at(0));
        expect(await fx.store.activities.update('eik', a, inloop(a), at(5))).toBeNull();
        const updated = await fx.store.activities.update('linde', a, inloop(a), at(5));
        expect(updated).toEqual({ id: a, site: 'linde', kind: 'opening-hours', data: inloop(a), createdAt: at(0), updatedAt: at(5) });
        expect(await fx.store.activities.delete('eik', a, at(6))).toBe(false);
        expect(await fx.store.activities.delete('linde', a, at(6))).toBe(true);
        expect(await fx.store.activities.delete('linde', a, at(7))).toBe(false);
        expect(await fx.store.activities.get('linde', a)).toBeNull();
        expect(await fx.store.activities.list('linde')).toEqual([]);
        expect(await fx.store.activities.update('linde', a, koken(a), at(8))).toBeNull();
      });
    });
  });
}
