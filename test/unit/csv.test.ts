import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CSV_BOM,
  csvChunks,
  csvRow,
  escapeCell,
  neutraliseCell,
  type CsvColumn,
  type CsvDelimiter,
} from '../../src/collector/export/csv.js';
import { formatLocalDateTime, localDateTimeMs } from '../../src/collector/export/ideas.js';

/**
 * A small RFC 4180 parser, written independently of the writer: fields separated by the
 * delimiter, records by CRLF, a quoted field may hold anything with `""` for a quote.
 */
function parseCsv(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let fieldStart = true;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
      i++;
      continue;
    }
    if (ch === delimiter) {
      record.push(field);
      field = '';
      fieldStart = true;
      i++;
      continue;
    }
    if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      fieldStart = true;
      i += 2;
      continue;
    }
    if (ch === '"' || ch === '\r' || ch === '\n') throw new Error(`bare ${JSON.stringify(ch)} at ${i}`);
    field += ch;
    fieldStart = false;
    i++;
  }
  if (quoted) throw new Error('unterminated quote');
  if (field !== '' || record.length) throw new Error('last record lacks CRLF');
  return records;
}

/** The test's own idea of a dangerous cell: a trigger first, or `= + - @` after leading spaces. */
function isRisky(cell: string): boolean {
  return /^[=+\-@\t\r\n\0]/.test(cell) || /^\s*[=+\-@\0]/.test(cell);
}

describe('escapeCell', () => {
  it.each<[string | number | null | undefined, CsvDelimiter, string]>([
    ['plain', ';', 'plain'],
    ['a;b', ';', '"a;b"'],
    ['a;b', ',', 'a;b'],
    ['a,b', ',', '"a,b"'],
    ['a,b', ';', 'a,b'],
    ['zeg "hoi"', ';', '"zeg ""hoi"""'],
    ['regel 1\nregel 2', ';', '"regel 1\nregel 2"'],
    ['regel 1\r\nregel 2', ';', '"regel 1\r\nregel 2"'],
    ['', ';', ''],
    [null, ';', ''],
    [undefined, ';', ''],
    [42, ';', '42'],
    // A ';' file is read with Dutch number settings: a decimal comma; a ',' file keeps the point.
    [2.5, ';', '2,5'],
    [2.5, ',', '2.5'],
    ['Crème brûlée ☕ مرحبا', ';', 'Crème brûlée ☕ مرحبا'],
  ])('%j with %j → %j', (value, delimiter, expected) => {
    expect(escapeCell(value, delimiter)).toBe(expected);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+31 6 12345678', "'+31 6 12345678"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\0x', "'\0x"],
    ['  =1+1', "'  =1+1"],
    ['\u00a0@x', "'\u00a0@x"],
    ['a=b', 'a=b'],
    ["'al gequote", "'al gequote"],
  ])('neutralises %j → %j', (value, expected) => {
    expect(neutraliseCell(value)).toBe(expected);
  });

  it('neutralises before quoting', () => {
    expect(escapeCell('=HYPERLINK("x";"y")', ';')).toBe(`"'=HYPERLINK(""x"";""y"")"`);
    expect(escapeCell('\r\n=1', ';')).toBe(`"'\r\n=1"`);
  });
});

describe('csvRow and csvChunks', () => {
  it('ends records with CRLF', () => {
    expect(csvRow(['a', 'b'], ';')).toBe('a;b\r\n');
    expect(csvRow([], ';')).toBe('\r\n');
  });

  it('writes BOM, the declared header and rows, from an async source', async () => {
    const columns: CsvColumn<{ n: number; t: string }>[] = [
      { header: 'nummer', value: (r) => r.n },
      { header: 'tekst', value: (r) => r.t },
    ];
    async function* rows() {
      yield { n: 1, t: 'een; twee' };
      yield { n: 2, t: '=gevaar' };
    }
    let file = '';
    for await (const chunk of csvChunks(columns, rows(), { delimiter: ';' })) file += chunk;
    expect(file).toBe(`${CSV_BOM}nummer;tekst\r\n1;"een; twee"\r\n2;'=gevaar\r\n`);
    let noBom = '';
    for await (const chunk of csvChunks(columns, [], { delimiter: ',', bom: false })) noBom += chunk;
    expect(noBom).toBe('nummer,tekst\r\n');
  });

  it('yields a large file in several chunks', async () => {
    const columns: CsvColumn<number>[] = [{ header: 'n', value: (n) => 'x'.repeat(1000) + n }];
    const chunks: string[] = [];
    for await (const chunk of csvChunks(
      columns,
      Array.from({ length: 500 }, (_, i) => i),
      { delimiter: ';' },
    )) {
      chunks.push(chunk);
    }
    expect(chunks.length).toBeGreaterThan(1);
    expect(parseCsv(chunks.join('').slice(1), ';')).toHaveLength(501);
  });
});

