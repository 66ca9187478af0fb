/**
 * Package hygiene, checked against the build (`npm test` builds first): every `exports` target
 * exists, define modules are the only side-effect modules, and custom-elements.json describes the
 * elements an editor or Storybook will show.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Every file under dist/, as `./dist/…` paths. */
function builtFiles(dir = join(root, 'dist'), prefix = './dist'): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? builtFiles(join(dir, d.name), `${prefix}/${d.name}`) : [`${prefix}/${d.name}`],
  );
}

/** Files an exports target matches; every `*` stands for the same text, as in Node's resolution. */
function matches(target: string, files: string[]): string[] {
  if (!target.includes('*')) return existsSync(join(root, target)) ? [target] : [];
  const parts = target.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`^${parts[0]}(.+?)${parts.slice(1).join('\\1')}$`);
  return files.filter((f) => pattern.test(f));
}

describe('package.json', () => {
  it('is an ESM package for Node >= 20.19 under the MIT licence', () => {
    expect(pkg.name).toBe('buurtkit');
    expect(pkg.type).toBe('module');
    expect(pkg.engines.node).toBe('>=20.19');
    expect(pkg.license).toBe('MIT');
    expect(existsSync(join(root, 'LICENSE'))).toBe(true);
  });

  it('points every export at a built file', () => {
    expect(existsSync(join(root, 'dist')), 'run `npm run build` first').toBe(true);
    const files = builtFiles();
    const missing: string[] = [];
    for (const [key, value] of Object.entries<string | Record<string, string>>(pkg.exports)) {
      for (const target of typeof value === 'string' ? [value] : Object.values(value)) {
        if (matches(target, files).length === 0) missing.push(`${key} → ${target}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has a class module and a define module for each widget', () => {
    for (const widget of ['idea-box', 'activity-calendar']) {
      expect(pkg.exports[`./${widget}.js`]).toBeDefined();
      expect(pkg.exports[`./define/${widget}.js`]).toBeDefined();
    }
    expect(pkg.exports['./schema']).toBeDefined();
    expect(pkg.exports['./collector']).toBeDefined();
  });

  it('names only define modules, locale tables and the CDN bundle as side effects', () => {
    for (const entry of pkg.sideEffects as string[]) {
      expect(entry).toMatch(/\/(define|cdn)\/|\/locales\//);
    }
  });

  it('has a bin for the collector CLI', () => {
    expect(existsSync(join(root, pkg.bin['buurtkit-collector']))).toBe(true);
  });
});

describe('custom-elements.json', () => {
  const manifest = JSON.parse(readFileSync(join(root, pkg.customElements), 'utf8'));
  const declarations = manifest.modules.flatMap((m: { declarations?: unknown[] }) => m.declarations ?? []) as Array<{
    tagName?: string;
    attributes?: Array<{ name: string }>;
    events?: Array<{ name: string }>;
    cssParts?: Array<{ name: string }>;
    cssProperties?: Array<{ name: string }>;
  }>;

  it('describes <idea-box> with its inherited attributes, events, parts and custom properties', () => {
    const box = declarations.find((d) => d.tagName === 'idea-box');
    expect(box).toBeDefined();
    const names = (list?: Array<{ name: string }>) => (list ?? []).map((x) => x.name);
    expect(names(box!.attributes)).toEqual(expect.arrayContaining(['endpoint', 'site', 'categories', 'hide-list', 'list-limit']));
    expect(names(box!.events)).toEqual(expect.arrayContaining(['bk-submit', 'bk-sent', 'bk-queued', 'bk-error']));
    expect(names(box!.cssParts)).toEqual(expect.arrayContaining(['form', 'submit', 'status', 'idea', 'vote-button']));
    expect(names(box!.cssProperties)).toEqual(expect.arrayContaining(['--bk-color-accent', '--bk-idea-box-max-width']));
  });

  it('documents every part a widget renders, so an embedder can find each one', () => {
    // Every literal `part="…"` name in a widget's folder (its lazy parts included) must be a
    // @csspart of that element; names set through expressions are not seen here.
    const widgets = join(root, 'src/widgets');
    for (const tag of readdirSync(widgets)) {
      const documented = new Set((declarations.find((d) => d.tagName === tag)?.cssParts ?? []).map((p) => p.name));
      const rendered = new Set(
        (readdirSync(join(widgets, tag), { recursive: true }) as string[])
          .filter((f) => f.endsWith('.ts'))
          .flatMap((f) => [...readFileSync(join(widgets, tag, f), 'utf8').matchAll(/\bpart="([^"$]+)"/g)])
          .flatMap((m) => m[1]!.trim().split(/\s+/)),
      );
      expect(rendered.size, tag).toBeGreaterThan(0);
      expect(
        [...rendered].filter((name) => !documented.has(name)),
        `undocumented parts of <${tag}>`,
      ).toEqual([]);
    }
  });

  it('describes <buurtkit-config>', () => {
    expect(declarations.some((d) => d.tagName === 'buurtkit-config')).toBe(true);
  });
});
