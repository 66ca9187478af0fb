/**
 * Every export the collector serves, opened in LibreOffice when it is installed (`soffice`): the
 * download menu's list of files (every CSV and every workbook) is fetched, and LibreOffice opens
 * each one headlessly, as a coordinator's double-click would.
 *
 * - A workbook: every sheet is converted to CSV "as shown". Each sheet shows the Dutch headers
 *   ExcelJS reads, every date cell as a date, every text exactly as typed (a formula never runs,
 *   no apostrophe is added), every number as that number.
 * - A CSV (`;`, the Dutch default): imported with Dutch settings, formulas evaluated and special
 *   numbers detected (the worst case), saved as a workbook and read back. No cell is a formula;
 *   every local time is a real date; every number is a number; text that looks like a formula
 *   keeps its neutralising `'`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { EXPORT_DATASETS, exportPath } from '../../src/admin/exports/export-catalog.js';
import { IDEA_CONSENT_TEXT_VERSION } from '../../src/schema/index.js';
import { oneOfEach } from './handled-helpers.js';
import { SITE, ideaEnvelope, postJson, startTestCollector, tempDir } from './helpers.js';
import { pollEnvelope } from './poll-helpers.js';
import { dateText, readCsv, readWorkbook, tableOf, type Table } from './spreadsheet-helpers.js';

const soffice = ['soffice', 'libreoffice'].find((cmd) => spawnSync('which', [cmd]).status === 0);
if (!soffice) console.warn('LibreOffice check of the exports skipped: neither soffice nor libreoffice is on PATH');

/** LibreOffice's CSV filter options: separator, quote, UTF-8, from line 1, no column types, Dutch (1043). */
const CSV_OUT_ALL_SHEETS = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true,false,false,-1';
const CSV_IN_DUTCH_EVALUATED = 'CSV:59,34,76,1,,1043,false,true,false,false,false,-1,true';

function convert(dir: string, file: string, args: string[]): void {
  execFileSync(soffice!, ['--headless', `-env:UserInstallation=file://${dir}/profile`, ...args, '--outdir', dir, file], {
    timeout: 90_000,
    stdio: 'ignore',
  });
}

const csvText = async (bytes: Buffer) => {
  const book = new ExcelJS.Workbook();
  return tableOf(await book.csv.read(Readable.from([bytes]), { parserOptions: { delimiter: ',' }, map: (v: unknown) => v } as never));
};

const isFormula = (v: unknown) => typeof v === 'object' && v !== null && !(v instanceof Date) && ('formula' in v || 'sharedFormula' in v);

/** Headers a coordinator reads: a capital or digit first, no code-style underscores. */
function expectDutchHeaders(table: Table, where: string): void {
  for (const header of table.headers) {
    expect(header, `${where}: a header a coordinator can read`).toMatch(/^[A-Z0-9ÀÖØ-Ý]/);
    expect(header, where).not.toMatch(/_/);
  }
}

/** Local-time columns (those with a "(UTC)" partner) that hold a value. */
function localTimes(table: Table): { header: string; values: unknown[] }[] {
  return table.headers
    .map((header, n) => ({ header, n, utc: table.headers.indexOf(`${header} (UTC)`) }))
    .filter((c) => c.utc >= 0)
    .map((c) => ({ header: c.header, values: table.rows.filter((r) => r[c.utc] !== null && r[c.utc] !== '').map((r) => r[c.n]) }));
}

