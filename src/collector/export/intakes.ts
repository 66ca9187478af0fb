/**
 * The welcome-intake export: one column per question, declared by the site's flow definitions
 * (the built-in flow, then every stored version, in order), never derived from the data. A
 * question keeps its column once it existed, so the spreadsheet of last month still lines up.
 *
 * Fixed columns first (`id`, `ontvangen_op`, `flow`, `flow_versie`, `zichtbaar_voor`,
 * `voor_iemand_anders`, `samen_ingevuld`, `taal`, `toestemming_versie`, `toestemming_op`), then
 * `antwoord_<question id>` per question (a contact question gives `_manier`, `_gegevens`, `_wie`),
 * then `andere_antwoorden` (JSON) for answers to questions of no known flow (an inline flow).
 * Multiple choices are option values joined with ", " (CSV/XLSX) or arrays (JSON).
 *
 * Without the `sensitive` scope the sensitive question columns are left out, and the answers of
 * intakes the visitor showed to the professional only are left empty.
 */
import {
  isSensitive,
  type IntakeContactAnswer,
  type IntakeFlow,
  type IntakeQuestion,
} from '../../schema/index.js';
import type { IntakeRecord, Site, Store } from '../store/types.js';
import { csvChunks, type CellValue, type CsvDelimiter } from './csv.js';
import { EXPORT_CONTENT_TYPES, formatLocalDateTime, type ExportFormat } from './ideas.js';
import { jsonChunks } from './json.js';
import { writeXlsx } from './xlsx.js';

/** An intake with the answers the reader may see (null: withheld as a whole). */
export interface ReadableIntake {
  record: IntakeRecord;
  answers: Record<string, unknown> | null;
}

type Json = string | number | boolean | null | string[];
interface IntakeColumn {
  header: string;
  value(row: ReadableIntake): Json;
}

/** In the fixed columns already (`zichtbaar_voor`, `toestemming_*`). */
const LIFTED = new Set(['visibility', 'consent']);

/** The questions that get a column: the first definition of each id, over the flows in order. */
export function exportQuestions(flows: readonly IntakeFlow[], includeSensitive: boolean): IntakeQuestion[] {
  const byId = new Map<string, IntakeQuestion>();
  for (const flow of flows) {
    for (const q of flow.steps.flatMap((s) => s.questions)) {
      if (!LIFTED.has(q.type) && !byId.has(q.id)) byId.set(q.id, q);
    }
  }
  return [...byId.values()].filter((q) => includeSensitive || !isSensitive(q));
}

const asText = (v: unknown): Json =>
  v === undefined || v === null ? null : Array.isArray(v) ? (v as string[]) : typeof v === 'object' ? JSON.stringify(v) : (v as string | boolean);

export function intakeColumns(flows: readonly IntakeFlow[], timeZone: string, includeSensitive: boolean): IntakeColumn[] {
  const questions = exportQuestions(flows, includeSensitive);
  const known = new Set(flows.flatMap((f) => f.steps.flatMap((s) => s.questions.map((q) => q.id))));
  const answer = (row: ReadableIntake, id: string) => row.answers?.[id];
  const contact = (row: ReadableIntake, id: string) => answer(row, id) as IntakeContactAnswer | undefined;
  return [
    { header: 'id', value: (r) => r.record.id },
    { header: 'ontvangen_op', value: (r) => formatLocalDateTime(r.record.createdAt, timeZone) },
    { header: 'flow', value: (r) => r.record.flowId },
    { header: 'flow_versie', value: (r) => r.record.flowVersion },
    { header: 'zichtbaar_voor', value: (r) => r.record.visibility },
    { header: 'voor_iemand_anders', value: (r) => r.record.forSomeoneElse },
    { header: 'samen_ingevuld', value: (r) => r.record.assisted },
    { header: 'taal', value: (r) => r.record.locale },
    { header: 'toestemming_versie', value: (r) => r.record.consentVersion },
    { header: 'toestemming_op', value: (r) => formatLocalDateTime(r.record.consentGivenAt, timeZone) || null },
    ...questions.flatMap((q): IntakeColumn[] =>
      q.type === 'contact'
        ? [
            { header: `antwoord_${q.id}_manier`, value: (r) => contact(r, q.id)?.channel ?? null },
            { header: `antwoord_${q.id}_gegevens`, value: (r) => contact(r, q.id)?.detail ?? null },
            { header: `antwoord_${q.id}_wie`, value: (r) => contact(r, q.id)?.note ?? null },
          ]
        : [{ header: `antwoord_${q.id}`, value: (r) => asText(answer(r, q.id)) }],
    ),
    ...(includeSensitive
      ? [
          {
            header: 'andere_antwoorden',
            value: (r: ReadableIntake) => {
              const other = Object.entries(r.answers ?? {}).filter(([id]) => !known.has(id));
              return other.length ? JSON.stringify(Object.fromEntries(other)) : null;
            },
          },
        ]
      : []),
    { header: 'afgehandeld_op', value: (r) => formatLocalDateTime(r.record.handledAt, timeZone) || null },
    { header: 'afgehandeld_door', value: (r) => r.record.handledBy },
  ];
}

const cell = (v: Json): CellValue => (Array.isArray(v) ? v.join(', ') : typeof v === 'boolean' ? (v ? 'ja' : 'nee') : v);

export interface IntakeExport {
  rowCount: number;
  fileName: string;
  contentType: string;
  chunks: AsyncGenerator<string | Buffer>;
}

/** Starts an export: the audit row first, then the file as a stream (rows up to `now`). */
export async function startIntakeExport(
  store: Store,
  site: Site,
  options: {
    format: ExportFormat;
    delimiter?: CsvDelimiter;
    actor: string;
    now: Date;
    flows: readonly IntakeFlow[];
    includeSensitive: boolean;
    readable: (record: IntakeRecord) => ReadableIntake;
  },
): Promise<IntakeExport> {
  const { format, now } = options;
  const query = { receivedUpTo: now.toISOString() };
  const rowCount = await store.countIntakes(site.slug, query);
  await store.audit({
    at: now.toISOString(),
    site: site.slug,
    actor: options.actor,
    action: options.includeSensitive ? 'export.intakes.sensitive' : 'export.intakes',
    target: `intakes.${format}`,
    rowCount,
  });
  const columns = intakeColumns(options.flows, site.timeZone, options.includeSensitive);
  const rows = (async function* () {
    for await (const record of store.exportIntakes(site.slug, query)) yield options.readable(record);
  })();
  const day = formatLocalDateTime(now.toISOString(), site.timeZone).slice(0, 10);
  return {
    rowCount,
    fileName: `buurtkit-${site.slug}-intakes-${day}.${format}`,
    contentType: EXPORT_CONTENT_TYPES[format],
    chunks:
      format === 'csv'
        ? csvChunks(
            columns.map((c) => ({ header: c.header, value: (r: ReadableIntake) => cell(c.value(r)) })),
            rows,
            { delimiter: options.delimiter ?? ';' },
          )
        : format === 'xlsx'
          ? writeXlsx(
              [{ name: 'Intakes', columns: columns.map((c) => ({ header: c.header, value: (r: ReadableIntake) => { const v = c.value(r); return Array.isArray(v) ? v.join(', ') : v; } })), rows }],
              { modified: now },
            )
          : jsonChunks(rows, (r) => Object.fromEntries(columns.map((c) => [c.header, c.value(r)])), format),
  };
}
