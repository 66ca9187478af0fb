// Loaded into the collector by bench/export.mjs (`node --import`): measures the event loop's delay
// with perf_hooks, and how long each POST takes inside the collector (from its request being parsed
// to its response being finished, through node:http's diagnostics channels), and the garbage
// collector's pauses (perf_hooks 'gc' entries): how many, how long, and how much of the time of the
// POSTs that took over 50 ms inside the collector was spent in them; with BENCH_PG_STATEMENTS=1, on
// PostgreSQL also how long each kind of statement took from being handed to a connection to its
// answer being read (off by default: with it the collector's peak RSS was 70 MB higher in a 300,000
// row export). On SIGUSR2 it writes these figures (ms) to $BENCH_LAG_FILE and starts anew.
import { subscribe } from 'node:diagnostics_channel';
import { renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const file = process.env.BENCH_LAG_FILE;
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const started = new WeakMap();
  let posts = [];
  /** [start, end] of each POST and each GC pause, on performance.now()'s clock. */
  let spans = [];
  let pauses = [];
  subscribe('http.server.request.start', ({ request, response }) => {
    if (request.method === 'POST') started.set(response, performance.now());
  });
  subscribe('http.server.response.finish', ({ response }) => {
    const at = started.get(response);
    if (at === undefined) return;
    const now = performance.now();
    posts.push(now - at);
    spans.push([at, now]);
  });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      pauses.push({ start: e.startTime, end: e.startTime + e.duration, major: e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR });
    }
  }).observe({ entryTypes: ['gc'] });
  /** Statement durations by kind: the collector's own pg (resolved from its entry script). */
  let statements = new Map();
  const kindOf = (text) =>
    /FROM sites WHERE slug/.test(text)
      ? 'site'
      : /x\(bucket text/.test(text)
        ? 'rate'
        : /x\(id text, site text, widget/.test(text)
          ? 'insert'
          : /FROM ideas i\s+WHERE i.site/.test(text)
            ? 'export page'
            : 'other';
  if (process.env.BENCH_PG_STATEMENTS === '1') await countStatements();
  async function countStatements() {
    const { default: pg } = await import(createRequire(process.argv[1]).resolve('pg'));
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (config, ...rest) {
      const kind = kindOf(typeof config === 'string' ? config : (config?.text ?? ''));
      const at = performance.now();
      const done = () => {
        const list = statements.get(kind) ?? [];
        list.push(performance.now() - at);
        statements.set(kind, list);
      };
      const callback = rest.findIndex((r) => typeof r === 'function');
      if (callback >= 0) {
        const original = rest[callback];
        rest[callback] = (...args) => (done(), original(...args));
        return query.call(this, config, ...rest);
      }
      const result = query.call(this, config, ...rest);
      if (result && typeof result.then === 'function') result.then(done, done);
      return result;
    };
  }
  const statementFigures = () =>
    Object.fromEntries(
      [...statements].map(([kind, list]) => {
        list.sort((a, b) => a - b);
        const q = (p) => list[Math.min(list.length - 1, Math.floor(p * list.length))];
        return [kind, { n: list.length, p50: q(0.5), p99: q(0.99), max: list.at(-1) }];
      }),
    );
  /** GC pauses, and the share of the slow POSTs' time spent in them. */
  const gcFigures = () => {
    const slow = spans.filter(([a, b]) => b - a > 50);
    let inGc = 0;
    for (const [a, b] of slow) for (const p of pauses) inGc += Math.max(0, Math.min(b, p.end) - Math.max(a, p.start));
    const slowMs = slow.reduce((sum, [a, b]) => sum + b - a, 0);
    const major = pauses.filter((p) => p.major).map((p) => p.end - p.start);
    return {
      gcPauses: pauses.length,
      gcTotalMs: pauses.reduce((sum, p) => sum + p.end - p.start, 0),
      gcMaxMs: Math.max(0, ...pauses.map((p) => p.end - p.start)),
      gcMajor: major.length,
      gcMajorMaxMs: Math.max(0, ...major),
      slowPosts: slow.length,
      slowPostsGcShare: slowMs ? inGc / slowMs : NaN,
    };
  };
  process.on('SIGUSR2', () => {
    const ms = (ns) => ns / 1e6;
    posts.sort((a, b) => a - b);
    const post = (q) => posts[Math.min(posts.length - 1, Math.floor(q * posts.length))] ?? NaN;
    // Written aside and renamed: the bench reads the file as soon as it exists.
    writeFileSync(
      `${file}.tmp`,
      JSON.stringify({
        p50: ms(histogram.percentile(50)),
        p99: ms(histogram.percentile(99)),
        max: ms(histogram.max),
        postP50: post(0.5),
        postP99: post(0.99),
        ...gcFigures(),
        statements: statementFigures(),
      }),
    );
    renameSync(`${file}.tmp`, file);
    histogram.reset();
    posts = [];
    spans = [];
    pauses = [];
    statements = new Map();
  });
}
