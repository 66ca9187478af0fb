#!/usr/bin/env node
// `npm run bench:browser [-- --dist path/to/dist/cdn ...] [--runs 5]`: loads the CDN build in real
// Chromium (Debian's /usr/bin/chromium via playwright-core) with an empty cache, RTT 300 ms and
// 1.6 Mbit/s (CDP Network.emulateNetworkConditions) and 4x CPU throttle, and prints per page the
// median of the runs: time to first render, the floor (2 RTT + the bytes received before it / bandwidth:
// the page, its style sheet, the scripts), their ratio, JS requests before first render, total
// blocking time and the longest task once buurtkit.js is in, and of the whole load (on the demo
// homepage also when its last widget shows text). It first prints the host's BenchmarkIndex, which says
// what phone 4x emulates on it. `--trace DIR` keeps a Chrome trace of each page's first load
// (summarise one with `node bench/trace-tasks.mjs`). Pages: a loader-only baseline, each widget alone and the
// demo homepage (demo/index.html, all widgets), against the
// demo collector with its sample data. On the idea box, poll and calendar pages it then taps the
// send button, a smiley and a view switch and prints the time from the tap to the next paint
// (INP-like). Several --dist give a before/after in one run; `--profile` adds each page's top
// self-time functions (CDP CPU profile of the first load). Scripts are served gzip-compressed
// (`--no-gzip`: as they are on disk). At the end: is each target met? Figures, not a test: the
// machine may be busy, so read them with their spread.
import { createServer } from 'node:http';
import { readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { startDemoCollector } from '../scripts/demo-collector.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const opt = (name) => args.flatMap((a, i) => (a === `--${name}` ? [args[i + 1]] : []));
const dists = opt('dist').length ? opt('dist').map((d) => resolve(d)) : [join(root, 'dist/cdn')];
const runs = Number(opt('runs')[0] ?? 5);
const profile = args.includes('--profile');
// `--trace DIR`: a Chrome trace of each page's first load (open it in DevTools' Performance panel, or
// summarise its long tasks with `node bench/trace-tasks.mjs FILE`).
const traceDir = opt('trace')[0];
// `--tasks`: also print each load's long tasks once buurtkit.js is in (start and length, ms).
const listTasks = args.includes('--tasks');
// Served gzip-compressed, as every CDN serves scripts and most servers pages and style sheets (and as
// the floor's bytes were first counted); `--no-gzip` sends them as they are on disk.
const gzip = !args.includes('--no-gzip');
const only = opt('page');
const RTT = 300;
const BANDWIDTH = (1.6 * 1e6) / 8; // bytes per second

const collector = await startDemoCollector({ dbPath: join(await mkdtemp(join(tmpdir(), 'bk-bench-')), 'bench.sqlite'), port: 0 });

const PAGES = {
  'loader only': '',
  'idea-box': '<idea-box></idea-box>',
  'activity-calendar': '<activity-calendar></activity-calendar>',
  'feedback-poll': '<feedback-poll poll-id="welkom"></feedback-poll>',
  'welcome-intake': '<welcome-intake></welcome-intake>',
  'volunteer-signup': '<volunteer-signup></volunteer-signup>',
  'demo homepage': null,
};
const WIDGETS = ['host-today', 'activity-calendar', 'welcome-intake', 'idea-box', 'feedback-poll', 'volunteer-signup'];

/** The tap measured per page: how to get ready for it (in Playwright terms) and what to tap. */
const TAPS = {
  'idea-box': {
    name: 'send an idea',
    ready: (p) => p.locator('idea-box textarea').first().fill('Een bankje bij de speeltuin, om even te zitten.'),
    target: 'idea-box button[part~="submit"]',
  },
  'feedback-poll': { name: 'tap a smiley', target: 'feedback-poll button[part~="answer"] >> nth=0' },
  'activity-calendar': { name: 'switch view', target: 'activity-calendar [part~="views"] button[aria-pressed="false"] >> nth=0' },
};
const page = (body) => `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<script type="module" src="/cdn/buurtkit.js"></script></head><body><h1>Buurthuis</h1>
<buurtkit-config endpoint="${collector.url}" site="${collector.site}">${body}</buurtkit-config></body></html>`;

const demoDir = join(root, 'demo');
/** Compressed once per file: the server's CPU time is not the page's. */
const compressed = new Map();
/** Answers with `body`, gzip-compressed when the browser accepts it (unless `--no-gzip`); a file's compressed bytes are kept. */
function send(req, res, type, body, file) {
  if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
    const bytes = (file && compressed.get(file)) ?? gzipSync(body, { level: 9 });
    if (file) compressed.set(file, bytes);
    return res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', 'content-encoding': 'gzip' }).end(bytes);
  }
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
}

