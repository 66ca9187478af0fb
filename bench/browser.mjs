#!/usr/bin/env node
// `npm run bench:browser [-- --dist path/to/dist/cdn ...] [--runs 5]`: loads the CDN build in real
// Chromium (Debian's /usr/bin/chromium via playwright-core) with an empty cache, RTT 300 ms and
// 1.6 Mbit/s (CDP Network.emulateNetworkConditions) and 4x CPU throttle, and prints per page the
// median of the runs: time to first render, the floor (2 RTT + JS bytes / bandwidth), their ratio,
// JS requests before first render, total blocking time and the longest task. Pages: a loader-only
// baseline and each widget alone, against the demo collector. Several --dist give a before/after
// in one run. Figures, not a test: the machine may be busy, so read them with their spread.
import { createServer } from 'node:http';
import { readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startDemoCollector } from '../scripts/demo-collector.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const opt = (name) => args.flatMap((a, i) => (a === `--${name}` ? [args[i + 1]] : []));
const dists = opt('dist').length ? opt('dist').map((d) => resolve(d)) : [join(root, 'dist/cdn')];
const runs = Number(opt('runs')[0] ?? 5);
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
};
const page = (body) => `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<script type="module" src="/cdn/buurtkit.js"></script></head><body><h1>Buurthuis</h1>
<buurtkit-config endpoint="${collector.url}" site="${collector.site}">${body}</buurtkit-config></body></html>`;

/** Serves `/p/<name>` pages and `/cdn/` from `dist`. */
function serve(dist) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.startsWith('/p/')) {
      const body = PAGES[path.slice(3)];
      if (body === undefined) return void res.writeHead(404).end();
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(body));
    }
    const file = normalize(join(dist, path.replace(/^\/cdn\//, '')));
    if (!path.startsWith('/cdn/') || !file.startsWith(dist)) return void res.writeHead(404).end();
    try {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r({ url: `http://127.0.0.1:${server.address().port}`, server })));
}

const OBSERVE = `window.__tasks = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });`;

async function loadOnce(browser, url, tag) {
  const context = await browser.newContext();
  const p = await context.newPage();
  const cdp = await context.newCDPSession(p);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: RTT, downloadThroughput: BANDWIDTH, uploadThroughput: BANDWIDTH });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const scripts = new Map();
  cdp.on('Network.requestWillBeSent', (e) => { if (e.request.url.endsWith('.js')) scripts.set(e.requestId, { start: e.timestamp, bytes: 0, end: Infinity }); });
  cdp.on('Network.loadingFinished', (e) => { const s = scripts.get(e.requestId); if (s) Object.assign(s, { bytes: e.encodedDataLength, end: e.timestamp }); });
  await p.addInitScript(OBSERVE);
  const t0 = Date.now();
  await p.goto(url, { waitUntil: 'commit' });
  // First render: the widget's shadow root shows text (the loader-only page: the loader has run).
  const render = tag
    ? await p.waitForFunction((t) => { const el = document.querySelector(t); return (el?.shadowRoot?.textContent?.trim().length ?? 0) > 10 && performance.now(); }, tag, { timeout: 60_000, polling: 'raf' })
    : await p.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('buurtkit.js') && r.responseEnd > 0) && performance.now(), null, { timeout: 60_000, polling: 'raf' });
  const firstRender = await render.jsonValue();
  const navStart = await p.evaluate(() => performance.timeOrigin);
  await p.waitForTimeout(3000); // let later work (data, idle parts) show in TBT
  const tasks = await p.evaluate(() => window.__tasks);
  await context.close();
  const renderAt = navStart / 1000 + firstRender / 1000;
  const before = [...scripts.values()].filter((s) => s.end <= renderAt);
  const bytes = before.reduce((n, s) => n + s.bytes, 0);
  void t0;
  return {
    firstRender,
    floor: 2 * RTT + (bytes / BANDWIDTH) * 1000,
    requests: before.length,
    tbt: tasks.reduce((n, [, d]) => n + Math.max(0, d - 50), 0),
    longest: tasks.reduce((n, [, d]) => Math.max(n, d), 0),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
try {
  console.log(`median of ${runs} loads, RTT ${RTT} ms, 1.6 Mbit/s, 4x CPU throttle, empty cache`);
  console.log(`${'build / page'.padEnd(46)}${'render'.padStart(8)}${'floor'.padStart(8)}${'ratio'.padStart(7)}${'JS req'.padStart(8)}${'TBT'.padStart(7)}${'longest'.padStart(9)}  (render min-max)`);
  for (const dist of dists) {
    const { url, server } = await serve(dist);
    for (const [name] of Object.entries(PAGES)) {
      const all = [];
      for (let i = 0; i < runs; i++) all.push(await loadOnce(browser, `${url}/p/${name}`, name === 'loader only' ? undefined : name));
      const m = (k) => median(all.map((r) => r[k]));
      const renders = all.map((r) => r.firstRender);
      console.log(
        `${`${dist.replace(root + '/', '').replace('/work/wt/', '')} ${name}`.slice(0, 45).padEnd(46)}${m('firstRender').toFixed(0).padStart(8)}${m('floor').toFixed(0).padStart(8)}${(m('firstRender') / m('floor')).toFixed(2).padStart(7)}${String(m('requests')).padStart(8)}${m('tbt').toFixed(0).padStart(7)}${m('longest').toFixed(0).padStart(9)}  (${Math.min(...renders).toFixed(0)}-${Math.max(...renders).toFixed(0)})`,
      );
    }
    server.close();
  }
} finally {
  await browser.close();
  await collector.close();
}