describe('CSV property: parsed cells are never formulas and round-trip', () => {
  const triggerish = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '\0', '"', ';', ',', ' ', '\u00a0', "'", 'a', 'é', '😀');
  const cell = fc.oneof(
    fc.string({ unit: triggerish, maxLength: 12 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc
      .tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '\0', ' =', '  +', '\u00a0@', '\r\n-'), fc.string())
      .map(([prefix, rest]) => prefix + rest),
  );
  const delimiter = fc.constantFrom<CsvDelimiter>(';', ',');

  it('holds for single rows', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 8 }), delimiter, (cells, d) => {
        const parsed = parseCsv(csvRow(cells, d), d);
        expect(parsed).toHaveLength(1);
        expect(parsed[0]).toHaveLength(cells.length);
        parsed[0]!.forEach((out, i) => {
          const original = cells[i]!;
          expect(isRisky(out)).toBe(false);
          expect(out).toBe(isRisky(original) ? `'${original}` : original);
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('holds for whole files', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 20 }), delimiter, async (rows, d) => {
        const columns: CsvColumn<string[]>[] = [0, 1, 2].map((i) => ({ header: `k${i}`, value: (r) => r[i] }));
        let file = '';
        for await (const chunk of csvChunks(columns, rows, { delimiter: d })) file += chunk;
        expect(file.startsWith(CSV_BOM)).toBe(true);
        const parsed = parseCsv(file.slice(CSV_BOM.length), d);
        expect(parsed[0]).toEqual(['k0', 'k1', 'k2']);
        expect(parsed.slice(1)).toEqual(rows.map((r) => r.map((v) => (isRisky(v) ? `'${v}` : v))));
      }),
      { numRuns: 300 },
    );
  });
});

describe('formatLocalDateTime', () => {
  it('shows the site time zone as YYYY-MM-DD HH:mm, across daylight saving time', () => {
    expect(formatLocalDateTime('2026-11-22T13:05:00.000Z', 'Europe/Amsterdam')).toBe('2026-11-22 14:05');
    expect(formatLocalDateTime('2026-07-01T22:30:00.000Z', 'Europe/Amsterdam')).toBe('2026-07-02 00:30');
    expect(formatLocalDateTime('2026-07-01T22:30:00.000Z', 'UTC')).toBe('2026-07-01 22:30');
    expect(formatLocalDateTime(null, 'UTC')).toBe('');
  });

  it('agrees with Intl minute by minute around transitions, in zones with odd offsets too', () => {
    const intl = (ms: number, timeZone: string) => {
      const p = Object.fromEntries(
        new Intl.DateTimeFormat('en-GB', {
          timeZone,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        })
          .formatToParts(new Date(ms))
          .map((x) => [x.type, x.value]),
      );
      return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
    };
    const cases: [string, string][] = [
      ['Europe/Amsterdam', '2026-03-29T01:00:00Z'],
      ['Europe/Amsterdam', '2026-10-25T01:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'], // a 30-minute DST change
      ['America/St_Johns', '2026-11-01T03:30:00Z'],
      ['Asia/Kathmandu', '2026-01-01T00:00:00Z'],
    ];
    for (const [zone, around] of cases) {
      const t = Date.parse(around);
      for (let ms = t - 3 * 3600_000; ms <= t + 3 * 3600_000; ms += 60_000 + 1234) {
        expect(formatLocalDateTime(new Date(ms).toISOString(), zone)).toBe(intl(ms, zone));
      }
    }
  });

  it('reads instants of the same minute alike, whatever zone or spelling came in between', () => {
    const start = Date.parse('2026-03-29T00:58:00Z'); // Amsterdam's clocks go forward at 01:00 UTC
    const amsterdam = (ms: number) => ms + (ms < Date.parse('2026-03-29T01:00:00Z') ? 3600_000 : 7200_000);
    for (let ms = start; ms < start + 4 * 60_000; ms += 7_321) {
      const iso = new Date(ms).toISOString();
      expect(localDateTimeMs(iso, 'Europe/Amsterdam')).toBe(amsterdam(ms));
      expect(localDateTimeMs(iso, 'Europe/Amsterdam')).toBe(amsterdam(ms));
      expect(localDateTimeMs(iso, 'UTC')).toBe(ms);
      expect(localDateTimeMs(iso.replace('Z', '+00:00'), 'Europe/Amsterdam')).toBe(amsterdam(ms));
      expect(localDateTimeMs(`${iso.slice(0, 17)}61.000Z`, 'UTC')).toBeNull();
      expect(localDateTimeMs(`${iso.slice(0, 17)}5x.000Z`, 'UTC')).toBeNull();
    }
  });
});
