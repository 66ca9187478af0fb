/** Reading exports as a spreadsheet program does (ExcelJS, a maintained reader written by others). */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';

export type Cell = ExcelJS.CellValue;
export interface Table {
  headers: string[];
  rows: Cell[][];
}

/** A worksheet as headers and rows of plain values (rich text and hyperlinks as their text). */
export function tableOf(sheet: ExcelJS.Worksheet): Table {
  const values: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => values.push((row.values as Cell[]).slice(1)));
  const [head = [], ...rows] = values;
  const width = head.length;
  return { headers: head.map(String), rows: rows.map((r) => Array.from({ length: width }, (_, n) => r[n] ?? null)) };
}

export async function readWorkbook(bytes: ArrayBuffer): Promise<Map<string, Table>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes);
  return new Map(book.worksheets.map((s) => [s.name, tableOf(s)]));
}

/** A CSV as Excel would import it, values kept as text. */
export async function readCsv(bytes: ArrayBuffer, delimiter = ';'): Promise<Table> {
  const buffer = Buffer.from(bytes);
  expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const book = new ExcelJS.Workbook();
  const sheet = await book.csv.read(Readable.from([buffer.subarray(3)]), { parserOptions: { delimiter }, map: (v: unknown) => v } as never);
  const table = tableOf(sheet);
  return { headers: table.headers, rows: table.rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : String(v)))) };
}

export const pad = (n: number) => String(n).padStart(2, '0');
/** How a date cell reads as text: ExcelJS gives the serial as a Date in UTC. */
export const dateText = (d: Date, withTime: boolean) =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}${withTime ? ` ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : ''}`;
/** An instant on a Dutch wall clock, by Intl's time-zone data. */
export const amsterdam = (iso: string) => new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Amsterdam' }).slice(0, 16);
