#!/usr/bin/env node
// `node bench/trace-tasks.mjs TRACE.json [--min 30]`: the renderer main thread's tasks of a Chrome trace
// (from `npm run bench:browser -- --trace DIR`) that last at least --min ms, each with when it started
// (ms after navigation), what ran in it by self time (script evaluation and compilation per file, style,
// layout, paint, GC, HTML parsing) and its hottest JavaScript functions from the CPU samples. Before the
// list: when each script's response ended, so a task can be placed before or after a file arrived.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const min = Number(args[args.indexOf('--min') + 1] || 30);
// The build whose source maps name the functions (`--dist`, default dist/cdn).
const dist = resolve(args.includes('--dist') ? args[args.indexOf('--dist') + 1] : 'dist/cdn');
if (!file) throw new Error('usage: node bench/trace-tasks.mjs TRACE.json [--min 30]');
const trace = JSON.parse(await readFile(file, 'utf8'));
const events = Array.isArray(trace) ? trace : trace.traceEvents;

// The renderer that loaded the page: its main thread, named CrRendererMain, with the navigation.
const names = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
const navigation = events.find(
  (e) =>
    e.name === 'navigationStart' &&
    names.get(`${e.pid}:${e.tid}`) === 'CrRendererMain' &&
    /^https?:/.test(e.args?.data?.documentLoaderURL ?? ''),
);
if (!navigation) throw new Error('no navigationStart on a renderer main thread');
const main = `${navigation.pid}:${navigation.tid}`;
const t0 = navigation.ts;
const onMain = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur !== undefined);
const ms = (us) => us / 1000;

// Scripts: when their response finished (on the trace clock).
const requests = new Map();
for (const e of events) {
  const d = e.args?.data;
  if (e.pid !== navigation.pid) continue;
  if (e.name === 'ResourceSendRequest' && d?.url?.endsWith('.js')) requests.set(d.requestId, { url: d.url, sent: e.ts });
  if (e.name === 'ResourceFinish' && requests.has(d?.requestId)) requests.get(d.requestId).finished = e.ts;
}
for (const r of requests.values())
  console.log(
    `script ${r.url.split('/').pop()}: sent ${ms(r.sent - t0).toFixed(0)} ms, finished ${r.finished ? ms(r.finished - t0).toFixed(0) : '?'} ms`,
  );

// CPU samples: a Profile event on the main thread, then ProfileChunk events with its id (written by the
// sampler's own thread): node id -> call frame, and each sample's time from the start and the deltas.
const nodes = new Map();
const samples = [];
const profile = events.find((x) => x.name === 'Profile' && `${x.pid}:${x.tid}` === main);
if (profile) {
  let ts = profile.args.data.startTime;
  for (const e of events.filter((x) => x.name === 'ProfileChunk' && x.pid === profile.pid && x.id === profile.id)) {
    const c = e.args.data.cpuProfile ?? {};
    for (const n of c.nodes ?? []) nodes.set(n.id, n.callFrame);
    (c.samples ?? []).forEach((id, i) => samples.push({ id, ts: (ts += e.args.data.timeDeltas?.[i] ?? 0) }));
  }
}

