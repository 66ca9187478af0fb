#!/usr/bin/env node
// Where a submission's PostgreSQL time goes, without pg_stat_statements (it needs
// shared_preload_libraries and a server restart): the built collector talks to PostgreSQL through
// a counting TCP proxy that reads the wire protocol (statements executed, Sync = round trips,
// Parse = statements planned), while autocannon POSTs ideas and pg_stat_activity is sampled for
// what the collector's connections wait on. Commits and row changes come from the statistics views.
//
//   npm run build:node && node bench/pg-profile.mjs [--dist DIR] [--duration 5] [--connections 50]
//
// `--dist` points at another build's root (e.g. the code before a change) to compare both.
import { execFileSync, spawn } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';

const { values: flags } = parseArgs({
  options: {
    dist: { type: 'string', default: fileURLToPath(new URL('..', import.meta.url)) },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
  },
});
const PG_URL = process.env.DATABASE_URL;
if (!/^postgres(ql)?:\/\//i.test(PG_URL ?? '')) {
  console.error('Set DATABASE_URL=postgres://… to profile the PostgreSQL path.');
  process.exit(1);
}
const ROOT = flags.dist;
const CLI = join(ROOT, 'dist/collector/cli.js');
const { uuidv7 } = await import(join(ROOT, 'dist/schema/index.js'));
const SITE = 'bench';

/** Counts protocol messages from client to server; the first message of a connection has no type. */
function countingProxy(target) {
  const counts = { Q: 0, P: 0, B: 0, E: 0, S: 0, connections: 0 };
  const server = createServer((client) => {
    counts.connections++;
    const upstream = connect(target.port, target.host);
    client.pipe(upstream).on('error', () => {});
    upstream.pipe(client).on('error', () => {});
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    let buffer = Buffer.alloc(0);
    let started = false;
    client.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          if (buffer.length < 4) return;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) return;
          buffer = buffer.subarray(length);
          started = true;
          continue;
        }
        if (buffer.length < 5) return;
        const type = String.fromCharCode(buffer[0]);
        const length = buffer.readInt32BE(1);
        if (buffer.length < 1 + length) return;
        if (type in counts) counts[type]++;
        buffer = buffer.subarray(1 + length);
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, counts, port: server.address().port })));
}

const query = async (sql, values) => {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows;
  } finally {
    await client.end();
  }
};

const target = new URL(PG_URL);
const proxy = await countingProxy({ host: target.hostname, port: Number(target.port || 5432) });
const viaProxy = new URL(PG_URL);
viaProxy.hostname = '127.0.0.1';
viaProxy.port = String(proxy.port);
const schema = `bk_profile_${Date.now().toString(36)}`;
const storage = ['--database-url', viaProxy.toString(), '--pg-schema', schema];
// Synchronous, so not through the proxy (which runs on this event loop).
execFileSync(process.execPath, [CLI, 'site', 'add', SITE, '--name', 'Bench', '--database-url', PG_URL, '--pg-schema', schema], {
  stdio: 'ignore',
});

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
const child = spawn(process.execPath, [CLI, 'serve', ...serveFlags, ...storage], {
  stdio: ['ignore', 'pipe', 'inherit'],
  // Render tokens off under both names: builds from before the rename read BUURTKIT_FORM_TOKENS.
  env: { ...process.env, DATABASE_URL: '', BUURTKIT_RENDER_TOKENS: 'off', BUURTKIT_FORM_TOKENS: 'off' },
});
const url = await new Promise((resolve, reject) => {
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (t) => {
    out += t;
    const m = /listening on (\S+)/.exec(out);
    if (m) resolve(m[1]);
  });
  child.once('exit', (code) => reject(new Error(`collector exited with ${code}`)));
});

const bodies = Array.from({ length: 200_000 }, (_, n) =>
  JSON.stringify({
    id: uuidv7(),
    site: SITE,
    widget: 'idea-box',
    schemaVersion: 1,
    sentAt: new Date().toISOString(),
    locale: 'nl',
    data: { kind: 'idea', text: `Profiel-idee ${n}: een moestuin achter het buurthuis`, wantsToHelp: false },
    trap: { honeypot: '', elapsedMs: 8000 },
  }),
);
let next = 0;
const fire = (duration) =>
  autocannon({
    url: `${url}/v1/sites/${SITE}/submissions`,
    connections: Number(flags.connections),
    duration,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (r) => ({ ...r, body: bodies[next++] }) }],
  });
await fire(1); // warm-up: connections open, statements prepared

const stats = async () => {
  const [db] = await query('SELECT xact_commit::bigint AS commits FROM pg_stat_database WHERE datname = current_database()');
  const tables = await query(
    `SELECT relname, n_tup_ins::bigint AS ins, n_tup_upd::bigint AS upd, n_tup_hot_upd::bigint AS hot FROM pg_stat_user_tables WHERE schemaname = $1`,
    [schema],
  );
  return { commits: Number(db.commits), tables: Object.fromEntries(tables.map((t) => [t.relname, t])) };
};
const waits = new Map();
let samples = 0;
let sampling = true;
const sampler = (async () => {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  while (sampling) {
    const { rows } = await client.query(
      `SELECT state, COALESCE(wait_event_type || ':' || wait_event, 'on CPU') AS wait, left(regexp_replace(query, '\\s+', ' ', 'g'), 60) AS q
       FROM pg_stat_activity WHERE application_name = 'buurtkit-collector' AND state <> 'idle'`,
    );
    samples++;
    for (const r of rows) {
      const key = `${r.wait} | ${r.q}`;
      waits.set(key, (waits.get(key) ?? 0) + 1);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  await client.end();
})();

const before = await stats();
const counts0 = { ...proxy.counts };
const result = await fire(Number(flags.duration));
sampling = false;
await sampler;
await new Promise((r) => setTimeout(r, 300));
const after = await stats();
const created = Number(result.statusCodeStats?.['201']?.count ?? 0);
const per = (n) => (n / created).toFixed(2);
const delta = (k) => proxy.counts[k] - counts0[k];

console.log(`build: ${ROOT}`);
console.log(
  `accepted: ${created} in ${result.duration.toFixed(1)} s = ${(created / result.duration).toFixed(0)}/s, p99 ${result.latency.p99} ms`,
);
console.log(
  `per accepted submission: round trips (Sync) ${per(delta('S'))}, statements executed ${per(delta('E') + delta('Q'))}, ` +
    `parsed ${per(delta('P'))}, commits ${per(after.commits - before.commits)}; pool connections opened: ${proxy.counts.connections}`,
);
for (const [name, t] of Object.entries(after.tables)) {
  const b = before.tables[name] ?? { ins: 0, upd: 0, hot: 0 };
  const ins = t.ins - b.ins;
  const upd = t.upd - b.upd;
  if (ins + upd > 0)
    console.log(
      `  ${name}: inserts ${per(ins)}, updates ${per(upd)} (HOT ${upd ? Math.round((100 * (t.hot - b.hot)) / upd) : 0} %) per submission`,
    );
}
console.log(`busy collector connections by wait (sampled ${samples}×, mean per sample):`);
for (const [key, n] of [...waits].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  ${(n / samples).toFixed(2)}  ${key}`);

child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
proxy.server.close();
await query(`DROP SCHEMA ${schema} CASCADE`);
