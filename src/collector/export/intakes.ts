/**
 * The welcome-intake export: one column per question, declared by the site's flow definitions
 * (the built-in flow, then every stored version, in order), never derived from the data. A
 * question keeps its column once it existed, so the spreadsheet of last month still lines up.
 *
 * Fixed columns first, then one per question (a contact question gives three), then
 * `andere_antwoorden` (JSON text) for answers to questions of no known flow (an inline flow); see
 * `intakeColumns` for keys and headers. CSV and XLSX show chosen options by their Dutch label,
 * joined with ", "; JSON keeps the option values (arrays for several).
 *
 * Without the `sensitive` scope the sensitive question columns are left out, and the answers of
 * intakes the visitor showed to the professional only are left empty.
 */
import { isSensitive, localText, type IntakeContactAnswer, type IntakeFlow, type IntakeQuestion } from '../../schema/index.js';
import type { IntakeRecord, Site, Store } from '../store/types.js';
import { momentColumns, toCsvColumns, toXlsxColumns, type ExportCell, type ExportColumn } from './columns.js';
import { csvChunks, type CsvDelimiter } from './csv.js';
import { EXPORT_CONTENT_TYPES, formatLocalDateTime, type ExportFormat } from './ideas.js';
import { intakeVisibilityWord, languageWord } from './words.js';
import { jsonChunks } from './json.js';
import type { RequestsInFlight } from './pace.js';
import { writeXlsx } from './xlsx.js';

/** An intake with the answers the reader may see (null: withheld as a whole). */
export interface ReadableIntake {
  record: IntakeRecord;
  answers: Record<string, unknown> | null;
}