/** Decodes a source map's mappings into per-line sorted [column, source, line, column, name] segments. */
function decodeMappings(map) {
  const digits = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));
  const state = [0, 0, 0, 0];
  return map.mappings.split(';').map((line) => {
    let column = 0;
    return line
      .split(',')
      .filter(Boolean)
      .map((segment) => {
        const values = [];
        let value = 0;
        let shift = 0;
        for (const c of segment) {
          const d = digits.get(c);
          value += (d & 31) << shift;
          if (d & 32) shift += 5;
          else {
            values.push(value & 1 ? -(value >>> 1) : value >>> 1);
            value = shift = 0;
          }
        }
        column += values[0];
        if (values.length > 1) for (let i = 1; i < values.length; i++) state[i - 1] += values[i];
        return [column, state[0], state[1], state[2], values.length > 4 ? state[3] : undefined];
      });
  });
}
const maps = new Map();
/** `file:line:column` in the built file -> `name (source:line)` from its source map, when there is one. */
async function original(url, line, column) {
  const file = url.split(/\/(?:cdn|buurtkit)\//)[1];
  if (!file) return undefined;
  if (!maps.has(file))
    maps.set(
      file,
      await readFile(join(dist, `${file}.map`), 'utf8')
        .then((raw) => {
          const map = JSON.parse(raw);
          return { map, lines: decodeMappings(map) };
        })
        .catch(() => null),
    );
  const m = maps.get(file);
  const segments = m?.lines[line];
  if (!segments) return undefined;
  let best;
  for (const seg of segments) if (seg[0] <= column) best = seg;
  if (!best) return undefined;
  const source = m.map.sources[best[1]].split('/').slice(-2).join('/');
  return `${best[4] !== undefined ? m.map.names[best[4]] : ''} ${source}:${best[2] + 1}`.trim();
}

const kind = (e) => {
  const d = e.args?.data ?? {};
  const file = (d.url ?? d.fileName ?? '').split('/').pop();
  switch (e.name) {
    case 'EvaluateScript':
    case 'v8.evaluateModule':
      return `evaluate ${file}`;
    case 'v8.compile':
    case 'v8.compileModule':
    case 'V8.CompileCode':
    case 'v8.produceModuleCache':
      return `compile ${file}`;
    case 'FunctionCall':
      return `call ${d.functionName || '(anonymous)'} ${file}`;
    case 'UpdateLayoutTree':
    case 'RecalculateStyles':
      return 'style';
    case 'Layout':
      return 'layout';
    case 'Paint':
    case 'PrePaint':
    case 'Layerize':
    case 'UpdateLayer':
      return 'paint';
    case 'ParseHTML':
      return 'parse HTML';
    case 'ParseAuthorStyleSheet':
      return 'parse CSS';
    case 'MinorGC':
    case 'MajorGC':
    case 'V8.GC_SCAVENGER':
    case 'BlinkGC.AtomicPhase':
    case 'V8.GCFinalizeMC':
      return 'GC';
    default:
      return null; // containers (timers, events, microtasks): their time is in what they call
  }
};

const tasks = onMain.filter((e) => e.name === 'RunTask' && ms(e.dur) >= min).sort((a, b) => a.ts - b.ts);
console.log(`\n${tasks.length} main-thread tasks of ${min} ms or more (times in ms after navigation start, as traced: 4x throttle)`);
for (const task of tasks) {
  const end = task.ts + task.dur;
  const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= end);
  // Self time per kind: an event's duration minus that of the counted events directly inside it
  // (events on one thread nest, so a stack of the open ones finds each one's parent).
  const self = new Map();
  const open = [];
  const counted = inside.filter((e) => kind(e)).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  for (const e of counted) {
    while (open.length && open.at(-1).ts + open.at(-1).dur < e.ts + e.dur) open.pop();
    const parent = open.at(-1);
    if (parent) self.set(kind(parent), self.get(kind(parent)) - e.dur);
    self.set(kind(e), (self.get(kind(e)) ?? 0) + e.dur);
    open.push(e);
  }
  const parts = [...self]
    .filter(([, d]) => d >= 1000)
    .sort((a, b) => b[1] - a[1])
    .map(([k, d]) => `${k} ${ms(d).toFixed(0)}`);
  console.log(
    `\n${ms(task.ts - t0).toFixed(0)} ms: task of ${ms(task.dur).toFixed(0)} ms — ${parts.join(', ') || '(nothing traced inside)'}`,
  );
  // Hottest functions by samples inside the task.
  const fns = new Map();
  const within = samples.filter((s) => s.ts >= task.ts && s.ts <= end);
  within.forEach((s, i) => {
    const f = nodes.get(s.id);
    if (!f) return;
    const next = within[i + 1]?.ts ?? s.ts;
    const key = `${f.functionName || '(anonymous)'}\t${f.url ?? ''}\t${f.lineNumber}\t${f.columnNumber}`;
    fns.set(key, (fns.get(key) ?? 0) + (next - s.ts));
  });
  for (const [key, d] of [...fns]) {
    const [name, url, line, column] = key.split('\t');
    const where = url ? ((await original(url, Number(line), Number(column))) ?? `${url.split('/').pop()}:${Number(line) + 1}`) : '';
    fns.delete(key);
    const label = `${name} ${where}`.trim();
    fns.set(label, (fns.get(label) ?? 0) + d);
  }
  const top = [...fns]
    .filter(([k]) => !k.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([k, d]) => `${ms(d).toFixed(1)} ${k}`);
  if (top.length) console.log(`   samples: ${top.join(' | ')}`);
}
