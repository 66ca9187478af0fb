#!/usr/bin/env node
// Writes the reference tables of docs/widgets/<tag>.md (attributes, properties, events, slots,
// parts, custom states, CSS custom properties) from the elements' JSDoc, through the same
// analysis as custom-elements.json. Only the block between the two markers is generated; the
// prose around it is written by hand and kept. It also writes the HTTP API reference:
// docs/openapi.json, the document the collector serves at GET /v1/openapi.json, and
// docs/api-reference.md from it. `npm run docs` rewrites the pages;
// `node scripts/docs.mjs --check` exits 1 when one is out of date (test/unit/docs.test.ts runs
// the same check in `npm test`).
import { readFileSync, writeFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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

// ---- the HTTP API reference ----------------------------------------------------------------------

export const OPENAPI_FILE = resolve(root, 'docs/openapi.json');
export const API_REFERENCE_FILE = resolve(root, 'docs/api-reference.md');

/**
 * The collector's TypeScript source, loaded through Vite (plain Node cannot import it); the test
 * imports the source itself instead. Close the loader when done.
 */
export async function collectorLoader() {
  const { createServer } = await import('vite');
  const server = await createServer({
    configFile: false,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, watch: null },
    optimizeDeps: { noDiscovery: true },
  });
  const { openCollector } = await server.ssrLoadModule(resolve(root, 'src/collector/app.ts'));
  return { openCollector, close: () => server.close() };
}

