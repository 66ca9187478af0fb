/** XLSX export of ideas over HTTP and from the CLI, read back with an independent reader; every backend. */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IDEA_EXPORT_HEADERS, IDEA_EXPORT_KEYS } from '../../src/collector/export/ideas.js';
import { IDEA_CONSENT_TEXT_VERSION } from '../../src/schema/index.js';
import { ensureBuiltCli, runCli } from './cli-process.js';
import { BACKENDS, ideaEnvelope, postJson, seedPlainIdeas, startTestCollector, tempDir, type TestCollector } from './helpers.js';
import { readXlsx, type SheetCell } from './xlsx-reader.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = IDEA_EXPORT_HEADERS;

/** A row's cells by the column's stable key (the header row must be the documented one). */
function byHeader(header: SheetCell[], row: SheetCell[]): Record<string, SheetCell> {
  expect(header.map((h) => h.value)).toEqual(HEADERS);
  const keys = new Map(header.map((c, n) => [c.ref.replace(/\d+$/, ''), IDEA_EXPORT_KEYS[n]!]));
  return Object.fromEntries(row.map((c) => [keys.get(c.ref.replace(/\d+$/, '')), c]));
}

/** Excel's serial for a wall-clock time. */
const serial = (y: number, mo: number, d: number, h: number, mi: number) => Date.UTC(y, mo - 1, d, h, mi) / 86_400_000 + 25_569;

