#!/usr/bin/env node
// Proof-of-work benchmark: how long the widget's solver (src/core/pow.ts, WebCrypto SHA-256 in
// batches, here in Node's WebCrypto) takes for challenges issued by the built collector
// (dist/collector/pow.js, a real SQLite store in a temp dir) at the default difficulty. Every
// solution is also checked by the collector, so only correct solves are timed.
//
//   npm run bench:pow [-- --runs 40] [--max-number 100000] [--json]
//
// A figure for the README, never a test: a phone is several times slower than this machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildSync } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '40' },
    'max-number': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

const dir = mkdtempSync(join(tmpdir(), 'buurtkit-bench-pow-'));
try {
  // The browser solver, bundled as it ships (TypeScript to one ES module).
  const solverFile = join(dir, 'pow.mjs');
  buildSync({ entryPoints: [join(ROOT, 'src/core/pow.ts')], bundle: true, format: 'esm', outfile: solverFile, logLevel: 'error' });
  const { solvePow, powPayload } = await import(pathToFileURL(solverFile).href);
  const { ProofOfWork, POW_DEFAULT_MAX_NUMBER } = await import(pathToFileURL(join(ROOT, 'dist/collector/pow.js')).href);
  const { SqliteStore } = await import(pathToFileURL(join(ROOT, 'dist/collector/store/sqlite.js')).href);

  const maxNumber = Number(flags['max-number'] ?? POW_DEFAULT_MAX_NUMBER);
  const runs = Number(flags.runs);
  const store = new SqliteStore(join(dir, 'bench.sqlite'));
  const site = await store.access.createSite(
    { slug: 'bench', name: 'Bench', settings: { proofOfWork: { maxNumber } } },
    new Date().toISOString(),
  );
  const pow = new ProofOfWork(store, Date.now);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const challenge = await pow.issue(site);
    const t0 = performance.now();
    const number = await solvePow(challenge);
    times.push(performance.now() - t0);
    await pow.check('bench', powPayload(challenge, number), `0190c0de-0000-7000-8000-${String(i).padStart(12, '0')}`);
  }
  await store.close();
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  const result = {
    maxNumber,
    runs,
    medianMs: Math.round(at(0.5)),
    p90Ms: Math.round(at(0.9)),
    maxMs: Math.round(times.at(-1)),
    meanMs: Math.round(times.reduce((a, b) => a + b, 0) / times.length),
  };
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    process.stdout.write(
      `proof-of-work, SHA-256, maxnumber ${maxNumber}, ${runs} challenges (Node ${process.version} WebCrypto)\n` +
        `  median ${result.medianMs} ms, mean ${result.meanMs} ms, p90 ${result.p90Ms} ms, slowest ${result.maxMs} ms\n`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
