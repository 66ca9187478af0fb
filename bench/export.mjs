#!/usr/bin/env node
// Export benchmark: seeds N stored ideas (default 1,000,000) through the store's own connection
// in batched transactions, then downloads the CSV export over HTTP from the built collector
// (`dist/`, run as `buurtkit-collector serve` in a child process) and reports:
//   total seconds, time to first byte, bytes, rows, and the collector's peak RSS (VmHWM from
//   /proc/<pid>/status, sampled during the download; the process's own high-water mark).
// SQLite always; PostgreSQL too when DATABASE_URL is a postgres:// URL (own schema, dropped after).
// Targets (issue 3): ≤ 10 s, first byte ≤ 200 ms, peak RSS ≤ 150 MB.
//
//   npm run build:node && node bench/export.mjs [--rows 1000000] [--only sqlite,postgres]
//                                               [--format csv|json|ndjson|xlsx] [--json]
// XLSX is a ZIP, so its rows are not counted by lines: the check is that the file is complete (it
// ends with the ZIP's end-of-central-directory record).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist/collector/cli.js');
const SITE = 'bench';
const TARGETS = { seconds: 10, firstByteMs: 200, peakRssMb: 150 };

const { values: flags } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    only: { type: 'string', default: 'sqlite,postgres' },
    format: { type: 'string', default: 'csv' },
    json: { type: 'boolean', default: false },
  },
});
const ROWS = Number(flags.rows);
if (!Number.isInteger(ROWS) || ROWS < 1) throw new Error('--rows must be a positive whole number');
const only = new Set(flags.only.split(','));
const PG_URL = /^postgres(ql)?:\/\//i.test(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL : undefined;

let dist;
try {
  dist = {
    collector: await import(join(ROOT, 'dist/collector/index.js')),
    schema: await import(join(ROOT, 'dist/schema/index.js')),
  };
} catch {
  console.error('dist/ is missing: run "npm run build:node" first.');
  process.exit(1);
}
const { SqliteStore, PostgresStore, issueToken } = dist.collector;
const { uuidv7 } = dist.schema;

const BATCH = 10_000;
const log = (text) => process.stderr.write(`${text}\n`);

/** Row n of the seed: realistic text, a contact on every tenth, spread over the last 300 days. */
function seedRow(n, start) {
  const receivedAt = new Date(start + n * 25).toISOString(); // 1M rows span ~7 hours
  const withContact = n % 10 === 0;
  return {
    id: uuidv7(start + n * 25),
    receivedAt,
    text: `Idee ${n}: een moestuin achter het buurthuis, met bakken op tafelhoogte; wie helpt er mee?`,
    category: n % 3 === 0 ? 'activiteit' : null,
    name: withContact ? `Bewoner ${n}` : null,
    contact: withContact ? `bewoner${n}@example.nl` : null,
  };
}

async function seedSqlite(store, start) {
  const db = store.db;
  const sub = db.prepare(`INSERT INTO submissions (id, site, widget, kind, locale, schema_version, sent_at,
      received_at, consent, data, elapsed_ms) VALUES (?, ?, 'idea-box', 'idea', 'nl', 1, ?, ?, NULL, ?, 8000)`);
  const idea = db.prepare(`INSERT INTO ideas (id, site, text, category, role, wants_to_help, name, contact,
      consent_version, consent_given_at, consent_hash, locale, created_at, updated_at)
      VALUES (?, ?, ?, ?, NULL, 0, ?, ?, NULL, NULL, NULL, 'nl', ?, ?)`);
  const batch = db.transaction((from, to) => {
    for (let n = from; n < to; n++) {
      const r = seedRow(n, start);
      sub.run(r.id, SITE, r.receivedAt, r.receivedAt, JSON.stringify({ kind: 'idea', text: r.text }));
      idea.run(r.id, SITE, r.text, r.category, r.name, r.contact, r.receivedAt, r.receivedAt);
    }
  });
  db.pragma('synchronous = NORMAL'); // seeding only; the collector itself runs with FULL
  for (let from = 0; from < ROWS; from += BATCH) batch(from, Math.min(ROWS, from + BATCH));
  db.pragma('synchronous = FULL');
}

