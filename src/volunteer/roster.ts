/**
 * Capacity, waitlist and promotion for one shift occurrence, as pure functions: the stores call
 * them inside the transaction that holds the occurrence's lock, and apply what they return.
 *
 * Rules:
 * - A place is held by a `confirmed` person and by an `offered` one whose offer has not expired.
 * - A newcomer is confirmed when a place is free and nobody waits; otherwise they join the waitlist
 *   (a waiting person is never overtaken).
 * - An offer that reached its deadline expires; the person loses the turn.
 * - Free places go to the waitlist in order of arrival, as offers that end after `offerMs` or when
 *   the shift starts, whichever comes first. Once the shift has started nobody is offered.
 */
import type { SignupStatus } from '../schema/volunteer-constants.js';

export interface SlotSignup {
  id: string;
  status: SignupStatus;
  /** Order of arrival within the occurrence. */
  position: number;
  /** Epoch ms; only for `offered`. */
  offerExpiresAt: number | null;
}

export type Transition = { id: string; status: 'expired' } | { id: string; status: 'offered'; offerExpiresAt: number };

export interface SlotContext {
  capacity: number;
  now: number;
  /** Epoch ms the occurrence starts. */
  startsAt: number;
  /** How long an offer stays open. */
  offerMs: number;
}

const holds = (s: SlotSignup, now: number) => s.status === 'confirmed' || (s.status === 'offered' && (s.offerExpiresAt ?? 0) > now);

/** Places held now. */
export function heldPlaces(signups: readonly SlotSignup[], now: number): number {
  return signups.filter((s) => holds(s, now)).length;
}

/** People waiting now (not counting offers). */
export function waitingCount(signups: readonly SlotSignup[]): number {
  return signups.filter((s) => s.status === 'waitlisted').length;
}

/** Expire due offers and offer free places to the waitlist, in order. */
export function reconcileSlot(signups: readonly SlotSignup[], ctx: SlotContext): Transition[] {
  const transitions: Transition[] = [];
  for (const s of signups) {
    if (s.status === 'offered' && (s.offerExpiresAt ?? 0) <= ctx.now) transitions.push({ id: s.id, status: 'expired' });
  }
  if (ctx.now >= ctx.startsAt) return transitions;
  let held = heldPlaces(signups, ctx.now);
  const waiting = signups.filter((s) => s.status === 'waitlisted').sort((a, b) => a.position - b.position);
  const offerExpiresAt = Math.min(ctx.now + ctx.offerMs, ctx.startsAt);
  for (const s of waiting) {
    if (held >= ctx.capacity) break;
    transitions.push({ id: s.id, status: 'offered', offerExpiresAt });
    held++;
  }
  return transitions;
}

/** Apply transitions to a list (what the store does in SQL), for callers that keep going. */
export function applyTransitions(signups: readonly SlotSignup[], transitions: readonly Transition[]): SlotSignup[] {
  const byId = new Map(transitions.map((t) => [t.id, t]));
  return signups.map((s) => {
    const t = byId.get(s.id);
    if (!t) return s;
    return t.status === 'offered' ? { ...s, status: t.status, offerExpiresAt: t.offerExpiresAt } : { ...s, status: t.status };
  });
}

/** Where a newcomer goes, after `reconcileSlot` was applied. */
export function admit(signups: readonly SlotSignup[], ctx: Pick<SlotContext, 'capacity' | 'now'>): 'confirmed' | 'waitlisted' {
  return heldPlaces(signups, ctx.now) < ctx.capacity && waitingCount(signups) === 0 ? 'confirmed' : 'waitlisted';
}

/** Places left to sign up for directly (a waitlist means none). */
export function remainingPlaces(signups: readonly SlotSignup[], capacity: number, now: number): number {
  if (waitingCount(signups) > 0) return 0;
  return Math.max(0, capacity - heldPlaces(signups, now));
}

/** Whether two time ranges (epoch ms, end exclusive) overlap: the widget's collision warning. */
export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}
