/**
 * The CDN build's shape (`vite build --mode cdn`, not written to disk): the loader file carries
 * every widget's first render and imports nothing, so a page has a widget's code after two round
 * trips; the parts loaded later stay in chunks of their own.
 */
import { resolve } from 'node:path';
import { build, type Rolldown } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const WIDGETS = ['idea-box', 'activity-calendar', 'feedback-poll', 'welcome-intake', 'volunteer-signup', 'host-today'];
/** Parts a widget loads only when needed. */
const LAZY = [
  'src/widgets/idea-box/idea-sending-part.ts',
  'src/widgets/idea-box/idea-list.ts',
  'src/widgets/feedback-poll/poll-sending-part.ts',
  'src/widgets/activity-calendar/detail.ts',
  'src/widgets/activity-calendar/periods.ts',
  'src/activities/ics-import.ts',
  'src/core/outbox-delivery.ts',
  'src/widgets/idea-box/locales/en.ts',
];

let chunks: Rolldown.OutputChunk[];
let loader: Rolldown.OutputChunk;
const moduleIds = (c: Rolldown.OutputChunk) => Object.keys(c.modules).map((id) => id.replace(`${root}/`, ''));

describe('the CDN build', () => {
  beforeAll(async () => {
    const result = await build({
      root,
      configFile: resolve(root, 'vite.config.ts'),
      mode: 'cdn',
      logLevel: 'silent',
      build: { write: false },
    });
    const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
    chunks = outputs.flatMap((r) => r.output).filter((o): o is Rolldown.OutputChunk => o.type === 'chunk');
    loader = chunks.find((c) => c.fileName === 'buurtkit.js')!;
  }, 60_000);

  it('writes buurtkit.js as the only entry, with no static import (nothing to fetch before a first render)', () => {
    expect(loader).toBeDefined();
    expect(chunks.filter((c) => c.isEntry).map((c) => c.fileName)).toEqual(['buurtkit.js']);
    expect(loader.imports).toEqual([]);
    expect(loader.code).not.toMatch(/(^|[;\n])\s*import\s*[{\w*]/);
    expect(chunks.some((c) => c.fileName.includes('facade'))).toBe(false);
  });

  it('carries every widget and the provider, class and define module, in the loader', () => {
    const ids = moduleIds(loader);
    for (const tag of WIDGETS) {
      expect(ids).toContain(`src/widgets/${tag}/${tag}.ts`);
      expect(ids).toContain(`src/define/${tag}.ts`);
    }
    expect(ids).toContain('src/define/buurtkit-config.ts');
    expect(ids.some((id) => id.includes('node_modules/lit-html/'))).toBe(true);
  });

  it('keeps the parts loaded later out of the loader, in chunks/', () => {
    const ids = moduleIds(loader);
    for (const part of LAZY) {
      expect(ids, part).not.toContain(part);
      expect(
        chunks.some((c) => c.fileName.startsWith('chunks/') && moduleIds(c).includes(part)),
        part,
      ).toBe(true);
    }
  });

  it('has the runtime helpers inlined and ends with a call of the loader module init function', () => {
    expect(loader.code).toMatch(/^const __bkRuntime=/);
    expect(loader.code.trimEnd()).toMatch(/\n[\w$]+\(\);(\n\/\/# sourceMappingURL=\S+)?$/);
  });
});
