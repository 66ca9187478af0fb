import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../scripts/chromium.mjs';

// Chromium reads only the last `--disable-features`; ours replaces Playwright's, so it must carry
// every feature Playwright disables (read from the installed playwright-core) besides our own.
describe('Chromium flags', () => {
  it("disable every feature Playwright's own launch flags disable", () => {
    const bundle = readFileSync(new URL('../../node_modules/playwright-core/lib/coreBundle.js', import.meta.url), 'utf8');
    const list = /disabledFeatures = \[([\s\S]*?)\]/.exec(bundle)?.[1];
    expect(list, "Playwright's list of disabled features").toBeDefined();
    const theirs = [...list!.matchAll(/^\s*"([A-Za-z]+)"/gm)].map((m) => m[1]!);
    expect(theirs.length).toBeGreaterThan(5);
    const ours = CHROMIUM_ARGS.filter((a) => a.startsWith('--disable-features='));
    expect(ours).toHaveLength(1);
    const disabled = new Set(ours[0]!.slice('--disable-features='.length).split(','));
    expect(theirs.filter((f) => !disabled.has(f))).toEqual([]);
    expect(disabled.has('WebUIOmniboxPopup')).toBe(true);
  });
});
