#!/usr/bin/env node
// Collector write benchmark: autocannon on loopback POSTs valid idea submissions, each with a
// fresh UUIDv7 (bodies generated before the clock starts), to
//   (a) the built collector (`dist/`, as `buurtkit-collector serve`) on SQLite, synchronous=FULL,
//   (b) the same on PostgreSQL when DATABASE_URL is a postgres:// URL,
//   (c) pgbench on the same PostgreSQL: one durable INSERT of a UUID + JSONB row per transaction,
//       as many clients as connections: what the server commits, so the collector's share of it,
//   (d) N collector processes on one PostgreSQL (`--instances 1,2,3`), the connections spread
//       over them by autocannon (client-side round robin): what coordination costs,
//   (e) a bare node:http server answering 201 to the same POST: the machine's limit.
// Each run also shows the CPU it cost per accepted submission (from /proc on Linux): the collector
// processes, the PostgreSQL server (every postgres process, plus the backends that exited, which
// the postmaster reaped), the load generator (autocannon in this process, or pgbench), and how
// busy the whole machine was. A run whose three parts use every core is bound by the cores; one
// with idle CPU left is bound by latency (round trips, locks, flushes).
// Only 201s count as accepted: the collector answers 201 after the commit (fsync / COMMIT).
// Every row is counted in the database afterwards, so the figure is durable submissions.
// `--compare DIR` runs another build (e.g. the code before a change, built in DIR) alternately
// with this one in the same run, so a busy machine treats both alike.
//
//   npm run build:node && node bench/collector.mjs [--duration 10] [--connections 50]
//        [--only sqlite,postgres,pgbench,instances,bare] [--instances 1,2,3] [--compare DIR] [--json]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const cliOf = (root) => join(root, 'dist/collector/cli.js');
const BARE = join(ROOT, 'bench/bare-server.mjs');
const SITE = 'bench';

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '2' },
    only: { type: 'string', default: 'sqlite,postgres,pgbench,instances,bare' },
    instances: { type: 'string', default: '1,2,3' },
    compare: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const DURATION = Number(flags.duration);
const CONNECTIONS = Number(flags.connections);
const WARMUP = Number(flags.warmup);
const only = new Set(flags.only.split(','));
const INSTANCES = flags.instances
  .split(',')
  .map(Number)
  .filter((n) => n >= 1);
/** The builds to run, this one last: `label` names them in the table. */
const builds = [...(flags.compare ? [{ label: 'before', root: flags.compare }] : []), { label: flags.compare ? 'after' : '', root: ROOT }];
for (const b of builds) {
  if (!existsSync(cliOf(b.root))) {
    console.error(`${cliOf(b.root)} is missing: run "npm run build:node" in ${b.root} first.`);
    process.exit(1);
  }
}
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
  // BENCH_NODE_ARGS: extra node flags, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (as in export.mjs).
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: '', ...TOKENS_OFF },
  });
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

/** Clock ticks per second of /proc's CPU times (100 on nearly every Linux). */
const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces), or undefined. */
function procStat(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return { comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), fields: stat.slice(stat.lastIndexOf(')') + 2).split(' ') };
  } catch {
    return undefined; // not Linux, or the process has gone
  }
}

/** CPU seconds a process has used (user + system); with `children`, also its reaped children's. */
function cpuSeconds(pid, children = false) {
  const f = procStat(pid)?.fields;
  if (!f) return NaN;
  // Fields 14–17 of stat (utime, stime, cutime, cstime) are 11–14 here, counted from the state.
  const own = Number(f[11]) + Number(f[12]);
  return (children ? own + Number(f[13]) + Number(f[14]) : own) / TICKS;
}

/**
 * CPU seconds of the local PostgreSQL server so far: every postgres process, plus what the
 * postmaster's exited children used (pgbench's backends end with it). Other users of the same
 * server count too: the machine is the unit here.
 */
function postgresCpuSeconds() {
  let total = 0;
  let found = false;
  for (const pid of readdirSafe('/proc')) {
    const stat = procStat(pid);
    if (stat?.comm !== 'postgres') continue;
    found = true;
    const parentIsPostgres = procStat(stat.fields[1])?.comm === 'postgres';
    total += cpuSeconds(pid, !parentIsPostgres);
  }
  return found ? total : NaN;
}

