#!/usr/bin/env node
// Bundle sizes and their regression guard: builds each browser entry the way a website loads it
// (lit and everything else bundled, minified), gzips it and prints min and min+gzip bytes.
// "initial" is what the page downloads up front (the entry and its static imports); "lazy" chunks
// are loaded with dynamic import() only when a feature needs them (e.g. the public idea list, a
// non-default language).
//
// `npm run size` (part of `npm test`) exits 1 when any initial download, the every-widget page or a
// lazy chunk is bigger than its figure in size-record.json plus TOLERANCE, or when a lazy chunk
// has no recorded figure. Growth is then a decision made in review: after a change that is meant
// to cost bytes, `npm run size:record` (`node scripts/size.mjs --record`) writes the new figures.
// The budgets below are targets, printed but not enforced: several entries are over them today.
import { build } from 'vite';
import { gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { minifyTemplatesPlugin, preloadHelperPlugin } from './build-plugins.mjs';

const root = resolve(import.meta.dirname, '..');
const KB = 1024;

const RECORD_FILE = resolve(root, 'scripts/size-record.json');
/** Growth allowed over a recorded figure: 1 %, and at least 16 bytes so a tiny chunk is not failed by gzip noise. */
const allowance = (recorded) => Math.max(Math.ceil(recorded * 0.01), 16);
const recording = process.argv.includes('--record');

/** entry → target for the initial download, in gzipped bytes. */
const entries = [
  { name: 'idea-box (lit + core + widget + nl/en)', file: 'src/define/idea-box.ts', budget: 14 * KB },
  { name: 'activity-calendar (without ICS parser)', file: 'src/define/activity-calendar.ts', budget: 16 * KB },
  // Sealing and the outbox hand-over are in the first download (a press offline must not need a
  // chunk); only the result screen is lazy.
  { name: 'welcome-intake (lit + core + widget + nl)', file: 'src/define/welcome-intake.ts', budget: 20 * KB },
  { name: 'buurtkit-config', file: 'src/define/buurtkit-config.ts', budget: 8 * KB },
  { name: 'feedback-poll (lit + core + widget + nl)', file: 'src/define/feedback-poll.ts', budget: 12 * KB },
  { name: 'volunteer-signup', file: 'src/define/volunteer-signup.ts', budget: 16 * KB },
  { name: 'host-today', file: 'src/define/host-today.ts', budget: 10 * KB },
  // The CDN file, built as `vite build --mode cdn` builds it: the loader with every widget's first
  // render in it (a page downloads it whole, whichever widgets it shows); the line after it adds up
  // what a page showing every widget downloads before its first render.
  { name: 'cdn bundle (loader + every first render)', file: 'src/define/cdn.ts', cdn: true, budget: 40 * KB, everyWidget: 40 * KB },
  { name: 'all widgets at once (npm define/all)', file: 'src/define/all.ts', budget: 40 * KB },
];
/** Zod may cost a widget bundle at most this much (it should cost nothing). */
const ZOD_BUDGET = 3 * KB;

const gz = (code) => gzipSync(code, { level: 9 }).length;

async function measure(file, cdn) {
  const result = await build(
    cdn
      ? { root, configFile: resolve(root, 'vite.config.ts'), mode: 'cdn', logLevel: 'silent', build: { write: false, sourcemap: false } }
      : {
          root,
          configFile: false,
          logLevel: 'silent',
          base: './',
          plugins: [minifyTemplatesPlugin(), preloadHelperPlugin()],
          build: {
            write: false,
            minify: true,
            target: 'es2022',
            // Not lib mode: Vite keeps whitespace in lib-mode ES output, which no CDN user would ship.
            rolldownOptions: {
              input: resolve(root, file),
              preserveEntrySignatures: 'exports-only',
              output: { format: 'es', entryFileNames: 'entry.js', chunkFileNames: '[name].js' },
            },
          },
        },
  );
  const chunks = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output).filter((o) => o.type === 'chunk');
  const entry = chunks.find((c) => c.isEntry);
  // Everything the entry imports statically is downloaded up front as well.
  const initial = new Set([entry.fileName]);
  for (let grew = true; grew;) {
    grew = false;
    for (const c of chunks) {
      if (!initial.has(c.fileName)) continue;
      for (const dep of c.imports) {
        if (initial.has(dep)) continue;
        initial.add(dep);
        grew = true;
      }
    }
  }
  const initialCode = chunks
    .filter((c) => initial.has(c.fileName))
    .map((c) => c.code)
    .join('\n');
  // The CDN build's file names carry a content hash: its shared chunks go by their name.
  const label = (c) =>
    c.facadeModuleId
      ? c.facadeModuleId.replace(`${root}/src/`, '').replace(/\.ts$/, '')
      : cdn
        ? `chunks/${c.name}`
        : c.fileName.replace(/\.js$/, '');
  const lazy = chunks.filter((c) => !initial.has(c.fileName)).map((c) => ({ name: label(c), gz: gz(c.code) }));
  const zodCode = chunks
    .flatMap((c) => Object.entries(c.modules ?? {}))
    .filter(([id]) => id.includes('/node_modules/zod/'))
    .map(([, m]) => m.code ?? '')
    .join('');
  // What a page with every widget downloads: the initial files plus each widget's define chunk and
  // the chunks those import statically (not languages, the ICS parser or other on-demand parts).
  const everyWidget = new Set(initial);
  for (const c of chunks) if (/\/src\/define\/[a-z-]+\.ts$/.test(c.facadeModuleId ?? '') && !c.isEntry) everyWidget.add(c.fileName);
  for (let grew = true; grew;) {
    grew = false;
    for (const c of chunks) {
      if (!everyWidget.has(c.fileName)) continue;
      for (const dep of c.imports) {
        if (everyWidget.has(dep)) continue;
        everyWidget.add(dep);
        grew = true;
      }
    }
  }
  const everyWidgetCode = chunks
    .filter((c) => everyWidget.has(c.fileName))
    .map((c) => c.code)
    .join('\n');
  return {
    everyWidgetGz: gz(everyWidgetCode),
    min: Buffer.byteLength(initialCode),
    gz: gz(initialCode),
    lazy,
    zodGz: zodCode ? gz(zodCode) : 0,
  };
}

