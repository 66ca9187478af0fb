/**
 * What the coordinator can download, per widget, and where the collector serves it. Pure: the
 * exports section renders this list and builds the URL of a choice with `exportPath`.
 */
import { countCsvRecords } from '../shared/csv-count.js';
import type { CsvDelimiterName } from '../../schema/constants.js';

export type ExportFormat = 'csv' | 'xlsx' | 'json' | 'ndjson';

export interface ExportDataset {
  id:
    | 'ideas'
    | 'intakes'
    | 'poll-responses'
    | 'poll-results'
    | 'volunteer-signups'
    | 'volunteer-hours'
    | 'volunteer-applications'
    | 'activities'
    | 'all';
  /** Formats the collector offers for it. */
  formats: readonly ExportFormat[];
  /** Whether the collector takes a period (`from`, `to`); otherwise the file holds everything. */
  period: boolean;
  /** Whether `from` and `to` must both be given. */
  periodRequired?: boolean;
  /** Needs a poll to be chosen. */
  poll?: boolean;
}

/**
 * Every file the collector serves, each offered once: the volunteer workbook (sign-ups and hours
 * on two sheets) is offered with the sign-ups, so the hours offer only their CSV.
 */
export const EXPORT_DATASETS: readonly ExportDataset[] = [
  { id: 'ideas', formats: ['csv', 'xlsx', 'json', 'ndjson'], period: false },
  { id: 'intakes', formats: ['csv', 'xlsx', 'json', 'ndjson'], period: false },
  { id: 'poll-responses', formats: ['csv', 'xlsx', 'json', 'ndjson'], period: true, poll: true },
  { id: 'poll-results', formats: ['csv', 'xlsx', 'json'], period: true, poll: true },
  { id: 'volunteer-signups', formats: ['csv', 'xlsx'], period: true },
  { id: 'volunteer-hours', formats: ['csv'], period: true },
  { id: 'volunteer-applications', formats: ['csv', 'xlsx', 'json', 'ndjson'], period: false },
  { id: 'activities', formats: ['csv', 'xlsx', 'json'], period: true, periodRequired: true },
  { id: 'all', formats: ['xlsx'], period: false },
];

export interface ExportChoice {
  dataset: ExportDataset;
  format: ExportFormat;
  delimiter: CsvDelimiterName;
  from: string;
  to: string;
  poll: string;
}

/** The path under `/v1/admin/sites/:site` of a choice. */
export function exportPath({ dataset, format, delimiter, from, to, poll }: ExportChoice): string {
  const query = new URLSearchParams();
  if (dataset.period) {
    if (from) query.set('from', from);
    if (to) query.set('to', to);
  }
  if (format === 'csv') query.set('delimiter', delimiter);
  const file = dataset.poll
    ? `/polls/${encodeURIComponent(poll)}/export/${dataset.id === 'poll-results' ? 'results' : 'responses'}.${format}`
    : // The volunteer workbook holds both sheets (sign-ups and hours) in one file.
      dataset.id === 'volunteer-signups' && format === 'xlsx'
      ? '/export/volunteer.xlsx'
      : `/export/${dataset.id}.${format}`;
  const q = query.toString();
  return q ? `${file}?${q}` : file;
}

/**
 * Rows in a downloaded file, read from the file itself: CSV records (header not counted), NDJSON
 * lines, or the length of a JSON file's array (the top-level one, or the first array-valued
 * property). `null` when the file does not say (XLSX: the audit log has the figure).
 */
export function countRows(format: ExportFormat, text: string): number | null {
  if (format === 'csv') return countCsvRecords(text);
  if (format === 'ndjson') return text.split('\n').filter((line) => line.trim()).length;
  if (format !== 'json') return null;
  try {
    const data: unknown = JSON.parse(text);
    if (Array.isArray(data)) return data.length;
    if (data && typeof data === 'object') {
      const list = Object.values(data).find(Array.isArray);
      if (list) return list.length;
    }
  } catch {
    // Not JSON after all: no count.
  }
  return null;
}
