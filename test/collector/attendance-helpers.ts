/** "Ik kom" envelopes for collector tests. */
import { uuidv7 } from '../../src/schema/index.js';
import { SITE } from './helpers.js';

/** Friday 20 March 2026, 13.00 in Amsterdam: the clock of the attendance tests. */
export const NOW = Date.parse('2026-03-20T12:00:00Z');

export function attendanceEnvelope(activityId: string, data: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) {
  return {
    id: uuidv7(),
    site: SITE,
    widget: 'activity-calendar',
    schemaVersion: 1,
    sentAt: new Date(NOW).toISOString(),
    locale: 'nl',
    data: { kind: 'attendance', activityId, occurrence: '2026-03-27T17:30', places: 1, ...data },
    trap: { honeypot: '', elapsedMs: 3000 },
    ...overrides,
  };
}
