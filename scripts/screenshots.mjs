#!/usr/bin/env node
// `npm run docs:screenshots`: the pictures in the coordinators' guide (docs/coordinatoren.md),
// taken from the demo: the real coordinator page of a real collector with the demo centre's sample
// data, in Debian's Chromium. Run it after a change to the coordinator page (needs `npm run build`);
// the images land in docs/img/coordinatoren/. The guide and this list are checked against each
// other in test/unit/docs.test.ts, so a picture can't go missing or go stale in name.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
export const SCREENSHOT_DIR = 'docs/img/coordinatoren';

/**
 * Each picture: its file name, the coordinator page's section to open (`data-view` of its menu
 * button; none for the sign-in screen), and what to wait for before taking it.
 */
export const SCREENSHOTS = [
  { file: 'inloggen.png', view: null, ready: 'bk-admin-sign-in #token' },
  { file: 'binnengekomen.png', view: 'inbox', ready: 'bk-admin-inbox li button[data-id]' },
  { file: 'idee-beoordelen.png', view: 'inbox', open: 'bk-admin-inbox li button[data-id]', ready: 'bk-admin-moderation #published' },
  { file: 'huiskamergesprek.png', view: 'house-meeting', ready: 'bk-admin-house-meeting' },
  { file: 'agenda.png', view: 'calendar', ready: 'bk-admin-calendar' },
  { file: 'peilingen.png', view: 'polls', ready: 'bk-admin-polls' },
  { file: 'welkomstvragen.png', view: 'intake', ready: 'bk-admin-intake-flow' },
  { file: 'vrijwilligers.png', view: 'volunteers', ready: 'bk-admin-volunteers' },
  { file: 'resultaten.png', view: 'results', ready: 'bk-admin-results' },
  { file: 'downloaden.png', view: 'exports', ready: 'bk-admin-exports' },
  { file: 'privacy.png', view: 'privacy', ready: 'bk-admin-privacy' },
];

async function main() {
  const { chromium } = await import('playwright-core');
  const { startDemo } = await import('./demo.mjs');
  const dataDir = mkdtempSync(join(tmpdir(), 'buurtkit-screenshots-'));
  const demo = await startDemo({ dataDir, collectorPort: 0, sitePort: 0 });
  const { CHROMIUM_ARGS, CHROMIUM_PATH } = await import('./chromium.mjs');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const out = join(root, SCREENSHOT_DIR);
  mkdirSync(out, { recursive: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1024, height: 720 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    await page.goto(`${demo.collectorUrl}/admin/`);
    for (const shot of SCREENSHOTS) {
      if (shot.view) {
        if (!(await page.locator('nav button[data-view]').count())) {
          await page.locator('bk-admin-sign-in #token').fill(demo.token);
          await page.locator('bk-admin-sign-in #site').fill(demo.site);
          await page.keyboard.press('Enter');
        }
        await page.locator(`nav button[data-view="${shot.view}"]`).click();
        if (shot.open) await page.locator(shot.open).first().click();
      }
      await page.locator(shot.ready).first().waitFor({ timeout: 15_000 });
      // Fonts and the last data in, and no caret blinking in the picture.
      await page.evaluate(() => document.fonts.ready);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(out, shot.file), caret: 'hide', animations: 'disabled' });
      console.log(`${SCREENSHOT_DIR}/${shot.file}`);
    }
  } finally {
    await browser.close();
    await demo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
