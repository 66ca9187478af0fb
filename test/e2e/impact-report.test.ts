/**
 * The impact report in Chromium: rendered under its own CSP (no violations), printed to an A4 PDF
 * whose text holds the figures, and the page has no axe violations.
 */
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE, startTestCollector, type TestCollector } from '../collector/helpers.js';
import { seedReportData } from '../collector/poll-helpers.js';
import { launchChromium } from './harness.js';
import { pdfText } from './pdf-text.js';

let nowMs = Date.parse('2026-03-01T00:00:00Z');
let c: TestCollector;
let token: string;
let browser: Browser;

beforeAll(async () => {
  c = await startTestCollector({ clock: () => nowMs });
  token = await c.token(['read', 'moderate']);
  await seedReportData(c, token, (iso) => (nowMs = Date.parse(iso)));
  nowMs = Date.parse('2026-04-15T12:00:00Z');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await c?.close();
});

describe('impact report in Chromium', () => {
  it('renders under its CSP and prints to an A4 PDF that has the figures as text', async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const answer = await page.goto(`${c.url}/v1/admin/sites/${SITE}/report?from=2026-03-01&to=2026-03-31`);
    expect(answer!.status()).toBe(200);
    // The hashed <style> applied: headings got the stylesheet's border.
    const border = await page
      .locator('h2')
      .first()
      .evaluate((h) => getComputedStyle(h).borderBottomStyle);
    expect(border).toBe('solid');
    expect(violations).toEqual([]);
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThan(5);

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdfText(Buffer.from(pdf));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const text = pages.join(' ');
    const squeezed = text.replace(/\s+/g, '');
    for (const figure of [
      '66,7%',
      '+16,7procentpunt',
      'n=6',
      'ImpactrapportBuurthuiskamerDeLinde',
      'Koffieochtend',
      'VrijwilligersNoggeengegevens.',
    ]) {
      expect(squeezed, figure).toContain(figure);
    }
    // The four duidingsvragen, on a page of their own (print stylesheet: break before).
    const last = pages.findIndex((p) => p.replace(/\s+/g, '').includes('Herkenjedecijfersindepraktijk?'));
    expect(last).toBeGreaterThan(0);
    expect(pages[last - 1]!.replace(/\s+/g, '')).not.toContain('Herkenjedecijfers');
    for (const q of ['Kunnenwezeverklaren?', 'Watvindenweervan?', 'Watbetekentdatvoordetoekomst?'])
      expect(pages[last]!.replace(/\s+/g, '')).toContain(q);
    await context.close();
  });

  it('has no axe violations (WCAG 2.2 AA)', async () => {
    // bypassCSP only so the test can inject axe; the page itself runs no script.
    const context = await browser.newContext({ bypassCSP: true, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    const page = await context.newPage();
    await page.goto(`${c.url}/v1/admin/sites/${SITE}/report?from=2026-03-01&to=2026-03-31`);
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (o: object) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
      const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } });
      return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(violations).toEqual([]);
    await context.close();
  });
});
