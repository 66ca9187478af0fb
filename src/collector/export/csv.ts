/**
 * RFC 4180 CSV for spreadsheets: CRLF line ends, a cell is quoted when it holds the delimiter, a
 * double quote, CR or LF, and quotes inside are doubled. Files start with a UTF-8 BOM so Excel
 * reads them as UTF-8; `;` is the default delimiter because Dutch Excel expects it.
 *
 * Formula injection: Excel, LibreOffice and Google Sheets run a cell that starts with `=`, `+`,
 * `-` or `@` as a formula, and tab, CR, LF and NUL are known ways to smuggle one past filters. Such
 * a cell gets a single quote `'` in front, the OWASP advice; the cost is a visible `'` in those
 * cells. The check also looks past leading whitespace (" =1+1"), because spreadsheets may trim
 * it before deciding a cell is a formula; a stray `'` before " - item" is cheap, a formula is not.
 *
 * Numbers follow the delimiter's convention: a `;` file is for a spreadsheet set to Dutch, which
 * reads a decimal comma (`2,5`) and takes `2.5` for text or a date; a `,` file keeps `2.5`.
 */
import { Pacer, type RequestsInFlight } from './pace.js';

export const CSV_BOM = '\uFEFF';
export { CSV_DELIMITERS, type CsvDelimiterName } from '../../schema/constants.js';
import { CSV_DELIMITERS, type CsvDelimiterName } from '../../schema/constants.js';
export type CsvDelimiter = (typeof CSV_DELIMITERS)[CsvDelimiterName];
export type CellValue = string | number | null | undefined;

/** Characters that make a spreadsheet treat a cell as a formula (or hide one). */
export const FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\n', '\0'] as const;

const NEEDS_NEUTRALISING = /^(?:[\t\r\n\0]|\s*[=+\-@\0])/;

export function needsNeutralising(value: string): boolean {
  return NEEDS_NEUTRALISING.test(value);
}

/** Prefixes `'` to a cell a spreadsheet would otherwise evaluate. */
export function neutraliseCell(value: string): string {
  return needsNeutralising(value) ? `'${value}` : value;
}

/** Cells that need neither neutralising nor quoting, per delimiter: the common case, one test. */
const PLAIN_CELL: Record<CsvDelimiter, RegExp> = {
  ';': /^(?![\s=+\-@\0])[^;"\r\n]*$/,
  ',': /^(?![\s=+\-@\0])[^,"\r\n]*$/,
};

/** One cell, neutralised and quoted as needed. `null`/`undefined` become an empty cell. */
export function escapeCell(value: CellValue, delimiter: CsvDelimiter): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return neutraliseCell(delimiter === ';' ? String(value).replace('.', ',') : String(value));
  if (PLAIN_CELL[delimiter].test(value)) return value;
  const text = neutraliseCell(value);
  const mustQuote = text.includes(delimiter) || /["\r\n]/.test(text);
  return mustQuote ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record including its CRLF line end. */
export function csvRow(cells: readonly CellValue[], delimiter: CsvDelimiter): string {
  return cells.map((cell) => escapeCell(cell, delimiter)).join(delimiter) + '\r\n';
}

/** A column as an export declares it: a fixed header and how to get the cell from a row. */
export interface CsvColumn<T> {
  header: string;
  value(row: T): CellValue;
}

export interface CsvStreamOptions {
  delimiter: CsvDelimiter;
  /** Defaults to true: spreadsheets need the BOM, pipelines may not. */
  bom?: boolean;
  /** The app's other requests, which the export lets go first (see `Pacer`). */
  requests?: RequestsInFlight | undefined;
}

const CHUNK_CHARS = 64 * 1024;

/**
 * The file as chunks of text: BOM and header first, then rows as they come from `rows`, batched
 * so a large export is neither held in memory nor written as thousands of tiny pieces.
 */
export async function* csvChunks<T>(
  columns: readonly CsvColumn<T>[],
  rows: AsyncIterable<T> | Iterable<T>,
  options: CsvStreamOptions,
): AsyncGenerator<string> {
  const { delimiter } = options;
  let chunk =
    (options.bom === false ? '' : CSV_BOM) +
    csvRow(
      columns.map((c) => c.header),
      delimiter,
    );
  const last = columns.length - 1;
  const pacer = new Pacer(options.requests);
  for await (const row of rows) {
    if (pacer.due()) await pacer.pause();
    // csvRow without its two arrays per row: this loop runs a million times in a large export.
    for (let n = 0; n <= last; n++) {
      chunk += escapeCell(columns[n]!.value(row), delimiter);
      chunk += n === last ? '\r\n' : delimiter;
    }
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
