/**
 * The reference tables of docs/widgets/<tag>.md are generated from the elements' JSDoc by
 * scripts/docs.mjs. This fails when a page is out of date (an attribute, event, part, state or
 * custom property added, changed or removed without `npm run docs`), or when a page is missing.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyze, apiFiles, openApiDocument, pages, BEGIN, END, DOCS_DIR } from '../../scripts/docs.mjs';
import { openCollector } from '../../src/collector/app.js';

describe('docs/widgets', () => {
  it('has an up-to-date page per element, and none for an element that is gone', { timeout: 60_000 }, async () => {
    const list = pages(await analyze());
    expect(list.map((p) => p.tag)).toEqual(
      expect.arrayContaining([
        'activity-calendar',
        'buurtkit-config',
        'feedback-poll',
        'host-today',
        'idea-box',
        'volunteer-signup',
        'welcome-intake',
      ]),
    );
    for (const page of list) {
      expect(page.current, `docs/widgets/${page.tag}.md is missing: run npm run docs`).toBeDefined();
      expect(page.current, `docs/widgets/${page.tag}.md is out of date: run npm run docs`).toBe(page.wanted);
      expect(page.current!.indexOf(BEGIN)).toBeGreaterThan(0);
      expect(page.current!.indexOf(END)).toBeGreaterThan(page.current!.indexOf(BEGIN));
    }
    const files = readdirSync(resolve(DOCS_DIR)).filter((f) => f.endsWith('.md'));
    expect(files.sort()).toEqual(list.map((p) => `${p.tag}.md`).sort());
  });
});

describe('the HTTP API reference', () => {
  it('docs/openapi.json is what the collector serves, and docs/api-reference.md is made from it', { timeout: 60_000 }, async () => {
    const files = apiFiles(await openApiDocument(openCollector));
    expect(files.map((f) => f.name)).toEqual(['docs/openapi.json', 'docs/api-reference.md']);
    for (const file of files) {
      expect(file.current, `${file.name} is missing: run npm run docs`).toBeDefined();
      // Compared as a whole: a diff of half a megabyte of JSON would help no one.
      expect(file.current === file.wanted, `${file.name} is out of date: run npm run docs`).toBe(true);
    }
  });

  it('is linked from docs/api.md', () => {
    const page = readFileSync(resolve('docs/api.md'), 'utf8');
    expect(page).toContain('(api-reference.md)');
    expect(page).toContain('(openapi.json)');
  });
});

describe('docs for operators', () => {
  it('name only command-line flags the collector has', () => {
    // Options are declared as `name: { type: 'string' | 'boolean' }` for node:util parseArgs.
    const source = readdirSync(resolve('src/collector'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(resolve('src/collector', f), 'utf8'))
      .join('\n');
    const flags = new Set([...source.matchAll(/^\s+'?([a-z][a-z-]*)'?: \{ type: '(?:string|boolean)'/gm)].map((m) => `--${m[1]}`));
    expect(flags.size).toBeGreaterThan(20);
    // Other programs' flags: certbot's in the TLS example, bench/collector.mjs's for measuring.
    const elsewhere = new Set(['--nginx', '--only', '--instances']);
    for (const page of ['operators.md', 'privacy.md', 'webhooks.md', 'api.md', 'coordinator-page.md']) {
      const text = readFileSync(resolve('docs', page), 'utf8');
      const named = [...text.matchAll(/(?:^|[\s`(])(--[a-z][a-z-]+)/g)].map((m) => m[1]!).filter((f) => !f.startsWith('--bk-'));
      for (const flag of named) if (!elsewhere.has(flag)) expect(flags, `docs/${page} names ${flag}`).toContain(flag);
    }
  });
});

describe('docs/coordinatoren.md pictures', () => {
  it('shows every screenshot the script takes, and every picture it shows exists', async () => {
    // @ts-expect-error plain JS module without types
    const { SCREENSHOTS, SCREENSHOT_DIR } = (await import('../../scripts/screenshots.mjs')) as {
      SCREENSHOTS: { file: string }[];
      SCREENSHOT_DIR: string;
    };
    const root = resolve(import.meta.dirname, '../..');
    const guide = readFileSync(resolve(root, 'docs/coordinatoren.md'), 'utf8');
    const shown = [...guide.matchAll(/!\[([^\]]*)\]\(([^)]+)\)/g)].map((m) => ({ alt: m[1]!, src: m[2]! }));
    expect(shown.map((s) => s.src).sort()).toEqual(SCREENSHOTS.map((s) => `img/coordinatoren/${s.file}`).sort());
    const files = readdirSync(resolve(root, SCREENSHOT_DIR));
    for (const { alt, src } of shown) {
      expect(files, `${src} is missing: run npm run docs:screenshots`).toContain(src.split('/').pop());
      expect(alt.length, `${src} needs a text for readers who don't see it`).toBeGreaterThan(20);
    }
  });
});