describe('every export in LibreOffice', () => {
  it.skipIf(!soffice)(
    'opens every workbook sheet and every CSV: Dutch headers, real dates, numbers as numbers, no formula run, no apostrophe in XLSX',
    async () => {
      const c = await startTestCollector({});
      const { dir, cleanup } = tempDir();
      try {
        await oneOfEach(c.store, SITE);
        const auth = { authorization: `Bearer ${await c.token(['read', 'moderate', 'export', 'sensitive'])}` };
        // Text a visitor typed that a spreadsheet would run as a formula.
        const risky = ideaEnvelope(
          { consent: { textVersion: IDEA_CONSENT_TEXT_VERSION, givenAt: '2026-11-21T10:59:00+01:00' } },
          { text: '=1+1 stoelen erbij', contact: '+31 6 12345678', wantsToHelp: true },
        );
        expect((await postJson(`${c.url}/v1/sites/${SITE}/submissions`, risky)).status).toBe(201);
        // Two more answers: with the one stored above, shares of 33.3 and 66.7 per cent (decimals).
        for (const answer of ['heel-goed', 'goed']) {
          expect((await postJson(`${c.url}/v1/sites/${SITE}/submissions`, pollEnvelope({ pollId: 'welkom', answer }))).status).toBe(201);
        }
        for (const activity of [
          { title: 'Samen koken', start: '2026-11-20T17:30', end: '2026-11-20T20:00' },
          { title: 'Buurtfeest', allDay: true, start: '2026-11-14', end: '2026-11-14' },
        ]) {
          expect((await postJson(`${c.url}/v1/admin/sites/${SITE}/activities`, activity, auth)).status).toBe(201);
        }

        const files = EXPORT_DATASETS.flatMap((dataset) =>
          dataset.formats
            .filter((format) => format === 'csv' || format === 'xlsx')
            .map((format) => ({
              format,
              path: exportPath({ dataset, format, delimiter: 'semicolon', from: '2026-01-01', to: '2026-12-31', poll: 'welkom' }),
            })),
        );
        expect(files.length).toBeGreaterThanOrEqual(14);
        let sheets = 0;
        let dates = 0;
        for (const [n, { format, path }] of files.entries()) {
          const answer = await fetch(`${c.url}/v1/admin/sites/${SITE}${path}`, { headers: auth });
          expect(answer.status, path).toBe(200);
          const bytes = await answer.arrayBuffer();
          const base = `file${n}`;
          writeFileSync(join(dir, `${base}.${format}`), Buffer.from(bytes));

          if (format === 'xlsx') {
            const book = await readWorkbook(bytes);
            convert(dir, join(dir, `${base}.xlsx`), ['--convert-to', CSV_OUT_ALL_SHEETS]);
            for (const [name, sheet] of book) {
              // One CSV per sheet, named after it (a single sheet may keep the plain name).
              const own = readdirSync(dir).find((f) => f === `${base}-${name}.csv`) ?? (book.size === 1 ? `${base}.csv` : undefined);
              expect(
                own,
                `${path}: sheet "${name}" converted (${readdirSync(dir)
                  .filter((f) => f.startsWith(base))
                  .join(', ')})`,
              ).toBeDefined();
              const shown = await csvText(readFileSync(join(dir, own!)));
              const where = `${path} "${name}"`;
              expect(shown.headers, where).toEqual(sheet.headers);
              expectDutchHeaders(shown, where);
              expect(shown.rows.length, where).toBe(sheet.rows.length);
              sheet.rows.forEach((row, r) =>
                row.forEach((value, col) => {
                  const text = String(shown.rows[r]![col] ?? '');
                  const cell = `${where} row ${r + 1} "${sheet.headers[col]}"`;
                  expect(isFormula(value), `${cell}: no formula in the file`).toBe(false);
                  expect(text.startsWith("'"), `${cell}: no apostrophe`).toBe(false);
                  if (value instanceof Date) {
                    expect(text, cell).toBe(dateText(value, text.length > 10));
                    dates++;
                  } else if (typeof value === 'number') expect(Number(text.replace(',', '.')), cell).toBe(value);
                  else expect(text, cell).toBe(value === null ? '' : String(value));
                }),
              );
              sheets++;
            }
            if (path.startsWith('/export/ideas.xlsx')) {
              const ideas = book.get([...book.keys()][0]!)!;
              expect(ideas.rows.flat(), 'the risky text as typed').toEqual(
                expect.arrayContaining(['=1+1 stoelen erbij', '+31 6 12345678']),
              );
            }
            continue;
          }

          // A CSV as a Dutch spreadsheet opens it, formulas evaluated: saved as a workbook by LibreOffice.
          const ours = await readCsv(bytes);
          convert(dir, join(dir, `${base}.csv`), [`--infilter=${CSV_IN_DUTCH_EVALUATED}`, '--convert-to', 'xlsx']);
          const opened = [...(await readWorkbook(readFileSync(join(dir, `${base}.xlsx`)).buffer as ArrayBuffer)).values()][0]!;
          expect(opened.headers, path).toEqual(ours.headers);
          expectDutchHeaders(opened, path);
          opened.rows.forEach((row, r) =>
            row.forEach((value, col) => {
              const typed = String(ours.rows[r]![col] ?? '');
              const cell = `${path} row ${r + 1} "${ours.headers[col]}"`;
              expect(isFormula(value), `${cell}: no formula ran`).toBe(false);
              if (/^\d+([.,]\d+)?$/.test(typed)) expect(value, `${cell}: a number`).toBe(Number(typed.replace(',', '.')));
              if (/^'[=+\-@]/.test(typed)) expect(value, `${cell}: text, neutralised`).toBe(typed);
            }),
          );
          for (const { header, values } of localTimes(opened)) {
            for (const value of values) expect(value, `${path} "${header}": a real date`).toBeInstanceOf(Date);
            dates += values.length;
          }
        }
        console.info(`LibreOffice opened ${files.length} files (${sheets} workbook sheets), ${dates} date cells`);
        expect(sheets).toBeGreaterThanOrEqual(12);
        expect(dates).toBeGreaterThan(20);
      } finally {
        await c.close();
        cleanup();
      }
    },
    600_000,
  );
});
