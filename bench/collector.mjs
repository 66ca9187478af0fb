#!/usr/bin/env node
// Collector write benchmark: autocannon on loopback POSTs valid idea submissions, each with a
// fresh UUIDv7 (bodies generated before the clock starts), to
//   (a) the built collector (`dist/`, as `buurtkit-collector serve`) on SQLite, synchronous=FULL,
//   (b) the same on PostgreSQL when DATABASE_URL is a postgres:// URL,
//   (c) a bare node:http server answering 201 to the same POST: the machine's limit.
// Only 201s count as accepted: the collector answers 201 after the commit (fsync / COMMIT).
// Every row is counted in the database afterwards, so the figure is durable submissions.
//
//   npm run build:node && node bench/collector.mjs [--duration 10] [--connections 50]
//                                                  [--only sqlite,postgres,bare] [--json]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist/collector/cli.js');
const BARE = join(ROOT, 'bench/bare-server.mjs');
const SITE = 'bench';

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '2' },
    only: { type: 'string', default: 'sqlite,postgres,bare' },
    json: { type: 'boolean', default: false },
  },
});
const DURATION = Number(flags.duration);
const CONNECTIONS = Number(flags.connections);
const WARMUP = Number(flags.warmup);
const only = new Set(flags.only.split(','));
const PG_URL = /^postgres(ql)?:\/\//i.test(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL : undefined;

let uuidv7;
try {
  ({ uuidv7 } = await import(join(ROOT, 'dist/schema/index.js')));
} catch {
  console.error('dist/ is missing: run "npm run build:node" first (npm run bench:collector does).');
  process.exit(1);
}

/** Valid idea envelopes with fresh ids, made before any clock runs. */
function makeBodies(count) {
  const sentAt = new Date().toISOString();
  const bodies = new Array(count);
  for (let n = 0; n < count; n++) {
    bodies[n] = JSON.stringify({
      id: uuidv7(),
      site: SITE,
      widget: 'idea-box',
      schemaVersion: 1,
      sentAt,
      locale: 'nl',
      data: { kind: 'idea', text: `Benchmark-idee ${n}: een moestuin achter het buurthuis`, wantsToHelp: n % 2 === 0 },
      trap: { honeypot: '', elapsedMs: 8000 },
    });
  }
  return bodies;
}

/** Starts a process and resolves with the URL it prints. */
function startProcess(args, pattern) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '' } });
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (t) => (err += t));
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (t) => {
      out += t;
      const match = pattern.exec(out);
      if (match) resolve({ child, url: match[1], stdout: () => out, stderr: () => err });
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}\n${err}`)));
  });
}

async function stopProcess(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

function cannon(url, bodies, duration) {
  let next = 0;
  return autocannon({
    url: `${url}/v1/sites/${SITE}/submissions`,
    connections: CONNECTIONS,
    duration,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          request.body = bodies[next++ % bodies.length];
          return request;
        },
      },
    ],
  });
}

/** One measured run after a warm-up; `target` starts the server and counts rows afterwards. */
async function run(name, target, pool) {
  const server = await target.start();
  try {
    if (WARMUP > 0) await cannon(server.url, pool.take(CONNECTIONS * 2000), WARMUP);
    await new Promise((resolve) => setTimeout(resolve, 500)); // let the warm-up's last commits land
    const before = await target.rows();
    const result = await cannon(server.url, pool.take(400_000), DURATION);
    await stopProcess(server.child);
    const created = Number(result.statusCodeStats?.['201']?.count ?? 0);
    const stored = (await target.rows()) - before;
    return {
      name,
      acceptedPerSecond: created / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      max: result.latency.max,
      created,
      stored,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      duration: result.duration,
    };
  } finally {
    await stopProcess(server.child);
    await target.cleanup?.();
  }
}

/** Hands out fresh bodies; generation happens here, outside any measured window. */
function bodyPool() {
  let bodies = [];
  return {
    take(count) {
      if (bodies.length < count) bodies = makeBodies(count);
      const taken = bodies;
      bodies = [];
      return taken;
    },
  };
}

const serveFlags = ['--port', '0', '--host', '127.0.0.1', '--log-level', 'warn', '--submission-limit', '1000000000', '--site-submission-limit', '1000000000', '--form-tokens', 'off'];
const LISTENING = /buurtkit collector listening on (\S+)/;

function sqliteTarget() {
  const dir = mkdtempSync(join(tmpdir(), 'buurtkit-bench-'));
  const file = join(dir, 'bench.sqlite');
  const storage = ['--db', file];
  execFileSync(process.execPath, [CLI, 'site', 'add', SITE, '--name', 'Bench', ...storage], { stdio: 'ignore' });
  return {
    start: () => startProcess([CLI, 'serve', ...serveFlags, ...storage], LISTENING),
    rows: async () => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare('SELECT COUNT(*) FROM submissions').pluck().get();
      } finally {
        db.close();
      }
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresTarget() {
  const schema = `bk_bench_${Date.now().toString(36)}`;
  const storage = ['--database-url', PG_URL, '--pg-schema', schema];
  execFileSync(process.execPath, [CLI, 'site', 'add', SITE, '--name', 'Bench', ...storage], { stdio: 'ignore' });
  const query = async (sql) => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    start: () => startProcess([CLI, 'serve', ...serveFlags, ...storage], LISTENING),
    rows: async () => Number((await query(`SELECT count(*) AS n FROM ${schema}.submissions`))[0].n),
    cleanup: () => query(`DROP SCHEMA ${schema} CASCADE`),
    version: async () => (await query('SHOW server_version'))[0].server_version,
    settings: async () =>
      Object.fromEntries(
        (await query(`SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync', 'wal_sync_method')`)).map(
          (r) => [r.name, r.setting],
        ),
      ),
  };
}

