#!/usr/bin/env node
/**
 * One-off move of the collector store into one folder per part: each part's interface and its
 * SQLite and PostgreSQL implementations side by side (`store/ideas/{ideas,sqlite-ideas,
 * postgres-ideas,idea-merge}.ts`); the shared files (root stores, migrations, rows, batching,
 * projections, types) stay in `store/`.
 *
 * Written as a script rather than done by hand so that it can be replayed on a newer main, where
 * the store files may have changed meanwhile: it `git mv`s every file of the map that exists, then
 * rewrites every reference by resolving it against the old tree and recomputing it from both the
 * referrer's and the target's new place:
 *   - relative specifiers in quotes or markdown links (`from './x.js'`, `import('../store/x.js')`,
 *     `vi.mock(...)`, `[x](../src/...)`), in every tracked source and markdown file;
 *   - path mentions that name the store folder (`src/collector/store/sqlite-ideas.ts`,
 *     `dist/collector/store/sqlite.js`), in code, comments and docs;
 *   - bare file names in comments (`see postgres-batch.ts`) that name a file next to the
 *     referrer, so they keep pointing at it from the new folder.
 * Then it formats the files it touched with Prettier (a longer specifier may cross the line
 * width) and prints what it moved and changed, and which store files it left in `store/`.
 *
 * Usage: node scripts/refactor/store-folders.mjs [--dry-run]
 * It refuses to run on a dirty work tree or when a target already exists (a second run), so the
 * result can be reviewed and committed on its own.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const STORE = 'src/collector/store';
const PARTS = ['access', 'activities', 'audit', 'ideas', 'intakes', 'limits', 'polls', 'volunteer', 'webhooks'];
// Helpers that only one part uses travel with it.
const EXTRAS = { 'idea-merge': 'ideas', 'volunteer-common': 'volunteer' };

const dryRun = process.argv.includes('--dry-run');
const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });
const fail = (message) => {
  console.error(`store-folders: ${message}`);
  process.exit(1);
};

const tracked = new Set(git('ls-files', '-z').split('\0').filter(Boolean));

/**
 * old path → new path, repository-relative with forward slashes. A file of `store/` belongs to a
 * part when its name without the backend prefix is the part's name or starts with it and a dash
 * (`limits.ts`, `sqlite-limits.ts`, `volunteer-common.ts`), so a part's file that a newer main
 * added moves with it; EXTRAS name the others.
 */
function buildMap() {
  const map = new Map();
  const inStore = [...tracked].filter((p) => posix.dirname(p) === STORE && p.endsWith('.ts'));
  for (const path of inStore) {
    const name = posix.basename(path, '.ts');
    const bare = name.replace(/^(sqlite|postgres)-/, '');
    const part = EXTRAS[name] ?? PARTS.find((p) => bare === p || bare.startsWith(`${p}-`));
    if (part) map.set(path, `${STORE}/${part}/${name}.ts`);
  }
  return map;
}

const map = buildMap();

// Refuse a second run before touching anything.
if (!dryRun && git('status', '--porcelain').trim() !== '') fail('the work tree has uncommitted changes; commit or stash them first.');
const done = PARTS.filter((part) => existsSync(join(ROOT, STORE, part)));
if (done.length) fail(`already run? these part folders exist: ${done.map((part) => `${STORE}/${part}/`).join(', ')}`);
const absent = [...PARTS, ...Object.keys(EXTRAS)].filter((name) => !tracked.has(`${STORE}/${name}.ts`));
if (absent.length) console.log(`not in the repository, so not moved: ${absent.map((name) => `${STORE}/${name}.ts`).join(', ')}`);

const moved = (path) => map.get(path) ?? path;
const toPosix = (p) => p.split('\\').join('/');

