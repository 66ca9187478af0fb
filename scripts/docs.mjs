#!/usr/bin/env node
// Writes the reference tables of docs/widgets/<tag>.md (attributes, properties, events, slots,
// parts, custom states, CSS custom properties) from the elements' JSDoc, through the same
// analysis as custom-elements.json. Only the block between the two markers is generated; the
// prose around it is written by hand and kept. `npm run docs` rewrites the pages;
// `node scripts/docs.mjs --check` exits 1 when one is out of date (test/unit/docs.test.ts runs
// the same check in `npm test`).
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
export const DOCS_DIR = resolve(root, 'docs/widgets');
export const BEGIN = '<!-- BEGIN GENERATED: `npm run docs` writes this block from the JSDoc in the source; edit the source, not this -->';
export const END = '<!-- END GENERATED -->';

/** The manifest, analysed afresh from the source (custom-elements.json may be stale or absent). */
export async function analyze() {
  const { cli } = await import('@custom-elements-manifest/analyzer/cli.js');
  return cli({
    argv: ['analyze', '--config', resolve(root, 'custom-elements-manifest.config.mjs'), '--quiet'],
    cwd: root,
    noWrite: true,
  });
}

/** Attributes that every element has from HTML itself, which the JSDoc does not describe. */
const HTML_ATTRIBUTES = {
  lang: 'The language (otherwise the nearest `lang` attribute, then `<html lang>`, then `nl`).',
  dir: 'Text direction; follows the language (Arabic → `rtl`) unless set.',
};

const cell = (text) =>
  (text ?? '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
const code = (text) => (text ? `\`${cell(text)}\`` : '');
const table = (head, rows) =>
  rows.length === 0
    ? []
    : [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`), ''];

/** Every element declaration with a tag, sorted by tag. */
export function elements(manifest) {
  return manifest.modules
    .flatMap((m) => (m.declarations ?? []).map((d) => ({ ...d, module: m.path })))
    .filter((d) => d.tagName)
    .sort((a, b) => a.tagName.localeCompare(b.tagName));
}

/** The generated block (markers included) for one element. */
export function reference(el) {
  const fields = (el.members ?? []).filter((m) => m.kind === 'field' && !m.static && m.privacy !== 'private' && m.privacy !== 'protected');
  const byAttribute = new Map(fields.filter((f) => f.attribute).map((f) => [f.attribute, f]));
  const attributes = (el.attributes ?? []).map((a) => {
    const field = byAttribute.get(a.name) ?? {};
    const description = a.description || field.description || HTML_ATTRIBUTES[a.name] || '';
    return [code(a.name), code(a.fieldName), code(a.type?.text ?? field.type?.text), code(a.default ?? field.default), cell(description)];
  });
  // Properties a page sets from script only; undocumented fields are internal state.
  const properties = fields
    .filter((f) => !f.attribute && f.description)
    .map((f) => [code(f.name), code(f.type?.text), cell(`${f.readonly ? '(read-only) ' : ''}${f.description}`)]);
  // The analyser also lists event objects it could not name (`reason`, `configContext`): only
  // the documented `@event`s are the element's events.
  const events = (el.events ?? []).filter((e) => e.description).map((e) => [code(e.name), cell(e.description)]);
  const named = (list) => (list ?? []).map((x) => [code(x.name || '(default)'), cell(x.description)]);
  const lines = [
    BEGIN,
    '',
    `Class \`${el.name}\` in \`${el.module}\`; tag \`<${el.tagName}>\`.`,
    '',
    ...(attributes.length ? ['### Attributes', '', ...table(['Attribute', 'Property', 'Type', 'Default', 'Meaning'], attributes)] : []),
    ...(properties.length ? ['### Properties (script only)', '', ...table(['Property', 'Type', 'Meaning'], properties)] : []),
    ...(events.length ? ['### Events', '', ...table(['Event', 'When, and what it carries'], events)] : []),
    ...(el.slots?.length ? ['### Slots', '', ...table(['Slot', 'Content'], named(el.slots))] : []),
    ...(el.cssParts?.length ? [`### Parts (\`${el.tagName}::part(…)\`)`, '', ...table(['Part', 'What it is'], named(el.cssParts))] : []),
    ...(el.cssStates?.length
      ? [`### Custom states (\`${el.tagName}:state(…)\`)`, '', ...table(['State', 'When'], named(el.cssStates))]
      : []),
    ...(el.cssProperties?.length ? ['### CSS custom properties', '', ...table(['Property', 'Meaning'], named(el.cssProperties))] : []),
    END,
  ];
  return lines.join('\n');
}

/** The page with its generated block replaced (or a new page around it). */
export function updatePage(existing, el) {
  const block = reference(el);
  if (existing === undefined) return `# \`<${el.tagName}>\`\n\n${cell(el.summary || el.description)}\n\n## Reference\n\n${block}\n`;
  const start = existing.indexOf(BEGIN);
  const end = existing.indexOf(END);
  if (start < 0 || end < start) return `${existing.trimEnd()}\n\n## Reference\n\n${block}\n`;
  return existing.slice(0, start) + block + existing.slice(end + END.length);
}

/** Each element's page path with its current and its up-to-date text. */
export function pages(manifest) {
  return elements(manifest).map((el) => {
    const path = resolve(DOCS_DIR, `${el.tagName}.md`);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    return { tag: el.tagName, path, current, wanted: updatePage(current, el) };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const stale = pages(await analyze()).filter((p) => p.current !== p.wanted);
  if (process.argv.includes('--check')) {
    for (const p of stale) console.error(`out of date: docs/widgets/${p.tag}.md`);
    if (stale.length) console.error('Run `npm run docs` and commit the pages.');
    process.exit(stale.length ? 1 : 0);
  }
  mkdirSync(DOCS_DIR, { recursive: true });
  for (const p of stale) writeFileSync(p.path, p.wanted);
  console.log(stale.length ? `Wrote ${stale.map((p) => `docs/widgets/${p.tag}.md`).join(', ')}.` : 'docs/widgets is up to date.');
}