function bareTarget() {
  return {
    start: () => startProcess([BARE], /bare server listening on (\S+)/),
    rows: async () => 0, // nothing is stored
  };
}

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, ${process.platform}`;
const sqliteVersion = (() => {
  const db = new Database(':memory:');
  try {
    return db.prepare('SELECT sqlite_version()').pluck().get();
  } finally {
    db.close();
  }
})();

console.error(`machine: ${machine}; load average before the runs: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.error(`load: autocannon, ${CONNECTIONS} connections, ${DURATION} s per run after ${WARMUP} s warm-up, loopback`);

const pool = bodyPool();
const results = [];
if (only.has('sqlite')) {
  console.error(`running: collector on SQLite ${sqliteVersion} (WAL, synchronous=FULL) …`);
  results.push(await run('collector, SQLite (synchronous=FULL)', sqliteTarget(), pool));
}
if (only.has('postgres')) {
  if (PG_URL) {
    const target = postgresTarget();
    const settings = await target.settings();
    console.error(
      `running: collector on PostgreSQL ${await target.version()} (synchronous_commit=${settings.synchronous_commit}, fsync=${settings.fsync}) …`,
    );
    results.push(await run('collector, PostgreSQL', target, pool));
  } else {
    console.error('skipped: PostgreSQL (set DATABASE_URL=postgres://… to include it)');
  }
}
if (only.has('bare')) {
  console.error('running: bare node:http server answering 201 …');
  results.push(await run('bare node:http (201, no storage)', bareTarget(), pool));
}

const bare = results.find((r) => r.name.startsWith('bare'));
const rows = results.map((r) => ({
  run: r.name,
  'accepted/s': fmt(r.acceptedPerSecond),
  'p50 ms': fmt(r.p50, 1),
  'p99 ms': fmt(r.p99, 1),
  'max ms': fmt(r.max),
  '201s': fmt(r.created),
  'rows stored': r.name.startsWith('bare') ? '–' : fmt(r.stored),
  'non-2xx': fmt(r.non2xx),
  errors: fmt(r.errors),
  'vs bare': bare ? `${fmt((100 * r.acceptedPerSecond) / bare.acceptedPerSecond)} %` : '–',
}));
console.table(rows);
for (const r of results) {
  // More rows than 201s is expected: requests in flight when the clock stopped were committed
  // but their answers were not counted. Fewer would mean an acknowledged submission was lost.
  if (!r.name.startsWith('bare') && r.stored < r.created) {
    console.error(`LOST DATA: ${r.name}: ${r.created} answered 201 but only ${r.stored} rows were stored`);
    process.exitCode = 1;
  }
}
const sqlite = results.find((r) => r.name.includes('SQLite'));
if (sqlite) {
  const ok = sqlite.acceptedPerSecond >= 3000 && sqlite.p99 <= 50;
  console.log(
    `target (SQLite ≥ 3,000 accepted/s with p99 ≤ 50 ms): ${ok ? 'met' : 'NOT met'} — ` +
      `${fmt(sqlite.acceptedPerSecond)}/s, p99 ${fmt(sqlite.p99, 1)} ms`,
  );
}
if (flags.json) console.log(JSON.stringify({ machine, connections: CONNECTIONS, duration: DURATION, results }));
