/**
 * The idea-box export. Columns are declared here, never derived from the data, so a coordinator's
 * spreadsheet keeps working from one export to the next. Headers are Dutch (the coordinators'
 * language), lower case with underscores so they also work as column names in other tools:
 *
 * | header             | content                                                        |
 * |--------------------|----------------------------------------------------------------|
 * | id                 | submission id (UUIDv7)                                         |
 * | ontvangen_op       | when the collector received it, site time zone, YYYY-MM-DD HH:mm |
 * | status             | ontvangen, wordt-besproken, gepland, gedaan, niet-mogelijk     |
 * | gepubliceerd       | ja / nee: shown in the public list                             |
 * | categorie          | category, empty when none                                      |
 * | rol                | bezoeker, naaste, buurtbewoner, vrijwilliger, anders, or empty |
 * | wil_helpen         | ja / nee: "ik wil helpen dit te organiseren"                   |
 * | idee               | the idea text                                                  |
 * | naam               | name, when given                                               |
 * | contact            | e-mail or phone, only given with consent                       |
 * | toestemming_versie | version of the consent text the visitor agreed to              |
 * | toestemming_op     | when consent was given, site time zone                         |
 * | publiek_antwoord   | the coordinator's public answer                                |
 * | reden              | status reason (e.g. why "niet mogelijk")                       |
 * | stemmen            | number of votes                                                |
 * | taal               | the visitor's language (locale)                                |
 * | bijgewerkt_op      | last change by a coordinator, site time zone                   |
 */
import type { AdminIdea } from '../../schema/index.js';
import type { Site, Store } from '../store/types.js';
import { csvChunks, type CsvColumn, type CsvDelimiter } from './csv.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD HH:mm` in the given zone: unambiguous, sortable, and read as a date by Excel. */
export function formatLocalDateTime(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  const part = Object.fromEntries(formatter.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
}

const yesNo = (value: boolean) => (value ? 'ja' : 'nee');

export function ideaExportColumns(timeZone: string): readonly CsvColumn<AdminIdea>[] {
  return [
    { header: 'id', value: (i) => i.id },
    { header: 'ontvangen_op', value: (i) => formatLocalDateTime(i.createdAt, timeZone) },
    { header: 'status', value: (i) => i.status },
    { header: 'gepubliceerd', value: (i) => yesNo(i.published) },
    { header: 'categorie', value: (i) => i.category },
    { header: 'rol', value: (i) => i.role },
    { header: 'wil_helpen', value: (i) => yesNo(i.wantsToHelp) },
    { header: 'idee', value: (i) => i.text },
    { header: 'naam', value: (i) => i.name },
    { header: 'contact', value: (i) => i.contact },
    { header: 'toestemming_versie', value: (i) => i.consentVersion },
    { header: 'toestemming_op', value: (i) => formatLocalDateTime(i.consentGivenAt, timeZone) },
    { header: 'publiek_antwoord', value: (i) => i.publicAnswer },
    { header: 'reden', value: (i) => i.statusReason },
    { header: 'stemmen', value: (i) => i.votes },
    { header: 'taal', value: (i) => i.locale },
    { header: 'bijgewerkt_op', value: (i) => formatLocalDateTime(i.updatedAt, timeZone) },
  ];
}

export const IDEA_EXPORT_HEADERS = ideaExportColumns('UTC').map((c) => c.header);

export interface IdeaExport {
  rowCount: number;
  fileName: string;
  chunks: AsyncGenerator<string>;
}

/**
 * Starts an export: writes the audit row first (so no data leaves without a trace), then hands
 * back the file as a stream. Only ideas received up to `now` are included, so the audited row
 * count and the file agree even while new ideas arrive.
 */
export async function startIdeaExport(
  store: Store,
  site: Site,
  options: { delimiter: CsvDelimiter; actor: string; now: Date },
): Promise<IdeaExport> {
  const query = { receivedUpTo: options.now.toISOString() };
  const rowCount = await store.countIdeas(site.slug, query);
  await store.audit({
    at: options.now.toISOString(),
    site: site.slug,
    actor: options.actor,
    action: 'export.ideas',
    target: 'ideas.csv',
    rowCount,
  });
  const day = formatLocalDateTime(options.now.toISOString(), site.timeZone).slice(0, 10);
  return {
    rowCount,
    fileName: `buurtkit-${site.slug}-ideeen-${day}.csv`,
    chunks: csvChunks(ideaExportColumns(site.timeZone), store.exportIdeas(site.slug, query), {
      delimiter: options.delimiter,
    }),
  };
}
