#!/usr/bin/env node
// Bundle-size budget: builds each browser entry the way a website would load it (lit and
// everything else inlined, minified), gzips it, prints min and min+gzip bytes, and exits 1
// when an entry is over budget. A benchmark, not a test: run `npm run size`.
import { build } from 'vite';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const KB = 1024;

/** entry → budget in gzipped bytes. */
const entries = [
  { name: 'idea-box (lit + core + widget + nl/en)', file: 'src/define/idea-box.ts', budget: 14 * KB },
  { name: 'buurtkit-config', file: 'src/define/buurtkit-config.ts', budget: 8 * KB },
  { name: 'cdn bundle (all widgets)', file: 'src/define/all.ts', budget: 40 * KB },
];
/** Zod may cost a widget bundle at most this much (it should cost nothing). */
const ZOD_BUDGET = 3 * KB;

async function measure(file) {
  const result = await build({
    root,
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      lib: { entry: resolve(root, file), formats: ['es'], fileName: () => 'entry.js' },
      rolldownOptions: { output: { codeSplitting: false } },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  const chunk = outputs.find((o) => o.type === 'chunk' && o.isEntry);
  const code = chunk.code;
  const zodCode = Object.entries(chunk.modules ?? {})
    .filter(([id]) => id.includes('/node_modules/zod/'))
    .map(([, m]) => m.code ?? '')
    .join('');
  return {
    min: Buffer.byteLength(code),
    gz: gzipSync(code, { level: 9 }).length,
    zodGz: zodCode ? gzipSync(zodCode, { level: 9 }).length : 0,
  };
}

const fmt = (n) => `${(n / KB).toFixed(2)} KB`.padStart(10);
let failed = false;
console.log(`${'entry'.padEnd(42)}${'min'.padStart(10)}${'min+gz'.padStart(10)}${'budget'.padStart(10)}  zod(gz)`);
for (const entry of entries) {
  const { min, gz, zodGz } = await measure(entry.file);
  const over = gz > entry.budget || zodGz > ZOD_BUDGET;
  failed ||= over;
  console.log(
    `${entry.name.padEnd(42)}${fmt(min)}${fmt(gz)}${fmt(entry.budget)}  ${(zodGz / KB).toFixed(2)} KB${over ? '  OVER BUDGET' : ''}`,
  );
}
if (failed) {
  console.error('\nOne or more entries are over budget.');
  process.exit(1);
}
