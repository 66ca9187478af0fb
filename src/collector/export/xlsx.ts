/**
 * XLSX (Office Open XML spreadsheet) written by hand, streamed: one worksheet per exported widget,
 * rows pulled from their source one at a time as the ZIP consumer asks for more, so memory stays
 * constant however many rows there are. Only what Excel and LibreOffice need is written:
 * `[Content_Types].xml`, the package and workbook relationships, the workbook, a style sheet (bold
 * header, a date format) and the worksheets. Strings are inline (`t="inlineStr"`), so there is no
 * shared-strings table to build in memory.
 *
 * Cells: strings are XML-escaped after dropping characters XML 1.0 forbids (control characters,
 * lone surrogates, U+FFFE/U+FFFF). They are NOT prefixed with `'` as the CSV is: an inline string
 * (`t="inlineStr"`) is text by type, never a formula, whatever it starts with, so a prefix would
 * only change the data ("+31 6…" would read "'+31 6…"). Numbers are numbers, booleans are
 * `ja`/`nee` text as in the CSV, `XlsxDate` cells are date serials shown as `yyyy-mm-dd hh:mm`
 * (or `yyyy-mm-dd` for a date without a time).
 *
 * Worksheets are written in the order given and the workbook part last, so several sheets can come
 * from several sources, each read once.
 */
import { zipChunks, type ZipEntry } from './zip.js';
import { Pacer, type RequestsInFlight } from './pace.js';

/** A local date and time as an Excel serial (days since 1899-12-30, fraction for the time). */
export class XlsxDate {
  constructor(
    readonly serial: number,
    /** A date without a time of day (shown as `yyyy-mm-dd`). */
    readonly day = false,
  ) {}
  /** From milliseconds of a wall clock expressed as UTC (as `Date.UTC(…)` gives them). */
  static fromLocalMs(ms: number, day = false): XlsxDate {
    return new XlsxDate(ms / 86_400_000 + 25_569, day);
  }
}

export type XlsxValue = string | number | boolean | XlsxDate | null | undefined;

export interface XlsxColumn<T> {
  header: string;
  value(row: T): XlsxValue;
  /** Column width in characters; Excel's default when absent. */
  width?: number;
}

export interface XlsxSheet<T> {
  name: string;
  columns: readonly XlsxColumn<T>[];
  rows: AsyncIterable<T> | Iterable<T>;
}

/** Excel's limits: rows per sheet (header included) and characters per cell. */
export const XLSX_MAX_ROWS = 1_048_576;
export const XLSX_MAX_CELL_CHARS = 32_767;

export class XlsxLimitError extends Error {}

// Everything outside XML 1.0's Char production; with the `u` flag lone surrogates match too.
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const XML_SPECIAL = /[<>&"'\r]/g;
const XML_ENTITIES: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
  // A literal CR would be normalised to LF by every XML parser; the reference keeps it.
  '\r': '&#13;',
};

/**
 * Text that needs no dropping or escaping: the common case, one test. Surrogates (even valid
 * pairs) take the careful path below.
 */
