/**
 * "Vandaag open tot 12.00" / "Nu gesloten, morgen open om 10.00": where a place stands now, from
 * the expanded occurrences of its opening-hours blocks. Pure; the widget words and formats it.
 */
import type { Occurrence } from '../../schema/activity.js';
import { dayAt, daysBetween } from '../../activities/days.js';

export type OpenState =
  /** Open now, until `until` (blocks that touch or overlap are joined: 10–12 and 12–13 → 13). */
  | { state: 'open'; until: number | undefined }
  /** Closed now; opens next at `next` (`inDays` 0 = later today, 1 = tomorrow …). */
  | { state: 'closed'; next: number; inDays: number }
  /** No opening hours ahead in the data. */
  | { state: 'unknown' };

interface Block {
  start: number;
  end: number | undefined;
}

/** Opening-hours occurrences that take place, as time blocks; all-day blocks count as the day. */
function blocksOf(occurrences: readonly Occurrence[]): Block[] {
  return occurrences
    .filter((o) => o.kind === 'opening-hours' && o.status !== 'gaat-niet-door')
    .map((o) => ({ start: Date.parse(o.start), end: o.end ? Date.parse(o.end) : undefined }))
    .sort((a, b) => a.start - b.start);
}

export function openState(occurrences: readonly Occurrence[], now: number, timeZone: string): OpenState {
  const blocks = blocksOf(occurrences);
  const current = blocks.find((b) => b.start <= now && (b.end === undefined ? b.start === now : b.end > now));
  if (current) {
    let until = current.end;
    // Join blocks that continue where this one stops.
    for (const b of blocks) {
      if (until !== undefined && b.start <= until && b.end !== undefined && b.end > until) until = b.end;
    }
    return { state: 'open', until };
  }
  const next = blocks.find((b) => b.start > now);
  if (!next) return { state: 'unknown' };
  return {
    state: 'closed',
    next: next.start,
    inDays: daysBetween(dayAt(now, timeZone), dayAt(next.start, timeZone)),
  };
}
