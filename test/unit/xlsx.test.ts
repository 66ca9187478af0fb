/** The XLSX writer: ZIP container, workbook parts, cells, escaping; text kept as it is (never a formula); streaming. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  columnName,
  dropNonXmlChars,
  sheetNames,
  writeXlsx,
  XlsxDate,
  xlsxText,
  type XlsxColumn,
} from '../../src/collector/export/xlsx.js';
import { zipChunks } from '../../src/collector/export/zip.js';
import { checkWellFormed, crc32, readXlsx, unescapeXml, unzip } from '../collector/xlsx-reader.js';

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}

const modified = new Date('2026-06-01T10:00:00Z');

interface Row {
  text: string;
  n: number;
  ok: boolean;
  at: number | null;
}
const columns: XlsxColumn<Row>[] = [
  { header: 'tekst', value: (r) => r.text, width: 40 },
  { header: 'aantal', value: (r) => r.n },
  { header: 'ok', value: (r) => r.ok },
  { header: '=kop', value: (r) => (r.at === null ? null : XlsxDate.fromLocalMs(r.at)) },
];

describe('zipChunks', () => {
  it('writes entries an independent reader inflates with matching CRCs and sizes', async () => {
    const big = 'abc'.repeat(100_000);
    const file = await collect(
      zipChunks(
        [
          { name: 'a.txt', content: ['hallo ', Buffer.from('wereld')] },
          { name: 'leeg.txt', content: [] },
          { name: 'dir/groot.txt', content: [big.slice(0, 70_000), big.slice(70_000)] },
          { name: 'ë.txt', content: ['ü'] },
        ],
        { modified },
      ),
    );
    const entries = unzip(file);
    expect([...entries.keys()]).toEqual(['a.txt', 'leeg.txt', 'dir/groot.txt', 'ë.txt']);
    expect(entries.get('a.txt')!.data.toString()).toBe('hallo wereld');
    expect(entries.get('leeg.txt')!.data.length).toBe(0);
    expect(entries.get('dir/groot.txt')!.data.toString()).toBe(big);
    expect(entries.get('ë.txt')!.data.toString()).toBe('ü');
    expect(entries.get('a.txt')!.flags & 0x0808).toBe(0x0808);
    expect(file.length).toBeLessThan(big.length / 10); // really deflated
  });

  it('computes CRC-32 as the reference does', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});

describe('writeXlsx', () => {
  it('writes the parts, a bold header, numbers, ja/nee, dates, escaped text kept as it is (inline strings, no formulas)', async () => {
    const rows: Row[] = [
      { text: `<b>&"quotes"'</b>`, n: 3, ok: true, at: Date.UTC(2026, 5, 1, 12, 0) },
      { text: '=HYPERLINK("http://x")', n: 0.5, ok: false, at: null },
      { text: '  @SUM(A1)', n: -2, ok: true, at: null },
      { text: 'a\u0000b\u0001c\r\nd\uFFFE\uD800e', n: NaN, ok: false, at: null },
      { text: '\u0001-1', n: 1e21, ok: true, at: null },
      { text: 'spaties aan het eind  ', n: 0, ok: true, at: null },
    ];
    const file = await collect(writeXlsx([{ name: 'Ideeën', columns, rows }], { modified }));
    const { entries, sheets } = readXlsx(file);
    expect([...entries.keys()].sort()).toEqual(
      [
        '[Content_Types].xml',
        '_rels/.rels',
        'xl/_rels/workbook.xml.rels',
        'xl/styles.xml',
        'xl/workbook.xml',
        'xl/worksheets/sheet1.xml',
      ].sort(),
    );
    const styles = entries.get('xl/styles.xml')!.data.toString();
    expect(styles).toContain('<b/>');
    expect(styles).toContain('formatCode="yyyy-mm-dd hh:mm"');
    const sheet = sheets.get('Ideeën')!;
    expect(sheet).toHaveLength(rows.length + 1);
    expect(sheet[0]!.cells.map((c) => [c.value, c.style])).toEqual([
      ['tekst', 1],
      ['aantal', 1],
      ['ok', 1],
      ['=kop', 1],
    ]);
    const cell = (r: number, col: string) => sheet[r]!.cells.find((c) => c.ref === `${col}${r + 1}`);
    expect(cell(1, 'A')!.value).toBe(`<b>&"quotes"'</b>`);
    expect(cell(1, 'B')).toMatchObject({ type: 'n', value: 3 });
    expect(cell(1, 'C')).toMatchObject({ type: 'inlineStr', value: 'ja' });
    expect(cell(1, 'D')).toMatchObject({ type: 'n', style: 2, value: 46174.5 });
    expect(cell(2, 'A')).toMatchObject({ type: 'inlineStr', value: '=HYPERLINK("http://x")' });
    expect(cell(2, 'C')!.value).toBe('nee');
    expect(cell(2, 'D')).toBeUndefined();
    expect(cell(3, 'A')).toMatchObject({ type: 'inlineStr', value: '  @SUM(A1)' });
    expect(cell(3, 'B')).toMatchObject({ type: 'n', value: -2 });
    expect(cell(4, 'A')!.value).toBe('abc\r\nde'); // CR kept as &#13;, forbidden characters gone
    expect(cell(4, 'B')).toMatchObject({ type: 'inlineStr', value: 'NaN' });
    expect(cell(5, 'A')).toMatchObject({ type: 'inlineStr', value: '-1' }); // text, once the control character is gone
    expect(cell(6, 'A')!.value).toBe('spaties aan het eind  ');
    const xml = entries.get('xl/worksheets/sheet1.xml')!.data.toString();
    expect(xml).toContain('&lt;b&gt;&amp;&quot;quotes&quot;&apos;&lt;/b&gt;');
    expect(xml).toContain('<t xml:space="preserve">spaties aan het eind  </t>');
    expect(xml).toContain('<t>tekst</t>');
    // Inline strings are text by type; a formula would need an <f> element, and there is none.
    expect(xml).not.toMatch(/<f[ >]/);
    expect(xml).not.toMatch(/<t[^>]*>'/);
  });

  it('writes one sheet per source, with safe unique names, each read once in order', async () => {
    const reads: string[] = [];
    async function* source(name: string, count: number) {
      for (let i = 0; i < count; i++) {
        reads.push(name);
        yield { text: `${name} ${i}`, n: i, ok: i % 2 === 0, at: null };
      }
    }
    const file = await collect(
      writeXlsx(
        [
          { name: 'Ideeën', columns, rows: source('a', 3) },
          { name: 'ideeën', columns, rows: source('b', 0) },
          { name: 'Aan: [*?/\\] een heel lange naam voor een blad', columns, rows: source('c', 2000) },
        ],
        { modified },
      ),
    );
    const { sheets } = readXlsx(file);
    expect([...sheets.keys()]).toEqual(['Ideeën', 'ideeën-2', 'Aan_ ______ een heel lange naam']);
    expect([...sheets.values()].map((s) => s.length)).toEqual([4, 1, 2001]);
    expect(reads.join('')).toBe('aaa' + 'c'.repeat(2000));
  });

  it('pulls rows only as the consumer asks (constant memory)', async () => {
    let produced = 0;
    async function* endless() {
      for (;;) {
        produced++;
        yield { text: 'x'.repeat(200), n: produced, ok: true, at: null };
      }
    }
    const chunks = writeXlsx([{ name: 'a', columns, rows: endless() }], { modified });
    for (let i = 0; i < 5; i++) await chunks.next();
    const after = produced;
    expect(after).toBeLessThan(2000);
    await chunks.next();
    expect(produced - after).toBeLessThan(2000);
    await chunks.return(undefined);
  });

  it('names columns and sheets like Excel', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
    expect(sheetNames(['', "'x'", 'a'.repeat(40), 'a'.repeat(40)])).toEqual(['Blad1', 'x', 'a'.repeat(31), `${'a'.repeat(29)}-2`]);
  });
});

describe('xlsxText (property)', () => {
  const anyString = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
  );
  const prefix = fc.constantFrom('', ' ', '  ', '\t', '\r', '\n', '\0', '\u0001', '\uFFFE', '\uDC00', '=', '+', '-', '@');
  it('survives escaping and unescaping unchanged, apart from characters XML cannot hold', () => {
    fc.assert(
      fc.property(prefix, prefix, anyString, (a, b, rest) => {
        const input = a + b + rest;
        const escaped = xlsxText(input);
        checkWellFormed(`<t>${escaped}</t>`);
        expect(escaped).not.toMatch(/[<>"'\r]/);
        const text = unescapeXml(escaped);
        const legal = dropNonXmlChars(input);
        expect(dropNonXmlChars(text)).toBe(text);
        expect(text).toBe(legal);
      }),
      { numRuns: 2000 },
    );
  });
});
