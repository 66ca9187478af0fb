/**
 * Every export as a spreadsheet program reads it: the workbooks and CSV files are opened with
 * ExcelJS (a maintained reader written by others) and compared with each other and with the JSON.
 * One column set and one meaning per column across CSV and XLSX; local times are real date cells
 * in every sheet, each with its UTC column; Dutch headers and Dutch words for codes; text that
 * looks like a formula stays as typed in XLSX and is neutralised in CSV. Every backend.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { IDEA_CONSENT_TEXT_VERSION } from '../../src/schema/index.js';
import { oneOfEach } from './handled-helpers.js';
import { BACKENDS, SITE, ideaEnvelope, postJson, startTestCollector, type TestCollector } from './helpers.js';
import { pollEnvelope } from './poll-helpers.js';
import { amsterdam, dateText, readCsv, readWorkbook, type Table } from './spreadsheet-helpers.js';

const FORMULA_START = /^[\s]*[=+\-@]/;

/**
 * The CSV and the XLSX of one export hold the same columns and the same data: dates as date
 * cells (CSV `yyyy-mm-dd hh:mm`), each local time agreeing with its UTC column, text as typed in
 * XLSX and neutralised in the CSV.
 */
function expectSameExport(csv: Table, xlsx: Table, name: string): void {
  expect(xlsx.headers, name).toEqual(csv.headers);
  expect(xlsx.rows.length, name).toBe(csv.rows.length);
  for (const header of csv.headers) {
    expect(header, `${name}: a header a coordinator can read`).toMatch(/^[A-Z0-9ÀÖØ-Ý]/);
    expect(header, name).not.toMatch(/_/);
  }
  xlsx.rows.forEach((row, r) =>
    row.forEach((value, n) => {
      const text = String(csv.rows[r]![n] ?? '');
      const where = `${name} row ${r + 1} "${csv.headers[n]}"`;
      if (value instanceof Date) {
        expect(text, where).toBe(dateText(value, text.length > 10));
      } else if (typeof value === 'number') {
        // A ';' file writes the decimal comma a Dutch spreadsheet reads.
        expect(Number(text.replace(',', '.')), where).toBe(value);
      } else if (value === null) {
        expect(text, where).toBe('');
      } else {
        expect(typeof value, where).toBe('string');
        expect(String(value).startsWith("'"), `${where}: no quote added in XLSX`).toBe(false);
        expect(text, where).toBe(FORMULA_START.test(String(value)) ? `'${value}` : value);
      }
    }),
  );
  expectRealDates(xlsx, name);
}

/** Every column with a "(UTC)" partner holds date cells, each the same moment as its UTC text. */
function expectRealDates(table: Table, name: string): number {
  let dates = 0;
  table.headers.forEach((header, n) => {
    const utc = table.headers.indexOf(`${header} (UTC)`);
    if (utc < 0) return;
    for (const row of table.rows) {
      const local = row[n];
      const instant = row[utc];
      if (instant === null || instant === '') {
        expect(local ?? null, `${name} "${header}"`).toBeNull();
        continue;
      }
      expect(local, `${name} "${header}" is a date cell`).toBeInstanceOf(Date);
      const day = dateText(local as Date, false);
      if (/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(String(instant)) && String(instant).endsWith('Z')) {
        // All-day activities start at local midnight; timed ones at their wall-clock time.
        expect(dateText(local as Date, true).startsWith(day) && amsterdam(String(instant)).startsWith(day), `${name} "${header}"`).toBe(
          true,
        );
        if (dateText(local as Date, true).slice(11) !== '00:00')
          expect(dateText(local as Date, true), `${name} "${header}"`).toBe(amsterdam(String(instant)));
      }
      dates++;
    }
  });
  return dates;
}

const column = (table: Table, header: string) => {
  const n = table.headers.indexOf(header);
  expect(n, `column "${header}" in ${table.headers.join(' | ')}`).toBeGreaterThanOrEqual(0);
  return table.rows.map((row) => row[n]);
};

