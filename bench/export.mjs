#!/usr/bin/env node
// Export benchmark: seeds N stored ideas (default 1,000,000) through the store's own connection
// in batched transactions, then downloads the export over HTTP from the built collector
// (`dist/`, run as `buurtkit-collector serve` in a child process) and reports:
//   total seconds, time to first byte, bytes, rows, and the collector's peak RSS (VmHWM from
//   /proc/<pid>/status, sampled during the download; the process's own high-water mark);
//   meanwhile, submissions POSTed at a fixed rate (`--rate`, default 100/s) to the same collector:
//   their p99 (measured from when each was due, so a stalled server cannot hide its queue; sent by
//   another process, bench/submitter.mjs, so the download's reading here cannot delay them), the
//   same submissions' time inside the collector (request parsed to response finished), the
//   collector's event-loop delay p99 (perf_hooks; both from `node --import bench/lag-monitor.mjs`),
//   the collector's CPU seconds during the download (all its threads), and its garbage collector's
//   pauses: how many, how long, and how much of the slow submissions' time inside it they took.
// SQLite always; PostgreSQL too when DATABASE_URL is a postgres:// URL (own schema, dropped after).
// `--compare DIR` also downloads from another build (e.g. the code before a change, built in DIR)
// on the same seeded database, alternately with this one.
// Targets: ≤ 10 s, first byte ≤ 200 ms, peak RSS ≤ 150 MB; submissions p99 ≤ 50 ms, lag p99 ≤ 20 ms.
//
//   npm run build:node && [BENCH_PG_STATEMENTS=1] node bench/export.mjs [--rows 1000000] [--only sqlite,postgres]
//        [--format csv|json|ndjson|xlsx] [--rate 100] [--compare DIR] [--json]
// XLSX is a ZIP, so its rows are not counted by lines: the check is that the file is complete (it
// ends with the ZIP's end-of-central-directory record).
import { fork, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LAG_MONITOR = join(ROOT, 'bench/lag-monitor.mjs');
const SITE = 'bench';
/** Submissions during the download go to another site, so the exported file stays N rows. */
const LIVE_SITE = 'bench-live';
const TARGETS = { seconds: 10, firstByteMs: 200, peakRssMb: 150, submitP99Ms: 50, lagP99Ms: 20 };

const { values: flags } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    only: { type: 'string', default: 'sqlite,postgres' },
    format: { type: 'string', default: 'csv' },
    rate: { type: 'string', default: '100' },
    compare: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const ROWS = Number(flags.rows);
if (!Number.isInteger(ROWS) || ROWS < 1) throw new Error('--rows must be a positive whole number');
const only = new Set(flags.only.split(','));
const RATE = Number(flags.rate);
const builds = [...(flags.compare ? [{ label: 'before', root: flags.compare }] : []), { label: flags.compare ? 'after' : '', root: ROOT }];
for (const b of builds) {
  if (!existsSync(join(b.root, 'dist/collector/cli.js'))) throw new Error(`build ${b.root} first (npm run build:node)`);
}
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
function serve(root, storageArgs, lagFile) {
  // BENCH_NODE_ARGS: extra node flags for the collector, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const cli = join(root, 'dist/collector/cli.js');
  // Limits out of the way: the submissions here measure waiting, not the rate limiter.
  const limits = ['--submission-limit', '1000000000', '--site-submission-limit', '1000000000'];
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', LAG_MONITOR, cli, 'serve', '--port', '0', '--log-level', 'warn', ...limits, ...storageArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Render tokens off under both names: a build from before the rename (`--compare`) reads
      // BUURTKIT_FORM_TOKENS, this one BUURTKIT_RENDER_TOKENS.
      env: {
        ...process.env,
        DATABASE_URL: '',
        BUURTKIT_DB: '',
        BENCH_LAG_FILE: lagFile,
        BUURTKIT_RENDER_TOKENS: 'off',
        BUURTKIT_FORM_TOKENS: 'off',
      },
    },
  );
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

/** CPU seconds (user + system, all threads) a process has used so far. */
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
}

