/** The volunteer part of the Store contract, against SQLite and, with DATABASE_URL, PostgreSQL. */
import { describe, expect, it } from 'vitest';
import type { ShiftSignupRequest, Store } from '../../src/collector/store/types.js';
import { uuidv7, volunteerRoleSchema, volunteerShiftSchema } from '../../src/schema/index.js';
import { contractBackends, useContractStore } from './store-contract.js';

const HOUR = 3_600_000;
const T0 = '2026-11-20T09:00:00.000Z';
const at = (hours: number) => new Date(Date.parse(T0) + hours * HOUR).toISOString();

for (const [name, makeStore] of contractBackends()) {
  describe(`Store contract, volunteers: ${name}`, () => {
    const fx = useContractStore(makeStore);
    let store: Store;

    async function setUp(capacity = 1) {
      store = fx.store;
      const role = await store.volunteer.createItem(
        { id: uuidv7(), site: 'linde', kind: 'role', data: volunteerRoleSchema.parse({ name: 'Bar' }) },
        T0,
      );
      const shift = await store.volunteer.createItem(
        {
          id: uuidv7(),
          site: 'linde',
          kind: 'shift',
          data: volunteerShiftSchema.parse({ roleId: role.id, start: '2026-11-30T10:00', end: '2026-11-30T12:00', capacity }),
        },
        T0,
      );
      return { roleId: role.id, shiftId: shift.id };
    }

    const request = (shiftId: string, firstName: string, tokenHash = uuidv7()): ShiftSignupRequest => ({
      submission: {
        id: uuidv7(),
        site: 'linde',
        widget: 'volunteer-signup',
        kind: 'shifts',
        locale: 'nl',
        schemaVersion: 1,
        sentAt: T0,
        receivedAt: T0,
        consent: null,
        data: { kind: 'shifts', firstName },
        elapsedMs: 1000,
      },
      tokenHash,
      firstName,
      contact: `${firstName}@example.nl`,
      slots: [{ shiftId, date: '2026-11-30', startAt: '2026-11-30T09:00:00.000Z', endAt: '2026-11-30T11:00:00.000Z' }],
      offerMs: 48 * HOUR,
    });

    it('keeps roles and shifts; updates and soft-deletes them', async () => {
      const { roleId, shiftId } = await setUp();
      expect((await store.volunteer.listItems('linde', 'role')).map((r) => r.id)).toEqual([roleId]);
      const changed = await store.volunteer.updateItem(
        'linde',
        roleId,
        volunteerRoleSchema.parse({ name: 'Bardienst', position: 1 }),
        at(1),
      );
      expect(changed).toMatchObject({ id: roleId, data: { name: 'Bardienst' }, updatedAt: at(1) });
      expect(await store.volunteer.deleteItem('linde', shiftId, at(2))).toBe(true);
      expect(await store.volunteer.deleteItem('linde', shiftId, at(2))).toBe(false);
      expect(await store.volunteer.listItems('linde', 'shift')).toEqual([]);
      expect(await store.volunteer.updateItem('other', roleId, volunteerRoleSchema.parse({ name: 'x' }), at(3))).toBeNull();
    });

    it('confirms, waitlists, dedupes by envelope id, and promotes on cancel with a queued notification', async () => {
      const { shiftId } = await setUp();
      const anna = request(shiftId, 'anna', 'hash-anna');
      const first = await store.volunteer.signUp(anna, T0);
      expect(first.outcome).toBe('created');
      expect(first.signups[0]).toMatchObject({ status: 'confirmed', position: 1, confirmedAt: T0, firstName: 'anna' });
      expect((await store.volunteer.signUp(anna, T0)).outcome).toBe('duplicate');
      const bram = await store.volunteer.signUp(request(shiftId, 'bram', 'hash-bram'), T0);
      expect(bram.signups[0]).toMatchObject({ status: 'waitlisted', position: 2 });

      const cancelled = await store.volunteer.cancel('linde', 'hash-anna', null, { now: at(1), offerMs: 48 * HOUR });
      expect(cancelled.signups.map((s) => [s.firstName, s.status])).toEqual([
        ['anna', 'cancelled'],
        ['bram', 'offered'],
      ]);
      expect(cancelled.notifications).toHaveLength(1);
      expect(cancelled.signups[1]!.offerExpiresAt).toBe(at(49));
      expect((await store.volunteer.listNotifications('linde', { unsentOnly: true })).map((n) => n.signupId)).toEqual([
        bram.signups[0]!.id,
      ]);

      const confirmed = await store.volunteer.confirm('linde', 'hash-bram', { now: at(2), offerMs: 48 * HOUR });
      expect(confirmed.signups[0]).toMatchObject({ status: 'confirmed', confirmedAt: at(2) });
      expect(await store.volunteer.markNotificationsSent('linde', [cancelled.notifications[0]!.id], at(3))).toBe(1);
      expect(await store.volunteer.listNotifications('linde', { unsentOnly: true })).toEqual([]);
    });

    it('sweeps expired offers and offers the place on', async () => {
      const { shiftId } = await setUp();
      await store.volunteer.signUp(request(shiftId, 'anna', 'a'), T0);
      await store.volunteer.signUp(request(shiftId, 'bram', 'b'), T0);
      await store.volunteer.signUp(request(shiftId, 'carla', 'c'), T0);
      await store.volunteer.cancel('linde', 'a', null, { now: at(1), offerMs: 2 * HOUR });
      expect((await store.volunteer.sweep('linde', at(2), () => 2 * HOUR)).signups).toEqual([]);
      const swept = await store.volunteer.sweep(null, at(3), () => 2 * HOUR);
      expect(swept.signups.map((s) => [s.firstName, s.status])).toEqual([
        ['bram', 'expired'],
        ['carla', 'offered'],
      ]);
      expect((await store.volunteer.listByToken('linde', 'b'))[0]!.expiredAt).toBe(at(3));
    });

    it('lists by period, marks attendance and reminders once, keeps applications', async () => {
      const { shiftId } = await setUp(2);
      const made = await store.volunteer.signUp(request(shiftId, 'anna'), T0);
      const id = made.signups[0]!.id;
      expect(await store.volunteer.list('linde', { from: '2026-11-30T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' })).toHaveLength(1);
      expect(await store.volunteer.list('linde', { from: '2026-12-01T00:00:00.000Z', to: '2026-12-02T00:00:00.000Z' })).toEqual([]);
      expect((await store.volunteer.setAttendance('linde', id, true))!.attended).toBe(true);
      expect((await store.volunteer.setAttendance('linde', id, null))!.attended).toBeNull();
      const window = ['2026-11-30T00:00:00.000Z', '2026-11-30T12:00:00.000Z'] as const;
      expect(await store.volunteer.reminderDue('linde', ...window)).toHaveLength(1);
      expect(await store.volunteer.markReminded('linde', [id], at(1))).toBe(1);
      expect(await store.volunteer.markReminded('linde', [id], at(2))).toBe(0);
      expect(await store.volunteer.reminderDue('linde', ...window)).toEqual([]);

      const application = {
        ...request(shiftId, 'x').submission,
        kind: 'application',
        data: { kind: 'application', contact: 'x@example.nl' },
      };
      expect(await store.volunteer.insertApplication(application)).toBe('created');
      expect(await store.volunteer.insertApplication(application)).toBe('duplicate');
      expect((await store.volunteer.listApplications('linde')).map((a) => a.data)).toEqual([
        { kind: 'application', contact: 'x@example.nl' },
      ]);
    });
  });
}