/** The tracked file a relative reference from `dir` names, trying the TS source behind a `.js`. */
function resolve(dir, spec) {
  const base = posix.normalize(posix.join(dir, spec));
  const candidates = [base];
  if (base.endsWith('.js')) candidates.push(base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'));
  if (base.endsWith('.mjs')) candidates.push(base.replace(/\.mjs$/, '.mts'));
  if (!/\.[a-z]+$/.test(base)) candidates.push(`${base}.ts`, `${base}.js`, `${base}/index.ts`);
  return candidates.find((c) => tracked.has(c));
}

/** `spec` rewritten for a referrer now in `newDir`, spelled as before (`.js` for a `.ts` source, or none). */
function respell(spec, resolved, newDir) {
  const extension = /\.[a-z]+$/.exec(spec)?.[0] ?? '';
  let target = moved(resolved).replace(/\.[a-z]+$/, '');
  // An extensionless folder import ('../schema') stays one.
  if (!extension && !spec.endsWith('/index') && target.endsWith('/index')) target = posix.dirname(target);
  const rel = toPosix(relative(newDir, target));
  return (rel.startsWith('.') ? rel : `./${rel}`) + extension;
}

const SPEC = /(?<=['"`(])(\.\.?\/[^'"`()\s#?]+)/g;
// A path that names the store folder, not starting with ./ or ../ (those are specifiers, above).
const STORE_MENTION = /(?<![\w./-])((?:[\w.-]+\/)*store\/)([\w-]+)(\.d\.ts|\.ts|\.js)\b/g;
// A bare file name, as comments name a neighbour ("see postgres-batch.ts").
const BARE = /(?<![\w./-])([\w-]+\.ts)\b/g;

function rewrite(path, text) {
  const oldDir = posix.dirname(path);
  const newDir = posix.dirname(moved(path));
  const changes = [];
  const note = (from, to) => {
    if (from !== to) changes.push(`${from} → ${to}`);
    return to;
  };
  let out = text.replace(SPEC, (spec) => {
    const resolved = resolve(oldDir, spec);
    if (!resolved || (resolved === moved(resolved) && oldDir === newDir)) return spec;
    return note(spec, respell(spec, resolved, newDir));
  });
  out = out.replace(STORE_MENTION, (whole, prefix, name, ext) => {
    const source = `${STORE}/${name}.ts`;
    if (!map.has(source) || !(prefix === 'store/' || prefix.endsWith('collector/store/'))) return whole;
    const part = posix.basename(posix.dirname(map.get(source)));
    return note(whole, `${prefix}${part}/${name}${ext}`);
  });
  out = out.replace(BARE, (name) => {
    const neighbour = `${oldDir}/${name}`;
    if (!tracked.has(neighbour) || (neighbour === moved(neighbour) && oldDir === newDir)) return name;
    return note(name, toPosix(relative(newDir, moved(neighbour))));
  });
  return { out, changes };
}

const TEXT = /\.(ts|mts|cts|tsx|js|mjs|cjs|md|json)$/;
const SKIP = new Set(['package-lock.json']);
const edits = [];
for (const path of tracked) {
  if (!TEXT.test(path) || SKIP.has(path) || path.startsWith('scripts/refactor/')) continue;
  if (!existsSync(join(ROOT, path))) continue;
  const text = readFileSync(join(ROOT, path), 'utf8');
  const { out, changes } = rewrite(path, text);
  if (out !== text) edits.push({ path, to: moved(path), out, changes });
}

console.log(`${dryRun ? 'would move' : 'moving'} ${map.size} files:`);
for (const [from, to] of map) {
  console.log(`  ${from} → ${to}`);
  if (dryRun) continue;
  mkdirSync(join(ROOT, posix.dirname(to)), { recursive: true });
  git('mv', from, to);
}
console.log(`${dryRun ? 'would rewrite' : 'rewrote'} references in ${edits.length} files:`);
for (const { path, to, out, changes } of edits) {
  console.log(`  ${to}${to !== path ? ` (was ${path})` : ''}`);
  for (const change of [...new Set(changes)]) console.log(`    ${change}`);
  if (!dryRun) writeFileSync(join(ROOT, to), out);
}

const left = [...tracked].filter((p) => p.startsWith(`${STORE}/`) && !map.has(p));
console.log(`left in ${STORE}/ (shared): ${left.map((p) => posix.basename(p)).join(', ')}`);
const unplaced = left.filter((p) => PARTS.some((part) => posix.basename(p).includes(part)));
if (unplaced.length) console.log(`CHECK: these name a part but are not in the map: ${unplaced.join(', ')}`);

if (!dryRun && edits.length) {
  const formatted = [...new Set(edits.map((e) => e.to))].filter((p) => !p.endsWith('.json'));
  execFileSync('npx', ['prettier', '--write', '--log-level', 'warn', ...formatted], { cwd: ROOT, stdio: 'inherit' });
  console.log('formatted the rewritten files with prettier; review with `git status` and `git diff --cached -M`.');
}