async function seedPostgres(store, start) {
  const client = await store.pool.connect();
  try {
    for (let from = 0; from < ROWS; from += BATCH) {
      const rows = [];
      for (let n = from; n < Math.min(ROWS, from + BATCH); n++) rows.push(seedRow(n, start));
      const col = (key) => rows.map((r) => r[key]);
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO submissions (id, site, widget, kind, locale, schema_version, sent_at, received_at, consent, data, elapsed_ms)
         SELECT id, $2, 'idea-box', 'idea', 'nl', 1, t, t, NULL, jsonb_build_object('kind', 'idea', 'text', x), 8000
         FROM unnest($1::text[], $3::timestamptz[], $4::text[]) AS u(id, t, x)`,
        [col('id'), SITE, col('receivedAt'), col('text')],
      );
      await client.query(
        `INSERT INTO ideas (id, site, text, category, wants_to_help, name, contact, locale, created_at, updated_at)
         SELECT id, $2, x, c, false, nm, ct, 'nl', t, t
         FROM unnest($1::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u(id, t, x, c, nm, ct)`,
        [col('id'), SITE, col('receivedAt'), col('text'), col('category'), col('name'), col('contact')],
      );
      await client.query('COMMIT');
    }
    // A database that has held these rows for a while has been vacuumed; without this, autovacuum
    // would start on the fresh million rows in the middle of the timed export.
    await client.query('VACUUM (ANALYZE) submissions');
    await client.query('VACUUM (ANALYZE) ideas');
  } finally {
    client.release();
  }
}

/** Starts `buurtkit-collector serve` and resolves with its URL once it listens. */
function serve(storageArgs) {
  // BENCH_NODE_ARGS: extra node flags for the collector, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, CLI, 'serve', '--port', '0', '--log-level', 'warn', ...storageArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: '', BUURTKIT_DB: '' },
  });
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (t) => (err += t));
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (t) => {
      out += t;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1] });
    });
    child.on('exit', (code) => reject(new Error(`collector exited (${code}): ${err}`)));
  });
}

const kib = (field, pid) => {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
};

/** Downloads the export, timing the first byte and the whole, sampling the server's memory. */
function download(url, token, pid) {
  return new Promise((resolve, reject) => {
    let peakKib = 0;
    const sample = () => (peakKib = Math.max(peakKib, kib('VmHWM', pid)));
    const sampler = setInterval(sample, 50);
    const started = process.hrtime.bigint();
    let firstByte = null;
    let bytes = 0;
    let lines = 0;
    let tail = Buffer.alloc(0);
    const req = request(`${url}/v1/admin/sites/${SITE}/export/ideas.${flags.format}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    req.on('response', (res) => {
      if (res.statusCode !== 200) reject(new Error(`export answered ${res.statusCode}`));
      res.on('data', (chunk) => {
        firstByte ??= process.hrtime.bigint();
        bytes += chunk.length;
        tail = Buffer.concat([tail, chunk]).subarray(-22);
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      });
      res.on('end', () => {
        clearInterval(sampler);
        sample();
        const ms = (t) => Number(t - started) / 1e6;
        resolve({ seconds: ms(process.hrtime.bigint()) / 1000, firstByteMs: ms(firstByte), bytes, lines, tail, peakRssMb: peakKib / 1024 });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function run(backend) {
  const start = Date.now() - 7 * 3600 * 1000 - 60_000;
  let store;
  let storageArgs;
  let cleanup;
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'buurtkit-export-bench-'));
    const path = join(dir, 'export.sqlite');
    store = new SqliteStore(path);
    storageArgs = ['--db', path];
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const schema = `bk_bench_${Date.now().toString(36)}`;
    store = await PostgresStore.open({ url: PG_URL, schema });
    storageArgs = ['--database-url', PG_URL, '--pg-schema', schema];
    cleanup = async () => {
      const admin = await PostgresStore.open({ url: PG_URL, schema });
      await admin.pool.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    };
  }
  try {
    await store.createSite({ slug: SITE, name: 'Export benchmark' }, new Date(start).toISOString());
    const { token } = await issueToken(store, { site: SITE, scopes: ['export'] });
    const seedStarted = Date.now();
    await (backend === 'sqlite' ? seedSqlite(store, start) : seedPostgres(store, start));
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    log(`${backend}: seeded ${ROWS.toLocaleString('en')} ideas in ${seedSeconds.toFixed(1)} s`);
    await store.close();

    const { child, url } = await serve(storageArgs);
    try {
      const idleRssMb = kib('VmRSS', child.pid) / 1024;
      const { tail, ...result } = await download(url, token, child.pid);
      if (flags.format === 'xlsx') {
        if (tail.readUInt32LE(0) !== 0x06054b50) throw new Error('the XLSX download is incomplete (no end of central directory)');
      } else {
        const dataLines = result.lines - (flags.format === 'json' ? 2 : flags.format === 'csv' ? 1 : 0);
        if (dataLines !== ROWS) throw new Error(`expected ${ROWS} rows, got ${dataLines}`);
      }
      return { backend, rows: ROWS, seedSeconds, idleRssMb, ...result };
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  } finally {
    await cleanup();
  }
}

const backends = ['sqlite', ...(PG_URL ? ['postgres'] : [])].filter((b) => only.has(b));
if (!PG_URL && only.has('postgres')) log('PostgreSQL skipped: set DATABASE_URL=postgres://… to include it');
const results = [];
for (const backend of backends) results.push(await run(backend));

if (flags.json) {
  process.stdout.write(`${JSON.stringify({ machine: { cpus: cpus().length, model: cpus()[0]?.model }, targets: TARGETS, results }, null, 2)}\n`);
} else {
  const ok = (value, target) => (value <= target ? 'ok' : 'OVER');
  console.log(`Export of ${ROWS.toLocaleString('en')} ideas as ${flags.format.toUpperCase()} over HTTP (${cpus().length} × ${cpus()[0]?.model ?? 'CPU'})`);
  for (const r of results) {
    console.log(
      `${r.backend.padEnd(8)} total ${r.seconds.toFixed(2)} s (${ok(r.seconds, TARGETS.seconds)}), ` +
        `first byte ${r.firstByteMs.toFixed(0)} ms (${ok(r.firstByteMs, TARGETS.firstByteMs)}), ` +
        `peak RSS ${r.peakRssMb.toFixed(0)} MB (${ok(r.peakRssMb, TARGETS.peakRssMb)}; idle ${r.idleRssMb.toFixed(0)} MB), ` +
        `${(r.bytes / 1e6).toFixed(0)} MB`,
    );
  }
}