describe.each(BACKENDS)('exports in a spreadsheet program (%s)', (backend) => {
  let c: TestCollector;
  afterEach(() => c?.close());

  it('opens every export with the same columns and meanings in CSV and XLSX, real dates, Dutch words', async () => {
    let now = Date.parse('2026-11-21T10:00:00.000Z');
    c = await startTestCollector({ backend, clock: () => now });
    const ids = await oneOfEach(c.store, SITE);
    const token = await c.token(['read', 'moderate', 'export', 'sensitive']);
    const auth = { authorization: `Bearer ${token}` };

    // An idea whose text and contact start like formulas: typed by a visitor, kept as typed.
    const phone = ideaEnvelope(
      { consent: { textVersion: IDEA_CONSENT_TEXT_VERSION, givenAt: '2026-11-21T10:59:00+01:00' } },
      { text: '-1 stoel te weinig bij de koffie', contact: '+31 6 12345678', wantsToHelp: true },
    );
    expect((await postJson(`${c.url}/v1/sites/${SITE}/submissions`, phone)).status).toBe(201);
    const patched = await fetch(`${c.url}/v1/admin/sites/${SITE}/ideas/${phone.id}`, {
      method: 'PATCH',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'niet-mogelijk', statusReason: 'De zaal is vol' }),
    });
    expect(patched.status).toBe(200);
    expect((await postJson(`${c.url}/v1/sites/${SITE}/submissions`, pollEnvelope({ pollId: 'welkom', answer: 'heel-goed' }))).status).toBe(
      201,
    );
    for (const activity of [
      { title: 'Samen koken', start: '2026-11-20T17:30', end: '2026-11-20T20:00' },
      { title: 'Buurtfeest', allDay: true, start: '2026-11-14', end: '2026-11-14' },
    ]) {
      expect((await postJson(`${c.url}/v1/admin/sites/${SITE}/activities`, activity, auth)).status).toBe(201);
    }
    now += 60_000;

    const get = async (path: string) => {
      const answer = await fetch(`${c.url}/v1/admin/sites/${SITE}/${path}`, { headers: auth });
      expect(answer.status, path).toBe(200);
      return answer.arrayBuffer();
    };
    const pair = async (name: string, csvPath: string, xlsxPath: string, sheet?: string) => {
      const csv = await readCsv(await get(csvPath));
      const book = await readWorkbook(await get(xlsxPath));
      const xlsx = sheet ? book.get(sheet)! : [...book.values()][0]!;
      expectSameExport(csv, xlsx, name);
      return { csv, xlsx, book };
    };
    const json = async (path: string) => JSON.parse(Buffer.from(await get(path)).toString('utf8')) as Record<string, unknown>[];
    const keysOf = (records: Record<string, unknown>[]) => Object.keys(records[0]!);

    // Ideas: one column set; JSON keys for every column; Dutch words; text kept as typed.
    const ideas = await pair('ideas', 'export/ideas.csv', 'export/ideas.xlsx');
    expect(ideas.csv.headers.slice(0, 4)).toEqual(['Kenmerk', 'Ontvangen op', 'Ontvangen op (UTC)', 'Status']);
    expect(keysOf(await json('export/ideas.json'))).toHaveLength(ideas.csv.headers.length);
    expect(column(ideas.xlsx, 'Status')).toEqual(expect.arrayContaining(['Ontvangen', 'Niet mogelijk']));
    expect(column(ideas.xlsx, 'Contact')).toContain('+31 6 12345678');
    expect(column(ideas.csv, 'Contact')).toContain("'+31 6 12345678");
    expect(column(ideas.xlsx, 'Idee')).toContain('-1 stoel te weinig bij de koffie');
    expect(column(ideas.xlsx, 'Toestemming gegeven op').find((v) => v instanceof Date)).toEqual(new Date(Date.UTC(2026, 10, 21, 10, 59)));
    expect(column(ideas.xlsx, 'Taal')).toContain('Nederlands');

    // Welcome intakes (with the sensitive scope: every question column).
    const intakes = await pair('intakes', 'export/intakes.csv', 'export/intakes.xlsx');
    expect(keysOf(await json('export/intakes.json'))).toHaveLength(intakes.csv.headers.length);
    expect(column(intakes.xlsx, 'Wie mag het lezen')).toEqual(['Ook de gastvrouw of gastheer']);
    expect(column(intakes.xlsx, 'Voor wie vul je dit in?')).toHaveLength(1);

    // Poll results and responses: the answer as the visitor saw it.
    const results = await pair('poll results', 'polls/welkom/export/results.csv', 'polls/welkom/export/results.xlsx');
    expect(keysOf(await json('polls/welkom/export/results.json'))).toHaveLength(results.csv.headers.length);
    expect(column(results.xlsx, 'Antwoord')).toEqual(expect.arrayContaining(['😀 Heel goed', '🙂 Goed']));
    expect(column(results.xlsx, 'Wie')).toContain('Iedereen');
    const responses = await pair('poll responses', 'polls/welkom/export/responses.csv', 'polls/welkom/export/responses.xlsx');
    expect(keysOf(await json('polls/welkom/export/responses.json'))).toHaveLength(responses.csv.headers.length);
    expect(column(responses.xlsx, 'Antwoord').sort()).toEqual(['😀 Heel goed', '🙂 Goed']);
    expect(expectRealDates(responses.xlsx, 'poll responses')).toBeGreaterThanOrEqual(2);

    // Volunteers: shift sign-ups (status as a word), hours, and the general applications.
    const signups = await pair(
      'volunteer sign-ups',
      'export/volunteer-signups.csv?from=2026-11-01&to=2026-12-31',
      'export/volunteer.xlsx?from=2026-11-01&to=2026-12-31',
      'Aanmeldingen',
    );
    expect(column(signups.xlsx, 'Status')).toEqual(['Komt']);
    expect(column(signups.xlsx, 'Begin')).toEqual([new Date(Date.UTC(2026, 10, 30, 10, 0))]);
    expect(column(signups.xlsx, 'Begin (UTC)')).toEqual(['2026-11-30T09:00:00.000Z']);
    await pair(
      'volunteer hours',
      'export/volunteer-hours.csv?from=2026-11-01&to=2026-12-31',
      'export/volunteer.xlsx?from=2026-11-01&to=2026-12-31',
      'Uren',
    );
    const applications = await pair('applications', 'export/volunteer-applications.csv', 'export/volunteer-applications.xlsx');
    const applicationJson = await json('export/volunteer-applications.json');
    expect(keysOf(applicationJson)).toHaveLength(applications.csv.headers.length);
    expect(applicationJson.map((a) => a.id)).toEqual([ids.application]);
    expect(column(applications.xlsx, 'Voornaam')).toEqual(['Anna']);
    const ndjson = Buffer.from(await get('export/volunteer-applications.ndjson'))
      .toString('utf8')
      .trimEnd()
      .split('\n');
    expect(ndjson.map((line) => JSON.parse(line).voornaam)).toEqual(['Anna']);

    // Activities: timed and all-day sessions as date cells.
    const activities = await pair(
      'activities',
      'export/activities.csv?from=2026-11-01&to=2026-11-30',
      'export/activities.xlsx?from=2026-11-01&to=2026-11-30',
    );
    expect(column(activities.csv, 'Begin')).toEqual(['2026-11-14', '2026-11-20 17:30']);
    expect(column(activities.xlsx, 'Begin')).toEqual([new Date(Date.UTC(2026, 10, 14)), new Date(Date.UTC(2026, 10, 20, 17, 30))]);
    expect(column(activities.xlsx, 'Begin (UTC)')).toEqual(['2026-11-13T23:00:00.000Z', '2026-11-20T16:30:00.000Z']);

    // The workbook with everything: each sheet has the columns of its own export, dates as dates.
    const all = await readWorkbook(await get('export/all.xlsx'));
    expect(all.get('Ideeën')!.headers).toEqual(ideas.csv.headers);
    expect(all.get('Welkomstgesprekken')!.headers).toEqual(intakes.csv.headers);
    expect(all.get('Peilingen')!.headers).toEqual(responses.csv.headers);
    expect(all.get('Vrijwilligers')!.headers).toEqual(signups.csv.headers);
    expect(all.get('Activiteiten')!.headers).toEqual(activities.csv.headers);
    for (const [name, table] of all) {
      for (const row of table.rows) for (const value of row) if (typeof value === 'string') expect(value.startsWith("'"), name).toBe(false);
      if (name !== 'Uren per jaar') expect(expectRealDates(table, `all.xlsx ${name}`), name).toBeGreaterThan(0);
    }
    expect(column(all.get('Peilingen')!, 'Ontvangen op').every((v) => v instanceof Date)).toBe(true);
    expect(column(all.get('Activiteiten')!, 'Begin').every((v) => v instanceof Date)).toBe(true);
  }, 60_000);
});