/** Reads the collector's event-loop delay since the last reading (see lag-monitor.mjs). */
async function lagSince(child, lagFile) {
  rmSync(lagFile, { force: true });
  child.kill('SIGUSR2');
  for (let n = 0; n < 200 && !existsSync(lagFile); n++) await new Promise((r) => setTimeout(r, 10));
  return JSON.parse(readFileSync(lagFile, 'utf8'));
}

/** The submitter process (bench/submitter.mjs), started once and reused for every phase. */
let submitter;
const nextMessage = () => new Promise((resolve) => submitter.once('message', resolve));

/**
 * POSTs a new idea every 1/rate s until stopped, from another process (see submitter.mjs); each
 * latency counts from when the request was due, so a stalled server cannot hide its queue.
 */
async function submitAtRate(url, rate) {
  submitter ??= fork(join(ROOT, 'bench/submitter.mjs'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const started = nextMessage();
  submitter.send({ url, site: LIVE_SITE, rate, schemaRoot: ROOT });
  await started;
  return async () => {
    const result = nextMessage();
    submitter.send('stop');
    return result;
  };
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
    await store.access.createSite({ slug: SITE, name: 'Export benchmark' }, new Date(start).toISOString());
    await store.access.createSite({ slug: LIVE_SITE, name: 'Submissions during the export' }, new Date(start).toISOString());
    const { token } = await issueToken(store, { site: SITE, scopes: ['export'] });
    const seedStarted = Date.now();
    await (backend === 'sqlite' ? seedSqlite(store, start) : seedPostgres(store, start));
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    log(`${backend}: seeded ${ROWS.toLocaleString('en')} ideas in ${seedSeconds.toFixed(1)} s`);
    await store.close();

    const measured = [];
    for (const build of builds) {
      const lagFile = join(tmpdir(), `buurtkit-lag-${process.pid}-${Date.now()}.json`);
      const { child, url } = await serve(build.root, storageArgs, lagFile);
      try {
        const idleRssMb = kib('VmRSS', child.pid) / 1024;
        // The same submissions for 3 s without a download first: what this machine gives anyway
        // (on a busy machine the operating system's scheduling shows up as event-loop delay too).
        const warm = await submitAtRate(url, RATE); // warm-up: connections, JIT, prepared statements
        await new Promise((r) => setTimeout(r, 1000));
        await warm();
        await lagSince(child, lagFile);
        const stopQuiet = await submitAtRate(url, RATE);
        await new Promise((r) => setTimeout(r, 3000));
        const quiet = await stopQuiet();
        const quietLag = await lagSince(child, lagFile); // and from here on, with the download
        const stopSubmitting = await submitAtRate(url, RATE);
        const cpuBefore = cpuSeconds(child.pid);
        const { tail, ...result } = await download(url, token, child.pid);
        const collectorCpuSeconds = cpuSeconds(child.pid) - cpuBefore;
        const submissions = await stopSubmitting();
        const lag = await lagSince(child, lagFile);
        rmSync(lagFile, { force: true });
        if (flags.format === 'xlsx') {
          if (tail.readUInt32LE(0) !== 0x06054b50) throw new Error('the XLSX download is incomplete (no end of central directory)');
        } else {
          const dataLines = result.lines - (flags.format === 'json' ? 2 : flags.format === 'csv' ? 1 : 0);
          if (dataLines !== ROWS) throw new Error(`expected ${ROWS} rows, got ${dataLines}`);
        }
        measured.push({
          backend,
          build: build.label,
          rows: ROWS,
          seedSeconds,
          idleRssMb,
          ...result,
          ...submissions,
          lagP99Ms: lag.p99,
          lagMaxMs: lag.max,
          serverSubmitP99Ms: lag.postP99,
          gc: {
            pauses: lag.gcPauses,
            totalMs: lag.gcTotalMs,
            maxMs: lag.gcMaxMs,
            major: lag.gcMajor,
            majorMaxMs: lag.gcMajorMaxMs,
            slowPosts: lag.slowPosts,
            slowPostsGcShare: lag.slowPostsGcShare,
          },
          statements: lag.statements,
          collectorCpuSeconds,
          load: loadavg()[0],
          quietSubmitP99Ms: quiet.submitP99Ms,
          quietLagP99Ms: quietLag.p99,
        });
      } finally {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    }
    return measured;
  } finally {
    await cleanup();
  }
}

const backends = ['sqlite', ...(PG_URL ? ['postgres'] : [])].filter((b) => only.has(b));
if (!PG_URL && only.has('postgres')) log('PostgreSQL skipped: set DATABASE_URL=postgres://… to include it');
const results = [];
try {
  for (const backend of backends) results.push(...(await run(backend)));
} finally {
  submitter?.disconnect();
}

if (flags.json) {
  process.stdout.write(
    `${JSON.stringify({ machine: { cpus: cpus().length, model: cpus()[0]?.model }, targets: TARGETS, results }, null, 2)}\n`,
  );
} else {
  const ok = (value, target) => (value <= target ? 'ok' : 'OVER');
  console.log(
    `Export of ${ROWS.toLocaleString('en')} ideas as ${flags.format.toUpperCase()} over HTTP (${cpus().length} × ${cpus()[0]?.model ?? 'CPU'})`,
  );
  console.log(`Meanwhile: an idea POSTed every ${(1000 / RATE).toFixed(0)} ms to the same collector; its event-loop delay`);
  for (const r of results) {
    console.log(
      `${(r.backend + (r.build ? ` [${r.build}]` : '')).padEnd(18)} total ${r.seconds.toFixed(2)} s (${ok(r.seconds, TARGETS.seconds)}), ` +
        `first byte ${r.firstByteMs.toFixed(0)} ms (${ok(r.firstByteMs, TARGETS.firstByteMs)}), ` +
        `peak RSS ${r.peakRssMb.toFixed(0)} MB (${ok(r.peakRssMb, TARGETS.peakRssMb)}; idle ${r.idleRssMb.toFixed(0)} MB), ` +
        `${(r.bytes / 1e6).toFixed(0)} MB; ` +
        `submissions p99 ${r.submitP99Ms.toFixed(0)} ms (${ok(r.submitP99Ms, TARGETS.submitP99Ms)}; max ${r.submitMaxMs.toFixed(0)} ms, ` +
        `${r.submitted} stored, ${r.submitFailures} failed), ` +
        `in the collector p99 ${r.serverSubmitP99Ms.toFixed(0)} ms, sent late p99 ${r.sendDelayP99Ms.toFixed(0)} ms), ` +
        `event-loop delay p99 ${r.lagP99Ms.toFixed(0)} ms (${ok(r.lagP99Ms, TARGETS.lagP99Ms)}; max ${r.lagMaxMs.toFixed(0)} ms); ` +
        `collector CPU ${r.collectorCpuSeconds.toFixed(1)} s; ` +
        `GC ${r.gc.pauses} pauses, ${r.gc.totalMs.toFixed(0)} ms in all, ${r.gc.major} major (max ${r.gc.majorMaxMs.toFixed(0)} ms), ` +
        `${r.gc.slowPosts} POSTs over 50 ms in the collector with ${Number.isNaN(r.gc.slowPostsGcShare) ? '–' : (100 * r.gc.slowPostsGcShare).toFixed(0)} % of their time in GC; ` +
        (Object.keys(r.statements ?? {}).length
          ? `statements (handed to a connection → answer read) ${Object.entries(r.statements)
              .map(([kind, f]) => `${kind} ${f.n}× p50 ${f.p50.toFixed(1)} p99 ${f.p99.toFixed(0)} max ${f.max.toFixed(0)} ms`)
              .join(', ')}; `
          : '') +
        `load ${r.load.toFixed(1)}; ` +
        `without a download: submissions p99 ${r.quietSubmitP99Ms.toFixed(0)} ms, delay p99 ${r.quietLagP99Ms.toFixed(0)} ms`,
    );
  }
}
