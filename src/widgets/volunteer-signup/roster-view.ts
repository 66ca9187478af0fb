/**
 * Pure helpers of `<volunteer-signup>`: grouping occurrences by day, collisions between chosen
 * shifts, the cancel token. No DOM; unit-tested in node.
 */
import type { PublicShiftOccurrence } from '../../schema/volunteer-constants.js';
import { overlaps } from '../../volunteer/roster.js';

export const occurrenceKey = (o: { shiftId: string; date: string }) => `${o.shiftId}/${o.date}`;

/** Occurrences by local date, in order. */
export function byDay(occurrences: readonly PublicShiftOccurrence[]): [string, PublicShiftOccurrence[]][] {
  const days = new Map<string, PublicShiftOccurrence[]>();
  for (const o of occurrences) days.set(o.date, [...(days.get(o.date) ?? []), o]);
  return [...days];
}

const span = (o: { start: string; end: string }) => ({ start: Date.parse(o.start), end: Date.parse(o.end) });

/** Keys of chosen occurrences that overlap another chosen one. */
export function collisions(chosen: readonly PublicShiftOccurrence[]): Set<string> {
  const out = new Set<string>();
  chosen.forEach((a, i) =>
    chosen.slice(i + 1).forEach((b) => {
      if (overlaps(span(a), span(b))) out.add(occurrenceKey(a)).add(occurrenceKey(b));
    }),
  );
  return out;
}

/** 32 random bytes, base64url: the personal cancel token. */
export function newCancelToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The token in a page address's `#bk-cancel=…` (or `?bk-cancel=…`), if any. */
export function tokenFromUrl(pageUrl: string): string | undefined {
  const url = new URL(pageUrl);
  const value = new URLSearchParams(url.hash.slice(1)).get('bk-cancel') ?? url.searchParams.get('bk-cancel');
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}
