import { describe, expect, it } from 'vitest';
import { EXPORT_DATASETS, countRows, exportPath, type ExportChoice } from '../../src/admin/exports/export-catalog.js';
import { groupSignups } from '../../src/admin/volunteers/volunteers.js';
import type { AdminShiftSignup } from '../../src/admin/shared/api.js';

const dataset = (id: string) => EXPORT_DATASETS.find((d) => d.id === id)!;
const choice = (id: string, more: Partial<ExportChoice> = {}): ExportChoice => ({
  dataset: dataset(id),
  format: 'csv',
  delimiter: 'semicolon',
  from: '2026-01-01',
  to: '2026-03-31',
  poll: 'tevreden',
  ...more,
});

describe('exportPath', () => {
  it('builds the collector path of each choice', () => {
    expect(exportPath(choice('ideas'))).toBe('/export/ideas.csv?delimiter=semicolon');
    expect(exportPath(choice('ideas', { format: 'xlsx' }))).toBe('/export/ideas.xlsx');
    expect(exportPath(choice('intakes', { format: 'json' }))).toBe('/export/intakes.json');
    expect(exportPath(choice('poll-results', { delimiter: 'comma' }))).toBe(
      '/polls/tevreden/export/results.csv?from=2026-01-01&to=2026-03-31&delimiter=comma',
    );
    expect(exportPath(choice('poll-responses', { format: 'json', from: '' }))).toBe('/polls/tevreden/export/responses.json?to=2026-03-31');
    expect(exportPath(choice('volunteer-hours'))).toBe('/export/volunteer-hours.csv?from=2026-01-01&to=2026-03-31&delimiter=semicolon');
    expect(exportPath(choice('volunteer-signups', { format: 'xlsx', from: '', to: '' }))).toBe('/export/volunteer.xlsx');
    expect(exportPath(choice('activities', { format: 'json' }))).toBe('/export/activities.json?from=2026-01-01&to=2026-03-31');
    expect(exportPath(choice('volunteer-applications', { format: 'ndjson' }))).toBe('/export/volunteer-applications.ndjson');
    expect(exportPath(choice('all', { format: 'xlsx' }))).toBe('/export/all.xlsx');
  });
});

describe('countRows', () => {
  it('counts CSV records and JSON arrays, and gives up on what it cannot read', () => {
    expect(countRows('csv', '\uFEFFa;b\r\n1;"x\r\ny"\r\n2;z\r\n')).toBe(2);
    expect(countRows('json', '[{"a":1},{"a":2},{"a":3}]')).toBe(3);
    expect(countRows('json', '{"site":"x","responses":[{},{}]}')).toBe(2);
    expect(countRows('json', '{"site":"x"}')).toBe(null);
    expect(countRows('json', 'not json')).toBe(null);
    expect(countRows('ndjson', '{"a":1}\n{"a":2}\n')).toBe(2);
    expect(countRows('ndjson', '')).toBe(0);
    expect(countRows('xlsx', 'PK…')).toBe(null);
  });
});

describe('groupSignups', () => {
  const s = (id: string, shiftId: string, date: string, status: AdminShiftSignup['status'], position = 0): AdminShiftSignup => ({
    id,
    shiftId,
    date,
    startAt: `${date}T09:00:00.000Z`,
    endAt: `${date}T11:00:00.000Z`,
    firstName: id,
    contact: `${id}@x.nl`,
    status,
    position,
    attended: null,
    createdAt: `${date}T08:00:00.000Z`,
    handledAt: null,
    handledBy: null,
  });
  it('groups per occurrence, earliest first, waitlist in order, without cancelled or expired', () => {
    const groups = groupSignups([
      s('c', 'b', '2026-05-02', 'waitlisted', 2),
      s('a', 'b', '2026-05-02', 'confirmed'),
      s('d', 'b', '2026-05-02', 'waitlisted', 1),
      s('e', 'a', '2026-05-01', 'offered'),
      s('f', 'a', '2026-05-01', 'cancelled'),
      s('g', 'c', '2026-05-03', 'expired'),
    ]);
    expect(groups.map((g) => g.key)).toEqual(['a/2026-05-01', 'b/2026-05-02']);
    expect(groups[0]!.coming.map((x) => x.id)).toEqual(['e']);
    expect(groups[1]!.coming.map((x) => x.id)).toEqual(['a']);
    expect(groups[1]!.waitlist.map((x) => x.id)).toEqual(['d', 'c']);
  });
});