/** Serves `/p/<name>` pages, `/cdn/` and `/buurtkit/` from `dist`, and the demo site at `/demo/`. */
function serve(dist) {
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/p/demo homepage') path = '/demo/index.html';
    if (path.startsWith('/demo/')) {
      const file = normalize(join(demoDir, path.slice('/demo/'.length)));
      if (!file.startsWith(demoDir)) return void res.writeHead(404).end();
      try {
        const html = file.endsWith('.html');
        const body = html ? (await readFile(file, 'utf8')).replaceAll('%COLLECTOR_URL%', collector.url) : await readFile(file);
        return void send(req, res, html ? 'text/html; charset=utf-8' : 'text/css', body);
      } catch {
        return void res.writeHead(404).end();
      }
    }
    path = path.replace(/^\/buurtkit\//, '/cdn/');
    if (path.startsWith('/p/')) {
      const body = PAGES[path.slice(3)];
      if (body === undefined) return void res.writeHead(404).end();
      return void send(req, res, 'text/html; charset=utf-8', page(body));
    }
    const file = normalize(join(dist, path.replace(/^\/cdn\//, '')));
    if (!path.startsWith('/cdn/') || !file.startsWith(dist)) return void res.writeHead(404).end();
    try {
      send(req, res, 'text/javascript', await readFile(file), file);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r({ url: `http://127.0.0.1:${server.address().port}`, server })));
}

/** The collector answers this page origin's reads (CORS), as it does for the demo site. */
async function allowOrigin(origin) {
  const site = await collector.store.access.getSite(collector.site);
  await collector.store.access.updateSite(collector.site, { allowedOrigins: [...new Set([...site.allowedOrigins, origin])] });
}

// Long tasks, and for a tap: the time from its pointerdown (the input's own time stamp) to the next
// paint, taken as the first task after the next animation frame following the click's handlers.
const OBSERVE = `window.__tasks = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
window.__taps = []; let down = 0;
addEventListener('pointerdown', (e) => { down = e.timeStamp; }, true);
addEventListener('click', () => { const t = down; requestAnimationFrame(() => setTimeout(() => window.__taps.push(performance.now() - t), 0)); }, true);`;

/** Self time per function from a CDP CPU profile, largest first. */
function topSelf(cpuProfile, n = 10) {
  const byId = new Map(cpuProfile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  cpuProfile.samples.forEach((id, i) => {
    const { callFrame: f } = byId.get(id);
    const file = f.url.split('/').pop() || '';
    const key =
      f.functionName || f.url ? `${f.functionName || '(anonymous)'} ${file}${f.url ? `:${f.lineNumber + 1}` : ''}` : '(program/idle/gc)';
    self.set(key, (self.get(key) ?? 0) + (cpuProfile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self]
    .filter(([k]) => k !== '(idle) ' && !k.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, n);
}

async function loadOnce(browser, url, tag, { tap, withProfile, tracePath } = {}) {
  const context = await browser.newContext();
  const p = await context.newPage();
  const cdp = await context.newCDPSession(p);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: RTT,
    downloadThroughput: BANDWIDTH,
    uploadThroughput: BANDWIDTH,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const responses = new Map();
  // CDP stamps a request's progress in monotonic seconds and its start also in wall-clock seconds;
  // the end is put on the wall clock so it can be compared with the page's render time.
  cdp.on('Network.requestWillBeSent', (e) => {
    // Every response counts for the floor (the page, its style sheet, the scripts); scripts also
    // for "JS requests". Reads from the collector are data, not code, but share the link too.
    responses.set(e.requestId, { js: e.request.url.endsWith('.js'), start: e.timestamp, wallStart: e.wallTime, bytes: 0, end: Infinity });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const s = responses.get(e.requestId);
    if (s) Object.assign(s, { bytes: e.encodedDataLength, end: s.wallStart + (e.timestamp - s.start) });
  });
  await p.addInitScript(OBSERVE);
  if (withProfile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  if (tracePath)
    await browser.startTracing(p, {
      path: tracePath,
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'disabled-by-default-devtools.timeline.stack',
        'disabled-by-default-v8.cpu_profiler',
        'v8.execute',
        'v8',
        'loading',
        'toplevel',
        'blink.user_timing',
      ],
    });
  await p.goto(url, { waitUntil: 'commit' });
  // First render: the widget's shadow root shows text (the loader-only page: the loader has run).
  // The demo homepage: its first widget to show text.
  const render = tag
    ? await p.waitForFunction(
        (ts) =>
          ts.some((t) => [...document.querySelectorAll(t)].some((el) => (el.shadowRoot?.textContent?.trim().length ?? 0) > 10)) &&
          performance.now(),
        tag,
        { timeout: 60_000, polling: 'raf' },
      )
    : await p.waitForFunction(
        () =>
          performance.getEntriesByType('resource').some((r) => r.name.endsWith('buurtkit.js') && r.responseEnd > 0) && performance.now(),
        null,
        { timeout: 60_000, polling: 'raf' },
      );
  const firstRender = await render.jsonValue();
  // A page with several widgets: when each showed text first (the loop below records it per tag),
  // and when the last of them did.
  if (tag?.length > 1)
    await p.evaluate((ts) => {
      window.__firstText = {};
      const look = () => {
        for (const t of ts)
          if (
            !(t in window.__firstText) &&
            [...document.querySelectorAll(t)].some((el) => (el.shadowRoot?.textContent?.trim().length ?? 0) > 10)
          )
            window.__firstText[t] = performance.now();
        if (Object.keys(window.__firstText).length < ts.length) requestAnimationFrame(look);
      };
      look();
    }, tag);
  const lastRender =
    tag?.length > 1
      ? await p
          .waitForFunction(
            (ts) =>
              ts.every((t) => [...document.querySelectorAll(t)].every((el) => (el.shadowRoot?.textContent?.trim().length ?? 0) > 10)) &&
              performance.now(),
            tag,
            { timeout: 30_000, polling: 'raf' },
          )
          .then((h) => h.jsonValue())
      : undefined;
  const navStart = await p.evaluate(() => performance.timeOrigin);
  await p.waitForTimeout(3000); // let later work (data, idle parts) show in TBT
  const tasks = await p.evaluate(() => window.__tasks);
  const perTag = tag?.length > 1 ? await p.evaluate(() => window.__firstText) : undefined;
  const arrived = await p.evaluate(
    () => performance.getEntriesByType('resource').find((r) => new URL(r.name).pathname.endsWith('/buurtkit.js'))?.responseEnd ?? 0,
  );
  const top = withProfile ? topSelf((await cdp.send('Profiler.stop')).profile) : undefined;
  if (tracePath) await browser.stopTracing();
  let inp;
  if (tap) {
    await tap.ready?.(p);
    await p.waitForTimeout(1500); // a sending part prefetched on input is in by now
    await p.locator(tap.target).click();
    inp = await p.waitForFunction(() => window.__taps[0], null, { timeout: 30_000 }).then((h) => h.jsonValue());
  }
  await context.close();
  const renderAt = navStart / 1000 + firstRender / 1000;
  const before = [...responses.values()].filter((s) => s.end <= renderAt);
  const bytes = before.reduce((n, s) => n + s.bytes, 0);
  // A long task is a widget's only once buurtkit.js is in: before that, no code of it has run
  // (the page's own parsing and layout, and the bench's own script, come first).
  const own = tasks.filter(([start, d]) => start + d > arrived);
  if (listTasks)
    console.log(
      `      load: buurtkit.js in at ${arrived.toFixed(0)}, first render ${firstRender.toFixed(0)}, long tasks ${own.map(([t, d]) => `${t.toFixed(0)}+${d.toFixed(0)}`).join(' ') || 'none'}`,
    );
  return {
    top,
    inp,
    firstRender,
    lastRender,
    perTag,
    floor: 2 * RTT + (bytes / BANDWIDTH) * 1000,
    requests: before.filter((s) => s.js).length,
    tbt: tasks.reduce((n, [, d]) => n + Math.max(0, d - 50), 0),
    longest: own.reduce((n, [, d]) => Math.max(n, d), 0),
    longestAll: tasks.reduce((n, [, d]) => Math.max(n, d), 0),
  };
}

/**
 * Lighthouse's BenchmarkIndex of this host, unthrottled, the median of three: half of it builds a
 * 10,000-character string again and again for 500 ms, half copies 100,000 numbers between two
 * arrays (the time read every tenth copy); each half counts its rounds per second / 10, and the
 * index is their mean. The same algorithm as Lighthouse's `computeBenchmarkIndex` (Apache-2.0),
 * written here so the bench needs no Lighthouse: it says which phone "4x" stands for on this host.
 */
async function benchmarkIndex(browser) {
  const p = await browser.newPage();
  const once = () =>
    p.evaluate(() => {
      const strings = () => {
        const start = Date.now();
        let rounds = 0;
        while (Date.now() - start < 500) {
          let s = '';
          for (let j = 0; j < 10_000; j++) s += 'a';
          if (s.length === 1) throw new Error('unreachable; keeps the loop from being optimised away');
          rounds++;
        }
        return rounds / 10 / ((Date.now() - start) / 1000);
      };
      const arrays = () => {
        const a = Array.from({ length: 100_000 }, (_, i) => i);
        const b = [...a];
        const start = Date.now();
        let rounds = 0;
        while (rounds % 10 !== 0 || Date.now() - start < 500) {
          const [from, to] = rounds % 2 === 0 ? [a, b] : [b, a];
          for (let j = 0; j < from.length; j++) to[j] = from[j];
          rounds++;
        }
        return rounds / 10 / ((Date.now() - start) / 1000);
      };
      return (strings() + arrays()) / 2;
    });
  const all = [await once(), await once(), await once()];
  await p.close();
  return median(all);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  console.log(
    `median of ${runs} loads, RTT ${RTT} ms, 1.6 Mbit/s, 4x CPU throttle, empty cache, ${gzip ? 'gzip-compressed' : 'not compressed'}`,
  );
  const index = await benchmarkIndex(browser);
  console.log(
    `host: BenchmarkIndex ${index.toFixed(0)} unthrottled (Lighthouse's measure; its 4x assumes a high-end desktop, 1500-2000), so the emulated phone scores ~${(index / 4).toFixed(0)} (mid-tier mobile: 125-800)`,
  );
  console.log('longest: the longest task once buurtkit.js is in (before it, no buurtkit code has run); any: of the whole load');
  console.log(
    `${'build / page'.padEnd(46)}${'render'.padStart(8)}${'floor'.padStart(8)}${'ratio'.padStart(7)}${'JS req'.padStart(8)}${'TBT'.padStart(7)}${'longest'.padStart(9)}${'any'.padStart(6)}  (render min-max)`,
  );
  // Pages outer, builds inner: a busy spell on the shared machine hits before and after alike.
  const builds = [];
  for (const dist of dists) {
    const { url, server } = await serve(dist);
    await allowOrigin(url);
    builds.push({ label: dist.replace(root + '/', '').replace('/work/wt/', ''), url, server, r: {} });
  }
  const profiles = [];
  for (const [name] of Object.entries(PAGES)) {
    if (only.length && name !== 'loader only' && !only.includes(name)) continue;
    for (const { label, url, r } of builds) {
      const all = [];
      const tag = name === 'loader only' ? undefined : name === 'demo homepage' ? WIDGETS : [name];
      for (let i = 0; i < runs; i++)
        all.push(
          await loadOnce(browser, `${url}/p/${name}`, tag, {
            tap: TAPS[name],
            withProfile: profile && i === 0,
            tracePath:
              traceDir && i === 0 ? join(resolve(traceDir), `${label.replaceAll('/', '_')}-${name.replaceAll(' ', '-')}.json`) : undefined,
          }),
        );
      const m = (k) => median(all.map((x) => x[k]));
      const spread = (k) => `${Math.min(...all.map((x) => x[k])).toFixed(0)}-${Math.max(...all.map((x) => x[k])).toFixed(0)}`;
      r[name] = { ratio: m('firstRender') / m('floor'), tbt: m('tbt'), longest: m('longest'), inp: TAPS[name] ? m('inp') : undefined };
      console.log(
        `${`${label} ${name}`.slice(0, 45).padEnd(46)}${m('firstRender').toFixed(0).padStart(8)}${m('floor').toFixed(0).padStart(8)}${r[name].ratio.toFixed(2).padStart(7)}${String(m('requests')).padStart(8)}${m('tbt').toFixed(0).padStart(7)}${m('longest').toFixed(0).padStart(9)}${m('longestAll').toFixed(0).padStart(6)}  (render ${spread('firstRender')}, TBT ${spread('tbt')}, longest ${spread('longest')})`,
      );
      if (all[0].lastRender !== undefined) {
        console.log(`${''.padEnd(6)}last widget shows text: ${m('lastRender').toFixed(0)} ms median (${spread('lastRender')})`);
        // Each widget's own time, in the order they showed text (the first is only known after it
        // rendered, so a widget already showing text when the loop began counts from then).
        const each = tag.map((t) => [t, median(all.map((x) => x.perTag?.[t] ?? Infinity))]).sort((a, b) => a[1] - b[1]);
        console.log(`${''.padEnd(6)}each shows text (median): ${each.map(([t, ms]) => `${t} ${ms.toFixed(0)}`).join(', ')}`);
      }
      if (TAPS[name])
        console.log(`${''.padEnd(6)}tap to next paint (${TAPS[name].name}): ${m('inp').toFixed(0)} ms median (${spread('inp')})`);
      if (all[0].top) profiles.push([`${label} ${name}`, all[0].top]);
    }
  }
  for (const { server } of builds) server.close();
  const results = builds.map(({ label, r }) => [label, r]);
  for (const [name, top] of profiles) {
    console.log(`\nCPU profile, top self time (ms, 4x throttle, first load + 3 s): ${name}`);
    for (const [fn, ms] of top) console.log(`  ${ms.toFixed(1).padStart(8)}  ${fn}`);
  }
  // Item-4 targets. TBT counts over the loader-only page's own TBT.
  for (const [label, r] of results) {
    const base = r['loader only']?.tbt ?? 0;
    const check = (ok, text) => `${ok ? 'met    ' : 'NOT met'}  ${text}`;
    console.log(`\ntargets, ${label}:`);
    for (const [name, x] of Object.entries(r)) {
      if (name === 'loader only') continue;
      const tbtMax = name === 'demo homepage' ? 150 : 50;
      console.log(check(x.ratio <= 1.3, `${name}: first render ${x.ratio.toFixed(2)}x floor (<= 1.3)`));
      console.log(check(x.longest <= 50, `${name}: longest task once buurtkit.js is in ${x.longest.toFixed(0)} ms (<= 50)`));
      console.log(check(x.tbt - base <= tbtMax, `${name}: TBT over the loader ${(x.tbt - base).toFixed(0)} ms (<= ${tbtMax})`));
      if (x.inp !== undefined) console.log(check(x.inp <= 100, `${name}: tap to next paint ${x.inp.toFixed(0)} ms (<= 100)`));
    }
  }
} finally {
  await browser.close();
  await collector.close();
}
