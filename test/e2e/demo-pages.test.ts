/**
 * The demo centre's page as a model to copy, in Dutch, English and Arabic: the real built bundle
 * in Chromium against the real collector. Each version reflows at 320 px (no sideways scrolling,
 * the menu included), speaks its language through the widgets, prints as a few A4 pages of what a
 * visitor takes home, and is well-formed HTML (its tags, and the tree Chromium's HTML parser builds).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, startDemo, type Demo } from './harness.js';

let demo: Demo;
let browser: Browser;

beforeAll(async () => {
  demo = await startDemo('demo-pages');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const PAGES = [
  { path: '/', file: 'demo/index.html', lang: 'nl', dir: 'ltr', heading: 'Wat is er te doen?' },
  { path: '/en/', file: 'demo/en/index.html', lang: 'en', dir: 'ltr', heading: "What's on?" },
  { path: '/ar/', file: 'demo/ar/index.html', lang: 'ar', dir: 'rtl', heading: 'ماذا يحدث هنا؟' },
] as const;

describe('demo pages', () => {
  for (const p of PAGES) {
    it(`${p.path}: reflows at 320 px without sideways scrolling, in ${p.lang}`, async () => {
      const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
      const page = await context.newPage();
      await page.goto(`${demo.siteUrl}${p.path}`);
      // Wait for the widgets' real content: the calendar in the page's language, the idea form.
      await page.locator('activity-calendar [part~="heading"]', { hasText: p.heading }).waitFor();
      await page.locator('activity-calendar [part~="event"]').first().waitFor();
      await page.locator('idea-box textarea').waitFor();
      await page.locator('volunteer-signup [part~="heading"]').waitFor();
      expect(await page.evaluate(() => [document.documentElement.lang, getComputedStyle(document.body).direction])).toEqual([
        p.lang,
        p.dir,
      ]);
      const base = page.locator('idea-box [part~="base"]');
      expect(await base.getAttribute('dir')).toBe(p.dir);
      const sizes = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        viewport: document.documentElement.clientWidth,
        nav: document.querySelector('nav')!.getBoundingClientRect().width,
        wide: [...document.querySelectorAll('body *')]
          .filter((e) => {
            const r = e.getBoundingClientRect();
            return r.width > 0 && (r.right > document.documentElement.clientWidth + 1 || r.left < -1);
          })
          .map((e) => e.localName + (e.id ? `#${e.id}` : '') + (e.className && typeof e.className === 'string' ? `.${e.className}` : '')),
      }));
      expect(sizes.wide).toEqual([]);
      expect(sizes.page).toBeLessThanOrEqual(sizes.viewport);
      expect(sizes.nav).toBeLessThanOrEqual(320);
      // Focusing the skip link brings it on screen, still without sideways scrolling.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      await context.close();
    });
  }

  it('/ar/: the poll, a volunteer role and an activity in Arabic, none of them in Dutch', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${demo.siteUrl}/ar/`);
    // The one-tap poll: its built-in question in Arabic.
    await page.locator('feedback-poll legend', { hasText: 'هل شعرت بالترحيب؟' }).first().waitFor();
    // A volunteer role: its card (name and what you do) and its shifts' checkboxes.
    const card = page.locator('volunteer-signup [part="role"]', { hasText: 'مضيف أو مضيفة اليوم' });
    await card.waitFor();
    expect(await card.textContent()).toContain('ترحّب بالناس وتُعدّ القهوة');
    expect(await card.locator('[lang="nl"]').count()).toBe(0);
    await page.locator('volunteer-signup label', { hasText: 'مضيف أو مضيفة اليوم' }).first().waitFor();
    // An activity in the calendar, in Arabic and not marked as Dutch.
    const event = page
      .locator('activity-calendar [part~="event"]', {
        hasText: /نطبخ معًا|أعمال فنية|حديث غرفة الجلوس|مشروع غرفة الجلوس|لقاء للأهل والأصدقاء|ساعة استشارة/,
      })
      .first();
    await event.waitFor();
    expect(await event.locator('.event-title [lang]').count(), 'the title is not marked as Dutch').toBe(0);
    // Only a room's name (rooms have no translations) stays Dutch, marked so.
    for (const dutch of await event.locator('[lang="nl"]').allTextContents()) expect(['Keuken', 'Grote zaal']).toContain(dutch);
    console.log(
      `Arabic demo page: poll "هل شعرت بالترحيب؟", role card "${(await card.locator('h3, h4, strong').first().textContent())?.trim()}", activity "${(await event.textContent())?.trim().replace(/\s+/g, ' ').slice(0, 80)}"`,
    );
    await context.close();
  });

  it('prints as a few A4 pages: opening times, the programme and the address, no forms', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${demo.siteUrl}/`);
    await page.locator('activity-calendar [part~="event"]').first().waitFor();
    await page.locator('idea-box textarea').waitFor();
    await page.emulateMedia({ media: 'print' });
    const hidden = await page.evaluate(() =>
      ['idea-box', 'welcome-intake', 'volunteer-signup', 'feedback-poll', 'nav'].map(
        (s) => document.querySelector(s)!.getBoundingClientRect().height,
      ),
    );
    expect(hidden).toEqual([0, 0, 0, 0, 0]);
    expect(await page.locator('activity-calendar').boundingBox()).not.toBeNull();
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
    console.log(`demo page printed on ${pages} A4 pages`);
    expect(pages).toBeGreaterThan(0);
    expect(pages).toBeLessThanOrEqual(4);
    await context.close();
  });

  for (const p of PAGES) {
    it(`${p.file} is well-formed: every section closed where it should be, one language set`, async () => {
      const source = readFileSync(p.file, 'utf8');
      // The parser repairs what the source gets wrong, so compare the source's own tags first.
      for (const tag of ['section', 'div', 'ul', 'nav', 'header', 'main', 'footer', 'buurtkit-config', 'p']) {
        const open = (source.match(new RegExp(`<${tag}[\\s>]`, 'g')) ?? []).length;
        const close = (source.match(new RegExp(`</${tag}>`, 'g')) ?? []).length;
        expect(close, `<${tag}>`).toBe(open);
      }
      const page = await browser.newPage();
      const tree = await page.evaluate((html) => {
        const doc = new DOMParser().parseFromString(html, 'text/html');
        const ids = [...doc.querySelectorAll('[id]')].map((e) => e.id);
        return {
          nested: [...doc.querySelectorAll('section section')].map((e) => e.id),
          lang: doc.documentElement.lang,
          dir: doc.documentElement.dir,
          duplicateIds: ids.filter((id, i) => ids.indexOf(id) !== i),
          sections: [...doc.querySelectorAll('section[id]')].map((e) => e.id),
        };
      }, source);
      await page.close();
      expect(tree.nested).toEqual([]);
      expect(tree.duplicateIds).toEqual([]);
      expect(tree.sections.length).toBeGreaterThanOrEqual(6);
      expect(tree.lang).toBe(p.lang);
      if (p.dir === 'rtl') expect(tree.dir).toBe('rtl');
    });
  }
});