function readdirSafe(dir) {
  try {
    return readdirSync(dir).filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
}

/** Busy and total CPU seconds of the whole machine so far (/proc/stat's first line). */
function machineSeconds() {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).map(Number);
    const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = ticks[3] + ticks[4]; // idle + iowait
    return { busy: (total - idle) / TICKS, total: total / TICKS };
  } catch {
    return { busy: NaN, total: NaN };
  }
}

/**
 * Starts a CPU account of the collector processes `pids`, PostgreSQL, this process (the load
 * generator) and its reaped children (pgbench); `stop()` gives the seconds each used meanwhile.
 */
function cpuAccount(pids = []) {
  const read = () => ({
    collector: pids.length ? pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0) : NaN,
    db: postgresCpuSeconds(),
    client: process.cpuUsage(),
    children: cpuSeconds('self', true) - cpuSeconds('self'),
    machine: machineSeconds(),
  });
  const before = read();
  return {
    stop() {
      const after = read();
      const client = after.client.user + after.client.system - before.client.user - before.client.system;
      return {
        collector: after.collector - before.collector,
        db: after.db - before.db,
        client: client / 1e6,
        children: after.children - before.children,
        machineBusy: (after.machine.busy - before.machine.busy) / (after.machine.total - before.machine.total),
      };
    },
  };
}

