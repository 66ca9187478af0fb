import { describe, expect, it } from 'vitest';
import {
  admit,
  applyTransitions,
  heldPlaces,
  overlaps,
  reconcileSlot,
  remainingPlaces,
  type SlotSignup,
} from '../../src/volunteer/roster.js';

const HOUR = 3_600_000;
const now = Date.UTC(2026, 10, 20, 9);
const ctx = { capacity: 2, now, startsAt: now + 72 * HOUR, offerMs: 48 * HOUR };
let seq = 0;
const person = (status: SlotSignup['status'], offerExpiresAt: number | null = null): SlotSignup => ({
  id: `p${++seq}`,
  status,
  position: seq,
  offerExpiresAt,
});

describe('capacity and admission', () => {
  it('confirms while places are free and nobody waits', () => {
    expect(admit([], ctx)).toBe('confirmed');
    expect(admit([person('confirmed')], ctx)).toBe('confirmed');
    expect(admit([person('confirmed'), person('confirmed')], ctx)).toBe('waitlisted');
  });

  it('counts an open offer as a held place, and an expired one not', () => {
    const open = [person('confirmed'), person('offered', now + HOUR)];
    expect(heldPlaces(open, now)).toBe(2);
    expect(admit(open, ctx)).toBe('waitlisted');
    const expired = [person('confirmed'), person('offered', now - 1)];
    expect(heldPlaces(expired, now)).toBe(1);
  });

  it('never lets a newcomer overtake someone on the waitlist', () => {
    const slot = [person('confirmed'), person('waitlisted')];
    expect(admit(slot, ctx)).toBe('waitlisted');
    expect(remainingPlaces(slot, 2, now)).toBe(0);
  });

  it('does not count cancelled or expired people', () => {
    const slot = [person('cancelled'), person('expired'), person('confirmed')];
    expect(remainingPlaces(slot, 2, now)).toBe(1);
  });
});

describe('promotion', () => {
  it('offers a freed place to the first on the waitlist, with the deadline', () => {
    const a = person('confirmed');
    const w1 = person('waitlisted');
    const w2 = person('waitlisted');
    const t = reconcileSlot(
      [a, w2, w1].map((s) => s),
      { ...ctx, capacity: 2 },
    );
    expect(t).toEqual([{ id: w1.id, status: 'offered', offerExpiresAt: now + 48 * HOUR }]);
  });

  it('ends an offer when the shift starts, if that is sooner', () => {
    const w = person('waitlisted');
    const t = reconcileSlot([w], { ...ctx, startsAt: now + 5 * HOUR });
    expect(t).toEqual([{ id: w.id, status: 'offered', offerExpiresAt: now + 5 * HOUR }]);
  });

  it('expires an offer past its deadline and offers the place to the next', () => {
    const c = person('confirmed');
    const late = person('offered', now);
    const next = person('waitlisted');
    const t = reconcileSlot([c, late, next], ctx);
    expect(t).toEqual([
      { id: late.id, status: 'expired' },
      { id: next.id, status: 'offered', offerExpiresAt: now + 48 * HOUR },
    ]);
    const after = applyTransitions([c, late, next], t);
    expect(after.map((s) => s.status)).toEqual(['confirmed', 'expired', 'offered']);
    expect(reconcileSlot(after, ctx)).toEqual([]);
  });

  it('offers nobody once the shift has started, but still expires offers', () => {
    const late = person('offered', now - 1);
    const w = person('waitlisted');
    expect(reconcileSlot([late, w], { ...ctx, startsAt: now })).toEqual([{ id: late.id, status: 'expired' }]);
  });

  it('offers as many places as are free', () => {
    const ws = [person('waitlisted'), person('waitlisted'), person('waitlisted')];
    expect(reconcileSlot(ws, { ...ctx, capacity: 2 }).map((t) => t.id)).toEqual([ws[0]!.id, ws[1]!.id]);
  });
});

describe('overlaps', () => {
  it('treats touching shifts as not overlapping', () => {
    expect(overlaps({ start: 0, end: 10 }, { start: 10, end: 20 })).toBe(false);
    expect(overlaps({ start: 0, end: 11 }, { start: 10, end: 20 })).toBe(true);
    expect(overlaps({ start: 12, end: 13 }, { start: 10, end: 20 })).toBe(true);
  });
});
