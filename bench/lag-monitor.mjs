// Loaded into the collector by bench/export.mjs (`node --import`): measures the event loop's delay
// with perf_hooks, and how long each POST takes inside the collector (from its request being parsed
// to its response being finished, through node:http's diagnostics channels); on SIGUSR2 it writes
// their percentiles (ms) to $BENCH_LAG_FILE and starts anew.
import { subscribe } from 'node:diagnostics_channel';
import { renameSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.BENCH_LAG_FILE;
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const started = new WeakMap();
  let posts = [];
  subscribe('http.server.request.start', ({ request, response }) => {
    if (request.method === 'POST') started.set(response, performance.now());
  });
  subscribe('http.server.response.finish', ({ response }) => {
    const at = started.get(response);
    if (at !== undefined) posts.push(performance.now() - at);
  });
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
      }),
    );
    renameSync(`${file}.tmp`, file);
    histogram.reset();
    posts = [];
  });
}