/** The document exactly as a collector (on a scratch SQLite file) serves it at GET /v1/openapi.json. */
export async function openApiDocument(openCollector) {
  const dir = mkdtempSync(join(tmpdir(), 'buurtkit-docs-'));
  try {
    const { app } = await openCollector({ dbPath: join(dir, 'collector.sqlite') });
    try {
      const res = await app.inject({ method: 'GET', url: '/v1/openapi.json' });
      if (res.statusCode !== 200) throw new Error(`GET /v1/openapi.json answered ${res.statusCode}: ${res.body}`);
      return res.json();
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'options'];

/** A JSON Schema in a few words: its type, allowed values and bounds. */
function typeOf(schema) {
  if (!schema || typeof schema !== 'object') return '';
  if ('const' in schema) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.map(typeOf).join(' or ');
  if (schema.type === 'array') return `array of ${typeOf(schema.items) || 'any'}`;
  const bounds = [
    schema.minLength !== undefined && `≥ ${schema.minLength} chars`,
    schema.maxLength !== undefined && `≤ ${schema.maxLength} chars`,
    schema.minimum !== undefined && `≥ ${schema.minimum}`,
    schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER && `≤ ${schema.maximum}`,
    schema.minItems !== undefined && `≥ ${schema.minItems} items`,
    schema.maxItems !== undefined && `≤ ${schema.maxItems} items`,
    schema.format,
    schema.default !== undefined && `default ${JSON.stringify(schema.default)}`,
  ].filter(Boolean);
  const type = [schema.type ?? 'any'].flat().join(' | ');
  return bounds.length ? `${type} (${bounds.join(', ')})` : type;
}

/** An object schema's fields as table rows, nested objects and arrays of objects with dotted paths. */
function fieldRows(schema, prefix = '', depth = 0) {
  const properties = schema?.properties ?? {};
  const required = new Set(schema?.required ?? []);
  return Object.entries(properties).flatMap(([name, field]) => {
    const path = `${prefix}${name}`;
    const row = [code(path), cell(typeOf(field)), required.has(name) ? 'yes' : '', cell(field.description)];
    const inner = field.type === 'array' ? field.items : field;
    const nested = inner?.properties && depth < 3 ? fieldRows(inner, `${path}${field.type === 'array' ? '[]' : ''}.`, depth + 1) : [];
    return [row, ...nested];
  });
}

/** A table whose last column (the meaning) is left out when no row has one. */
const described = (head, rows) =>
  rows.some((r) => r.at(-1))
    ? table(head, rows)
    : table(
        head.slice(0, -1),
        rows.map((r) => r.slice(0, -1)),
      );

function bodyBlock(requestBody) {
  const [[mediaType, { schema } = {}] = []] = Object.entries(requestBody?.content ?? {});
  if (!mediaType) return [];
  const head = `**Body** (\`${mediaType}\`)`;
  if (!schema) return [head, ''];
  const options = schema.anyOf ?? [schema];
  return options.flatMap((option, n) => {
    const rows = fieldRows(option);
    const title = options.length > 1 ? `${head}, option ${n + 1} of ${options.length}` : head;
    return rows.length ? [title, '', ...described(['Field', 'Type', 'Required', 'Meaning'], rows)] : [title, '', cell(typeOf(option)), ''];
  });
}

/** The Markdown reference: a section per tag, an entry per operation with its parameters, body and answers. */
export function apiReference(doc) {
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] })),
  );
  const anchor = (text) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9 -]/g, '')
      .replace(/ /g, '-');
  const lines = [
    '# HTTP API reference',
    '',
    '<!-- Generated by `npm run docs` from docs/openapi.json, which the collector serves at GET /v1/openapi.json; edit the routes, not this -->',
    '',
    `${doc.info.summary} ${doc.info.description}`,
    '',
    'The same as an OpenAPI 3.1 document: [openapi.json](openapi.json), also served by every collector at `GET /v1/openapi.json`.',
    'Tokens, CORS and abuse protection in prose: [api.md](api.md).',
    '',
    "`{site}` in every path is the site's slug. Any answer may also be another error, always `{error, message}` JSON.",
    '',
    ...doc.tags.map((t) => `- [${t.name}](#${anchor(t.name)}): ${t.description}`),
    '',
  ];
  for (const tag of doc.tags) {
    const mine = operations.filter(({ op }) => op.tags[0] === tag.name);
    if (!mine.length) continue;
    lines.push(`## ${tag.name}`, '', tag.description, '');
    for (const { path, method, op } of mine) {
      const scopes = op.security?.[0]?.coordinatorToken;
      const access = scopes ? (scopes.length ? `token with scope \`${scopes[0]}\`` : 'any token of the site') : 'no token';
      const notes = (op.description ?? '').split('\n\n').filter((p) => !/^(Token scope:|Any valid token)/.test(p));
      // Every path has its site; the introduction says what it is.
      const parameters = (op.parameters ?? [])
        .filter((p) => p.name !== 'site')
        .map((p) => [code(p.name), p.in, cell(typeOf(p.schema)), p.required ? 'yes' : '', cell(p.description)]);
      const answers = Object.entries(op.responses)
        .filter(([status]) => status !== 'default')
        .map(([status, r]) => [status, cell(Object.keys(r.content ?? {}).join(', ')), cell(r.description)]);
      lines.push(
        `### \`${method.toUpperCase()} ${path}\``,
        '',
        `${op.summary}. Access: ${access}.`,
        '',
        // The description's first paragraph repeats the token's scope, which Access already says.
        ...(notes.length ? [notes.join(' '), ''] : []),
        ...(parameters.length ? ['**Parameters**', '', ...described(['Name', 'In', 'Type', 'Required', 'Meaning'], parameters)] : []),
        ...bodyBlock(op.requestBody),
        '**Answers**',
        '',
        ...table(['Status', 'Body', 'Meaning'], answers),
      );
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** docs/openapi.json and docs/api-reference.md, each with its current and its up-to-date text. */
export function apiFiles(doc) {
  const read = (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);
  return [
    { name: 'docs/openapi.json', path: OPENAPI_FILE, current: read(OPENAPI_FILE), wanted: `${JSON.stringify(doc, null, 2)}\n` },
    { name: 'docs/api-reference.md', path: API_REFERENCE_FILE, current: read(API_REFERENCE_FILE), wanted: apiReference(doc) },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const server = await collectorLoader();
  let api;
  try {
    api = apiFiles(await openApiDocument(server.openCollector));
  } finally {
    await server.close();
  }
  const widgetPages = pages(await analyze()).map((p) => ({ ...p, name: `docs/widgets/${p.tag}.md` }));
  const stale = [...widgetPages, ...api].filter((p) => p.current !== p.wanted);
  if (process.argv.includes('--check')) {
    for (const p of stale) console.error(`out of date: ${p.name}`);
    if (stale.length) console.error('Run `npm run docs` and commit the pages.');
    process.exit(stale.length ? 1 : 0);
  }
  mkdirSync(DOCS_DIR, { recursive: true });
  for (const p of stale) writeFileSync(p.path, p.wanted);
  console.log(stale.length ? `Wrote ${stale.map((p) => p.name).join(', ')}.` : 'docs/widgets and the API reference are up to date.');
}