function cannon(url, bodies, duration) {
  let next = 0;
  const urls = [url].flat().map((u) => `${u}/v1/sites/${SITE}/submissions`);
  return autocannon({
    url: urls.length === 1 ? urls[0] : urls,
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
  if (target.measure) return { name, ...(await target.measure()) };
  const servers = [await target.start()].flat();
  const url = servers.map((server) => server.url);
  try {
    if (WARMUP > 0) await cannon(url, pool.take(CONNECTIONS * 2000), WARMUP);
    await new Promise((resolve) => setTimeout(resolve, 500)); // let the warm-up's last commits land
    const before = await target.rows();
    const bodies = pool.take(400_000);
    const cpu = cpuAccount(servers.map((server) => server.child.pid));
    const result = await cannon(url, bodies, DURATION);
    const used = cpu.stop();
    await Promise.all(servers.map((server) => stopProcess(server.child)));
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
      cpu: used,
    };
  } finally {
    await Promise.all(servers.map((server) => stopProcess(server.child)));
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

const serveFlags = [
  '--port',
  '0',
  '--host',
  '127.0.0.1',
  '--log-level',
  'warn',
  '--submission-limit',
  '1000000000',
  '--site-submission-limit',
  '1000000000',
];
const LISTENING = /buurtkit collector listening on (\S+)/;
/**
 * Render tokens off (a load generator cannot fetch and age one per request), through the environment
 * under both names: a build from before the rename (`--compare` with an older checkout) reads
 * BUURTKIT_FORM_TOKENS, this one BUURTKIT_RENDER_TOKENS; neither rejects the other's name.
 */
const TOKENS_OFF = { BUURTKIT_RENDER_TOKENS: 'off', BUURTKIT_FORM_TOKENS: 'off' };

function sqliteTarget(root) {
  const CLI = cliOf(root);
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

async function query(sql) {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** `instances` collector processes on one schema; autocannon spreads its connections over them. */
function postgresTarget(root, instances = 1) {
  const CLI = cliOf(root);
  const schema = `bk_bench_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const storage = ['--database-url', PG_URL, '--pg-schema', schema];
  execFileSync(process.execPath, [CLI, 'site', 'add', SITE, '--name', 'Bench', ...storage], { stdio: 'ignore' });
  return {
    start: () => Promise.all(Array.from({ length: instances }, () => startProcess([CLI, 'serve', ...serveFlags, ...storage], LISTENING))),
    rows: async () => Number((await query(`SELECT count(*) AS n FROM ${schema}.submissions`))[0].n),
    cleanup: () => query(`DROP SCHEMA ${schema} CASCADE`),
    version: async () => (await query('SHOW server_version'))[0].server_version,
    settings: async () =>
      Object.fromEntries(
        (await query(`SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync', 'wal_sync_method')`)).map((r) => [
          r.name,
          r.setting,
        ]),
      ),
  };
}

/**
 * pgbench: one INSERT of a fresh UUID and a JSONB body like the collector's per transaction,
 * durable (the server's synchronous_commit), prepared, as many clients as autocannon has connections.
 */
function pgbenchTarget() {
  const schema = `bk_pgbench_${Date.now().toString(36)}`;
  const binary = [process.env.PGBENCH, '/usr/lib/postgresql/15/bin/pgbench', 'pgbench'].find(
    (b) => b && (b === 'pgbench' || existsSync(b)),
  );
  return {
    async measure() {
      await query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.ideas (id uuid PRIMARY KEY, data jsonb NOT NULL)`);
      const dir = mkdtempSync(join(tmpdir(), 'buurtkit-pgbench-'));
      const script = join(dir, 'insert.sql');
      // A space after each key's colon: pgbench reads `:name` as one of its variables.
      const data = JSON.stringify({
        kind: 'idea',
        text: 'Benchmark-idee: een moestuin achter het buurthuis',
        wantsToHelp: true,
      }).replaceAll('":', '": ');
      writeFileSync(script, `INSERT INTO ${schema}.ideas (id, data) VALUES (gen_random_uuid(), '${data}'::jsonb);\n`);
      try {
        const threads = Math.min(CONNECTIONS, cpus().length);
        const args = [
          '-n',
          '-M',
          'prepared',
          '-c',
          String(CONNECTIONS),
          '-j',
          String(threads),
          '-T',
          String(DURATION),
          '-f',
          script,
          PG_URL,
        ];
        const cpu = cpuAccount();
        const out = spawnSync(binary, args, { encoding: 'utf8' });
        const used = cpu.stop();
        if (out.status !== 0) throw new Error(`pgbench failed: ${out.stderr || out.error}`);
        const tps = Number(/tps = ([\d.]+)/.exec(out.stdout)?.[1]);
        const latency = Number(/latency average = ([\d.]+) ms/.exec(out.stdout)?.[1]);
        const rows = Number((await query(`SELECT count(*) AS n FROM ${schema}.ideas`))[0].n);
        return {
          acceptedPerSecond: tps,
          p50: NaN,
          p99: NaN,
          max: NaN,
          average: latency,
          created: rows,
          stored: rows,
          non2xx: 0,
          errors: 0,
          timeouts: 0,
          duration: DURATION,
          // pgbench is the load generator, a reaped child of this process; there is no collector.
          cpu: { ...used, client: used.children },
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
        await query(`DROP SCHEMA ${schema} CASCADE`);
      }
    },
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

console.error(
  `machine: ${machine}; load average before the runs: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.error(`load: autocannon, ${CONNECTIONS} connections, ${DURATION} s per run after ${WARMUP} s warm-up, loopback`);

const pool = bodyPool();
const results = [];
const named = (name, build) => (build.label ? `${name} [${build.label}]` : name);
if (only.has('sqlite')) {
  console.error(`running: collector on SQLite ${sqliteVersion} (WAL, synchronous=FULL) …`);
  for (const b of builds)
    results.push({ build: b.label, ...(await run(named('collector, SQLite (synchronous=FULL)', b), sqliteTarget(b.root), pool)) });
}
if (PG_URL) {
  const version = (await query('SHOW server_version'))[0].server_version;
  const settings = Object.fromEntries(
    (await query(`SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync')`)).map((r) => [r.name, r.setting]),
  );
  const about = `PostgreSQL ${version} (synchronous_commit=${settings.synchronous_commit}, fsync=${settings.fsync})`;
  if (only.has('postgres')) {
    console.error(`running: collector on ${about} …`);
    for (const b of builds)
      results.push({ build: b.label, ...(await run(named('collector, PostgreSQL', b), postgresTarget(b.root), pool)) });
  }
  if (only.has('pgbench')) {
    console.error(`running: pgbench, one INSERT (UUID + JSONB) per transaction, ${CONNECTIONS} clients, on ${about} …`);
    results.push({ build: '', ...(await run('pgbench single INSERT', pgbenchTarget(), pool)) });
  }
  if (only.has('instances')) {
    for (const n of INSTANCES) {
      console.error(`running: ${n} collector instance(s) on one ${about} …`);
      for (const b of builds)
        results.push({
          build: b.label,
          instances: n,
          ...(await run(named(`${n} × collector, PostgreSQL`, b), postgresTarget(b.root, n), pool)),
        });
    }
  }
} else if (only.has('postgres') || only.has('pgbench') || only.has('instances')) {
  console.error('skipped: PostgreSQL (set DATABASE_URL=postgres://… to include it)');
}
if (only.has('bare')) {
  console.error('running: bare node:http server answering 201 …');
  results.push({ build: '', ...(await run('bare node:http (201, no storage)', bareTarget(), pool)) });
}

const bare = results.find((r) => r.name.startsWith('bare'));
const pgbench = results.find((r) => r.name.startsWith('pgbench'));
/** CPU µs per accepted submission (per 201, or per pgbench row) of each side of a run. */
function cpuPerRequest(r) {
  const count = r.created;
  if (!r.cpu || !count) return '–';
  const each = (seconds) => (Number.isFinite(seconds) && seconds > 0 ? fmt((seconds * 1e6) / count) : '–');
  const db = r.name.includes('PostgreSQL') || r.name.startsWith('pgbench') ? each(r.cpu.db) : '–';
  return `${each(r.cpu.collector)} / ${db} / ${each(r.cpu.client)}`;
}
const rows = results.map((r) => ({
  run: r.name,
  'accepted/s': fmt(r.acceptedPerSecond),
  'p50 ms': Number.isNaN(r.p50) ? '–' : fmt(r.p50, 1),
  'p99 ms': Number.isNaN(r.p99) ? `(avg ${fmt(r.average, 1)})` : fmt(r.p99, 1),
  'max ms': Number.isNaN(r.max) ? '–' : fmt(r.max),
  '201s': fmt(r.created),
  'rows stored': r.name.startsWith('bare') ? '–' : fmt(r.stored),
  'non-2xx': fmt(r.non2xx),
  errors: fmt(r.errors),
  'vs bare': bare ? `${fmt((100 * r.acceptedPerSecond) / bare.acceptedPerSecond)} %` : '–',
  'vs pgbench': pgbench && r.name.includes('PostgreSQL') ? `${fmt((100 * r.acceptedPerSecond) / pgbench.acceptedPerSecond)} %` : '–',
  'CPU µs/req collector / db / client': cpuPerRequest(r),
  'machine busy': r.cpu && Number.isFinite(r.cpu.machineBusy) ? `${fmt(100 * r.cpu.machineBusy)} %` : '–',
}));
console.table(rows);
for (const r of results) {
  // More rows than 201s is expected: requests in flight when the clock stopped were committed
  // but their answers were not counted. Fewer would mean an acknowledged submission was lost.
  if (!r.name.startsWith('bare') && !r.name.startsWith('pgbench') && r.stored < r.created) {
    console.error(`LOST DATA: ${r.name}: ${r.created} answered 201 but only ${r.stored} rows were stored`);
    process.exitCode = 1;
  }
}
const mine = (r) => r.build !== 'before';
const sqlite = results.find((r) => mine(r) && r.name.includes('SQLite'));
if (sqlite) {
  const ok = sqlite.acceptedPerSecond >= 3000 && sqlite.p99 <= 50;
  console.log(
    `target (SQLite ≥ 3,000 accepted/s with p99 ≤ 50 ms): ${ok ? 'met' : 'NOT met'} — ` +
      `${fmt(sqlite.acceptedPerSecond)}/s, p99 ${fmt(sqlite.p99, 1)} ms`,
  );
}
const postgres = results.find((r) => mine(r) && r.name.startsWith('collector, PostgreSQL'));
if (postgres) {
  const ok = postgres.acceptedPerSecond >= 3000 && postgres.p99 <= 50;
  console.log(
    `target (PostgreSQL ≥ 3,000 accepted/s with p99 ≤ 50 ms): ${ok ? 'met' : 'NOT met'} — ` +
      `${fmt(postgres.acceptedPerSecond)}/s, p99 ${fmt(postgres.p99, 1)} ms`,
  );
  if (pgbench) {
    const share = (100 * postgres.acceptedPerSecond) / pgbench.acceptedPerSecond;
    console.log(
      `target (PostgreSQL ≥ 40 % of pgbench single INSERT): ${share >= 40 ? 'met' : 'NOT met'} — ` +
        `${fmt(share)} % (${fmt(postgres.acceptedPerSecond)}/s vs ${fmt(pgbench.acceptedPerSecond)} tps)`,
    );
  }
}
if (flags.json) console.log(JSON.stringify({ machine, connections: CONNECTIONS, duration: DURATION, results }));