const PLAIN_TEXT = /^[^<>&"'\x00-\x08\x0B-\x1F\uD800-\uDFFF\uFFFE\uFFFF]*$/;

/** Removes what XML 1.0 cannot carry at all (NUL and other C0 controls, lone surrogates, …). */
export function dropNonXmlChars(value: string): string {
  return value.replace(NOT_XML_CHAR, '');
}

export function escapeXml(value: string): string {
  return value.replace(XML_SPECIAL, (c) => XML_ENTITIES[c]!);
}

/**
 * A string cell's text as it goes into the XML: illegal characters dropped, cut to Excel's cell
 * limit, then escaped. The text is kept as it is otherwise (see the top of this file).
 */
export function xlsxText(value: string): string {
  if (value.length <= XLSX_MAX_CELL_CHARS && PLAIN_TEXT.test(value)) return value;
  let text = dropNonXmlChars(value);
  if (text.length > XLSX_MAX_CELL_CHARS) text = dropNonXmlChars(text.slice(0, XLSX_MAX_CELL_CHARS));
  return escapeXml(text);
}

/** A, B, …, Z, AA, … for a zero-based column index. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Style indexes in `cellXfs` below. */
const STYLE_HEADER = 1;
const STYLE_DATE = 2;
const STYLE_DAY = 3;

function cellXml(ref: string, value: XlsxValue, style = 0): string {
  const s = style ? ` s="${style}"` : '';
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'boolean') value = value ? 'ja' : 'nee';
  if (value instanceof XlsxDate) {
    return Number.isFinite(value.serial) ? `<c r="${ref}" s="${value.day ? STYLE_DAY : STYLE_DATE}"><v>${value.serial}</v></c>` : '';
  }
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return `<c r="${ref}"${s}><v>${value}</v></c>`;
    value = String(value);
  }
  const text = xlsxText(value);
  // Spreadsheets trim leading and trailing white space unless told to keep it.
  const space = EDGE_SPACE.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${text}</t></is></c>`;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PACKAGE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

const CHUNK_CHARS = 64 * 1024;
const EDGE_SPACE = /^\s|\s$|&#13;$/;

async function* worksheetXml<T>(sheet: XlsxSheet<T>, requests: RequestsInFlight | undefined): AsyncGenerator<string> {
  const refs = sheet.columns.map((_, n) => columnName(n));
  const widths = sheet.columns.map((c, n) => (c.width ? `<col min="${n + 1}" max="${n + 1}" width="${c.width}" customWidth="1"/>` : ''));
  let chunk =
    `${XML_DECLARATION}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    (widths.some(Boolean) ? `<cols>${widths.join('')}</cols>` : '') +
    '<sheetData><row r="1">' +
    sheet.columns.map((c, n) => cellXml(`${refs[n]}1`, c.header, STYLE_HEADER)).join('') +
    '</row>';
  let r = 1;
  const pacer = new Pacer(requests);
  for await (const row of sheet.rows) {
    if (pacer.due()) await pacer.pause();
    if (++r > XLSX_MAX_ROWS) throw new XlsxLimitError(`Sheet "${sheet.name}" has more rows than Excel allows (${XLSX_MAX_ROWS})`);
    chunk += `<row r="${r}">`;
    for (let n = 0; n < refs.length; n++) chunk += cellXml(refs[n]! + r, sheet.columns[n]!.value(row));
    chunk += '</row>';
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}</sheetData></worksheet>`;
}

/** Sheet names: at most 31 characters, none of `[]:*?/\`, unique (case-insensitively), not blank. */
export function sheetNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((raw, n) => {
    const base =
      dropNonXmlChars(raw)
        .replace(/[[\]:*?/\\]/g, '_')
        .replace(/^'+|'+$/g, '')
        .trim()
        .slice(0, 31) || `Blad${n + 1}`;
    let name = base;
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)}-${i}`;
    used.add(name.toLowerCase());
    return name;
  });
}

const STYLES =
  `${XML_DECLARATION}<styleSheet xmlns="${NS_MAIN}">` +
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

function contentTypes(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, n) =>
      `<Override PartName="/xl/worksheets/sheet${n + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join('');
  return (
    `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    `${sheets}</Types>`
  );
}

const PACKAGE_RELS =
  `${XML_DECLARATION}<Relationships xmlns="${NS_PACKAGE_REL}">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>';

function workbook(names: readonly string[]): string {
  const sheets = names.map((name, n) => `<sheet name="${escapeXml(name)}" sheetId="${n + 1}" r:id="rId${n + 1}"/>`).join('');
  return `${XML_DECLARATION}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheets>${sheets}</sheets></workbook>`;
}

function workbookRels(sheetCount: number): string {
  const rel = (id: number, type: string, target: string) =>
    `<Relationship Id="rId${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  const sheets = Array.from({ length: sheetCount }, (_, n) => rel(n + 1, 'worksheet', `worksheets/sheet${n + 1}.xml`));
  return `${XML_DECLARATION}<Relationships xmlns="${NS_PACKAGE_REL}">${sheets.join('')}${rel(sheetCount + 1, 'styles', 'styles.xml')}</Relationships>`;
}

/**
 * The workbook as ZIP buffers. `modified` stamps the ZIP entries (pass the export's time, so the
 * same data gives the same bytes).
 */
export function writeXlsx(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each sheet has its own row type; a list of them has none in common
  sheets: readonly XlsxSheet<any>[],
  options: { modified: Date; requests?: RequestsInFlight | undefined },
): AsyncGenerator<Buffer> {
  if (sheets.length === 0) throw new Error('A workbook needs at least one sheet');
  const names = sheetNames(sheets.map((s) => s.name));
  function* entries(): Generator<ZipEntry> {
    yield { name: '[Content_Types].xml', content: [contentTypes(sheets.length)] };
    yield { name: '_rels/.rels', content: [PACKAGE_RELS] };
    for (const [n, sheet] of sheets.entries())
      yield { name: `xl/worksheets/sheet${n + 1}.xml`, content: worksheetXml(sheet, options.requests) };
    yield { name: 'xl/styles.xml', content: [STYLES] };
    yield { name: 'xl/_rels/workbook.xml.rels', content: [workbookRels(sheets.length)] };
    yield { name: 'xl/workbook.xml', content: [workbook(names)] };
  }
  return zipChunks(entries(), { modified: options.modified });
}