const fmt = (n) => `${(n / KB).toFixed(2)} KB`.padStart(10);
const recorded = recording ? { entries: {} } : JSON.parse(readFileSync(RECORD_FILE, 'utf8'));
const record = { entries: {} };
const problems = [];

/** Compares one figure with its record; returns the marker to print after it. */
function check(what, size, was) {
  if (recording) return '';
  if (was === undefined) {
    problems.push(`${what}: ${size} B, no recorded figure`);
    return '  NOT RECORDED';
  }
  if (size > was + allowance(was)) {
    problems.push(`${what}: ${size} B, recorded ${was} B (+${(((size - was) / was) * 100).toFixed(1)} %)`);
    return `  GREW (recorded ${fmt(was).trim()})`;
  }
  return '';
}

console.log(`${'entry (initial download)'.padEnd(42)}${'min'.padStart(10)}${'min+gz'.padStart(10)}${'target'.padStart(10)}  zod(gz)`);
for (const entry of entries) {
  const { min, gz: size, lazy, zodGz, everyWidgetGz } = await measure(entry.file, entry.cdn);
  const was = recorded.entries[entry.name] ?? { lazy: {} };
  const mine = (record.entries[entry.name] = { initial: size, lazy: {} });
  if (zodGz > ZOD_BUDGET) problems.push(`${entry.name}: zod costs ${zodGz} B (at most ${ZOD_BUDGET} B)`);
  const overTarget = size > entry.budget ? '  over target' : '';
  console.log(
    `${entry.name.padEnd(42)}${fmt(min)}${fmt(size)}${fmt(entry.budget)}  ${(zodGz / KB).toFixed(2)} KB${overTarget}${check(entry.name, size, was.initial)}`,
  );
  if (entry.everyWidget !== undefined) {
    mine.everyWidget = everyWidgetGz;
    const over = everyWidgetGz > entry.everyWidget ? '  over target' : '';
    const grew = check(`${entry.name}, a page with every widget`, everyWidgetGz, was.everyWidget);
    console.log(`  ${'a page with every widget'.padEnd(40)}${''.padStart(10)}${fmt(everyWidgetGz)}${fmt(entry.everyWidget)}${over}${grew}`);
  }
  for (const chunk of lazy) {
    mine.lazy[chunk.name] = chunk.gz;
    console.log(
      `  lazy: ${chunk.name.padEnd(44)}${fmt(chunk.gz)}${check(`${entry.name}, lazy ${chunk.name}`, chunk.gz, was.lazy?.[chunk.name])}`,
    );
  }
}
if (recording) {
  writeFileSync(RECORD_FILE, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`\nRecorded in ${RECORD_FILE.replace(`${root}/`, '')}.`);
} else if (problems.length > 0) {
  console.error(`\nBigger than recorded (allowed: 1 %, at least 16 B):\n  ${problems.join('\n  ')}`);
  console.error('If the growth is intended, run `npm run size:record` and commit scripts/size-record.json.');
  process.exit(1);
}