type Json = string | number | boolean | null | string[];
/** A column: its stable key (the JSON field), the Dutch header, the JSON value and the cell. */
export interface IntakeColumn extends ExportColumn<ReadableIntake> {
  json(row: ReadableIntake): Json;
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

const asJson = (v: unknown): Json =>
  v === undefined || v === null
    ? null
    : Array.isArray(v)
      ? (v as string[])
      : typeof v === 'object'
        ? JSON.stringify(v)
        : (v as string | boolean);

const CHANNEL_WORDS: Record<string, string> = { none: 'Liever geen contact', visit: 'Langskomen', phone: 'Telefoon', email: 'E-mail' };
const ON_BEHALF_WORDS: Record<string, string> = { self: 'Voor mezelf', other: 'Voor iemand anders', together: 'Samen met iemand' };

/** A spreadsheet cell of an answer: chosen options by their Dutch label, booleans ja/nee. */
function answerCell(q: IntakeQuestion, v: unknown): ExportCell {
  if (v === undefined || v === null) return null;
  const label = (value: string) => {
    const option = q.options?.find((o) => o.value === value);
    return option ? localText(option.label, 'nl') : q.type === 'on-behalf' ? (ON_BEHALF_WORDS[value] ?? value) : value;
  };
  if (Array.isArray(v)) return v.map((x) => label(String(x))).join(', ');
  if (typeof v === 'string') return q.options || q.type === 'on-behalf' ? label(v) : v;
  if (typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

/** The question as the visitor read it (Dutch), for a header. */
const questionHeader = (q: IntakeQuestion) => localText(q.label, 'nl').trim() || q.id;

/**
 * Keys and headers: `id` Kenmerk, `ontvangen_op_lokaal` Ontvangen op, `ontvangen_op` Ontvangen op
 * (UTC), `flow` Vragenlijst, `flow_versie` Versie vragenlijst, `zichtbaar_voor` Wie mag het lezen,
 * `voor_iemand_anders` Voor iemand anders, `samen_ingevuld` Samen ingevuld, `taal` Taal,
 * `toestemming_versie` Versie toestemmingstekst, `toestemming_op_lokaal` / `toestemming_op`
 * Toestemming gegeven op (UTC), then per question `antwoord_<id>` with the question as header (a
 * contact question: `…_manier` "…: hoe", `…_gegevens` "…: nummer of e-mail", `…_wie` "…: met wie"),
 * `andere_antwoorden` Andere antwoorden, `afgehandeld_op_lokaal` / `afgehandeld_op` Afgehandeld op
 * (UTC), `afgehandeld_door` Afgehandeld door.
 */
export function intakeColumns(flows: readonly IntakeFlow[], timeZone: string, includeSensitive: boolean): IntakeColumn[] {
  const questions = exportQuestions(flows, includeSensitive);
  const known = new Set(flows.flatMap((f) => f.steps.flatMap((s) => s.questions.map((q) => q.id))));
  const answer = (row: ReadableIntake, id: string) => row.answers?.[id];
  const contact = (row: ReadableIntake, id: string) => answer(row, id) as IntakeContactAnswer | undefined;
  /** A column whose cell is its JSON value (texts, numbers, booleans). */
  const plain = (key: string, header: string, json: (r: ReadableIntake) => Json, width?: number): IntakeColumn => ({
    key,
    header,
    json,
    value: (r) => {
      const v = json(r);
      return Array.isArray(v) ? v.join(', ') : v;
    },
    ...(width ? { width } : {}),
  });
  const moment = (key: string, header: string, get: (r: ReadableIntake) => string | null): IntakeColumn[] => {
    const [local, utc] = momentColumns(key, header, get, timeZone);
    return [
      { ...local!, json: (r) => (get(r) ? formatLocalDateTime(get(r), timeZone) : null) },
      { ...utc!, json: (r) => get(r) ?? null },
    ];
  };
  return [
    plain('id', 'Kenmerk', (r) => r.record.id, 38),
    ...moment('ontvangen_op', 'Ontvangen op', (r) => r.record.createdAt),
    plain('flow', 'Vragenlijst', (r) => r.record.flowId),
    plain('flow_versie', 'Versie vragenlijst', (r) => r.record.flowVersion),
    {
      key: 'zichtbaar_voor',
      header: 'Wie mag het lezen',
      json: (r) => r.record.visibility,
      value: (r) => intakeVisibilityWord(r.record.visibility),
      width: 24,
    },
    plain('voor_iemand_anders', 'Voor iemand anders', (r) => r.record.forSomeoneElse),
    plain('samen_ingevuld', 'Samen ingevuld', (r) => r.record.assisted),
    { key: 'taal', header: 'Taal', json: (r) => r.record.locale, value: (r) => languageWord(r.record.locale) },
    plain('toestemming_versie', 'Versie toestemmingstekst', (r) => r.record.consentVersion),
    ...moment('toestemming_op', 'Toestemming gegeven op', (r) => r.record.consentGivenAt),
    ...questions.flatMap((q): IntakeColumn[] =>
      q.type === 'contact'
        ? [
            {
              key: `antwoord_${q.id}_manier`,
              header: `${questionHeader(q)}: hoe`,
              json: (r) => contact(r, q.id)?.channel ?? null,
              value: (r) => {
                const channel = contact(r, q.id)?.channel;
                return channel ? (CHANNEL_WORDS[channel] ?? channel) : null;
              },
            },
            plain(`antwoord_${q.id}_gegevens`, `${questionHeader(q)}: nummer of e-mail`, (r) => contact(r, q.id)?.detail ?? null, 26),
            plain(`antwoord_${q.id}_wie`, `${questionHeader(q)}: met wie`, (r) => contact(r, q.id)?.note ?? null, 26),
          ]
        : [
            {
              key: `antwoord_${q.id}`,
              header: questionHeader(q),
              json: (r) => asJson(answer(r, q.id)),
              value: (r) => answerCell(q, answer(r, q.id)),
              width: 30,
            },
          ],
    ),
    ...(includeSensitive
      ? [
          plain('andere_antwoorden', 'Andere antwoorden', (r) => {
            const other = Object.entries(r.answers ?? {}).filter(([id]) => !known.has(id));
            return other.length ? JSON.stringify(Object.fromEntries(other)) : null;
          }),
        ]
      : []),
    ...moment('afgehandeld_op', 'Afgehandeld op', (r) => r.record.handledAt),
    plain('afgehandeld_door', 'Afgehandeld door', (r) => r.record.handledBy),
  ];
}

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
    requests?: RequestsInFlight;
  },
): Promise<IntakeExport> {
  const { format, now } = options;
  const query = { receivedUpTo: now.toISOString() };
  const rowCount = await store.intakes.count(site.slug, query);
  await store.audit.append({
    at: now.toISOString(),
    site: site.slug,
    actor: options.actor,
    action: options.includeSensitive ? 'export.intakes.sensitive' : 'export.intakes',
    target: `intakes.${format}`,
    rowCount,
  });
  const columns = intakeColumns(options.flows, site.timeZone, options.includeSensitive);
  const rows = (async function* () {
    for await (const record of store.intakes.export(site.slug, query)) yield options.readable(record);
  })();
  const day = formatLocalDateTime(now.toISOString(), site.timeZone).slice(0, 10);
  return {
    rowCount,
    fileName: `buurtkit-${site.slug}-intakes-${day}.${format}`,
    contentType: EXPORT_CONTENT_TYPES[format],
    chunks:
      format === 'csv'
        ? csvChunks(toCsvColumns(columns), rows, { delimiter: options.delimiter ?? ';', requests: options.requests })
        : format === 'xlsx'
          ? writeXlsx([{ name: 'Intakes', columns: toXlsxColumns(columns), rows }], { modified: now, requests: options.requests })
          : jsonChunks(rows, (r) => Object.fromEntries(columns.map((c) => [c.key, c.json(r)])), format, options.requests),
  };
}