describe.each(BACKENDS)('XLSX export (%s)', (backend) => {
  let c: TestCollector;
  afterEach(() => c?.close());
  let now = Date.parse('2026-06-01T10:00:00.000Z');
  const clock = () => now;

  it('exports a workbook with a sheet of ideas, escaped, text kept as typed, audited with its row count', async () => {
    c = await startTestCollector({ backend, clock });
    const token = await c.token(['export']);
    const withContact = ideaEnvelope(
      { consent: { textVersion: IDEA_CONSENT_TEXT_VERSION, givenAt: '2026-06-01T11:59:00+02:00' } },
      { text: `<script>&"x"'</script>`, contact: 'anna@example.nl', wantsToHelp: true },
    );
    expect((await postJson(`${c.url}/v1/sites/${c.site}/submissions`, withContact)).status).toBe(201);
    now += 60_000;
    const formula = ideaEnvelope({}, { text: '=HYPERLINK("http://evil.example","klik")' });
    expect((await postJson(`${c.url}/v1/sites/${c.site}/submissions`, formula)).status).toBe(201);
    now += 60_000;

    const answer = await fetch(`${c.url}/v1/admin/sites/${c.site}/export/ideas.xlsx`, { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(answer.headers.get('content-disposition')).toBe('attachment; filename="buurtkit-de-linde-ideeen-2026-06-01.xlsx"');
    const { sheets } = readXlsx(Buffer.from(await answer.arrayBuffer()));
    expect([...sheets.keys()]).toEqual(['Ideeën']);
    const rows = sheets.get('Ideeën')!;
    expect(rows).toHaveLength(3);
    const header = rows[0]!.cells;
    expect(header.map((h) => h.value)).toEqual(HEADERS);
    expect(header.every((h) => h.style === 1)).toBe(true);

    const first = byHeader(header, rows[1]!.cells);
    expect(first.id!.value).toBe(withContact.id);
    expect(first.ontvangen_op!.value).toBe('2026-06-01T10:00:00.000Z');
    expect(first.ontvangen_op_lokaal).toMatchObject({ type: 'n', style: 2, value: serial(2026, 6, 1, 12, 0) });
    expect(first.idee!.value).toBe(`<script>&"x"'</script>`);
    expect(first.wil_helpen!.value).toBe('ja');
    expect(first.gepubliceerd!.value).toBe('nee');
    expect(first.contact!.value).toBe('anna@example.nl');
    expect(first.toestemming_op_lokaal!.value).toBe(serial(2026, 6, 1, 11, 59));
    expect(first.stemmen).toMatchObject({ type: 'n', value: 0 });
    expect(String(first.toestemming_hash!.value)).toMatch(/^[0-9a-f]{64}$/);

    const second = byHeader(header, rows[2]!.cells);
    // An inline string is never a formula: the text stays exactly as the visitor typed it.
    expect(second.idee).toMatchObject({ type: 'inlineStr', value: `=HYPERLINK("http://evil.example","klik")` });
    expect(second.contact).toBeUndefined();

    expect(
      (
        await fetch(`${c.url}/v1/admin/sites/${c.site}/export/ideas.xlsx?delimiter=comma`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await fetch(`${c.url}/v1/admin/sites/${c.site}/export/ideas.xlsx`, {
          headers: { authorization: `Bearer ${await c.token(['read'])}` },
        })
      ).status,
    ).toBe(403);
    const audit = (await c.store.audit.list(c.site)).filter((e) => e.action === 'export.ideas');
    expect(audit.map((e) => [e.target, e.rowCount])).toEqual([['ideas.xlsx', 2]]);
  });

  it('streams many rows to a slow reader, complete and in order', async () => {
    c = await startTestCollector({ backend, clock });
    const token = await c.token(['export']);
    const at = new Date(now).toISOString();
    const ids = await seedPlainIdeas(c, 800, at);
    now += 1;
    const answer = await fetch(`${c.url}/v1/admin/sites/${c.site}/export/ideas.xlsx`, { headers: { authorization: `Bearer ${token}` } });
    const reader = answer.body!.getReader();
    const parts: Buffer[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(Buffer.from(value));
      // A slow client on purpose (it waits for nothing): the pauses let the server's buffers fill, so the stream must pause.
      if (parts.length % 4 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    expect(parts.length).toBeGreaterThan(1);
    const rows = readXlsx(Buffer.concat(parts)).sheets.get('Ideeën')!;
    expect(rows.slice(1).map((r) => r.cells[0]!.value)).toEqual(ids);
  });
});

describe('XLSX from the CLI', () => {
  beforeAll(ensureBuiltCli, 120_000);

  it('writes --format xlsx to --out, and refuses a CSV delimiter', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = join(dir, 'x.sqlite');
      expect(runCli(['site', 'add', 'x', '--name', 'X', '--db', db], { cwd: dir }).code).toBe(0);
      const out = join(dir, 'ideeen.xlsx');
      const written = runCli(['export', 'x', 'ideas', '--format', 'xlsx', '--out', out, '--db', db], { cwd: dir });
      expect(written.code).toBe(0);
      expect(written.stderr).toMatch(/Wrote 0 idea\(s\)/);
      expect(
        readXlsx(readFileSync(out))
          .sheets.get('Ideeën')!
          .map((r) => r.cells.length),
      ).toEqual([HEADERS.length]);
      expect(runCli(['export', 'x', 'ideas', '--format', 'xlsx', '--delimiter', 'comma', '--db', db], { cwd: dir }).code).toBe(2);
      expect(runCli(['--help']).stdout).toMatch(/--format csv\|json\|ndjson\|xlsx/);
    } finally {
      cleanup();
    }
  });
});

/** LibreOffice, when installed, must open the file: converted to CSV headlessly, the cells match. */
const soffice = ['soffice', 'libreoffice'].find((cmd) => spawnSync('which', [cmd]).status === 0);
if (!soffice) console.warn('LibreOffice check of the XLSX export skipped: neither soffice nor libreoffice is on PATH');

describe('XLSX in LibreOffice', () => {
  it.skipIf(!soffice)(
    'converts to CSV with the same cells',
    async () => {
      const c = await startTestCollector({});
      const { dir, cleanup } = tempDir();
      try {
        const envelope = ideaEnvelope({}, { text: '=1+1 & <b>"één"</b>' });
        expect((await postJson(`${c.url}/v1/sites/${c.site}/submissions`, envelope)).status).toBe(201);
        const answer = await fetch(`${c.url}/v1/admin/sites/${c.site}/export/ideas.xlsx`, {
          headers: { authorization: `Bearer ${await c.token(['export'])}` },
        });
        const file = join(dir, 'ideeen.xlsx');
        await import('node:fs/promises').then((fs) => answer.arrayBuffer().then((b) => fs.writeFile(file, Buffer.from(b))));
        execFileSync(
          soffice!,
          [
            '--headless',
            `-env:UserInstallation=file://${dir}/profile`,
            '--convert-to',
            'csv:Text - txt - csv (StarCalc):44,34,76',
            '--outdir',
            dir,
            file,
          ],
          {
            timeout: 60_000,
            stdio: 'ignore',
          },
        );
        const csv = readFileSync(join(dir, 'ideeen.csv'), 'utf8');
        const [head, row] = csv.trim().split(/\r?\n/);
        expect(head!.split(',')).toEqual(HEADERS.map((h) => (h.includes(',') ? `"${h}"` : h)));
        expect(row).toContain(envelope.id);
        expect(row).toContain(`"=1+1 & <b>""één""</b>"`);
      } finally {
        await c.close();
        cleanup();
      }
    },
    90_000,
  );
});
