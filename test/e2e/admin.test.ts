/**
 * End to end on the coordinator page: the built page (dist/admin) served by the demo's collector
 * at /admin, same origin as the API, in Debian's Chromium under the page's strict CSP. A
 * coordinator's morning: sign in with the demo token, find a visitor's new idea, publish it with a
 * status and a public answer, see it on the centre's page, and download the ideas as CSV.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { REPORT_STYLE_HASH } from '../../src/collector/polls/report-html.js';
import { launchChromium, startDemo, type Demo } from './harness.js';

interface AdminIdea {
  id: string;
  text: string;
  published: boolean;
  status: string;
  publicAnswer: string | null;
  handledBy: string | null;
}

let demo: Demo;
let browser: Browser;

async function adminIdeas(): Promise<AdminIdea[]> {
  const res = await fetch(`${demo.collectorUrl}/v1/admin/sites/${demo.site}/ideas`, {
    headers: { authorization: `Bearer ${demo.token}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { ideas: AdminIdea[] }).ideas;
}

/** Collects CSP violations, page errors and console errors, and every request's origin. */
async function watch(page: Page) {
  const problems: string[] = [];
  const origins = new Set<string>();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // The scope probes are answered 422 by design (rejected after the scope check); Chromium logs them.
    if (m.type() === 'error' && !/status of 422/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.protocol.startsWith('http')) origins.add(url.origin);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const w = window as unknown as { cspViolations?: string[] };
      (w.cspViolations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return {
    problems,
    origins,
    violations: () => page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []),
  };
}

beforeAll(async () => {
  demo = await startDemo('admin');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

describe('coordinator page', () => {
  it('is served by the collector with a strict CSP and safe headers', async () => {
    const res = await fetch(`${demo.collectorUrl}/admin/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toBe(
      // The one hashed exception is the impact report's style (opened as a blob: document).
      `default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' '${REPORT_STYLE_HASH}'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`,
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    // One module script, no inline script or style.
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html).toMatch(/<script type="module" crossorigin src="\/admin\/assets\/[^"]+\.js"><\/script>/);
    expect(html).not.toMatch(/<style|style=/);
    expect((await fetch(`${demo.collectorUrl}/admin/../package.json`)).status).toBe(404);
  });

  it("a coordinator's morning: sign in, publish a new idea with an answer, check the site, export CSV", async () => {
    // A visitor sends an idea from the centre's page.
    const text = `Een repair-café op zaterdag ${Date.now()}`;
    const visitor = await browser.newContext();
    const centre = await visitor.newPage();
    await centre.goto(`${demo.siteUrl}/`);
    await centre.locator('idea-box textarea').fill(text);
    await centre.locator('idea-box [part~="submit"]').click();
    await expect.poll(async () => (await adminIdeas()).some((i) => i.text === text), { timeout: 30_000 }).toBe(true);

    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const seen = await watch(page);
    await page.goto(`${demo.collectorUrl}/admin/`);

    // Sign in, keyboard only.
    await page.locator('bk-admin-sign-in #token').fill(demo.token);
    await page.locator('bk-admin-sign-in #site').fill(demo.site);
    await page.keyboard.press('Enter');
    const inbox = page.locator('bk-admin-inbox');
    const total = (await adminIdeas()).length;
    await expect.poll(() => inbox.locator('.count').innerText()).toBe(`${total} ideeën`);
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual(['buurtkit-admin-session']);
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);

    // Newest first: the new idea is on top; the search finds it.
    await expect.poll(() => inbox.locator('li').first().innerText()).toContain(text);
    await inbox.locator('#search').fill('repair-café zaterdag');
    await expect.poll(() => inbox.locator('li').count()).toBe(1);
    await expect.poll(() => inbox.locator('.count').innerText()).toBe(`1 van ${total} ideeën`);
    await inbox.locator('li button[data-id]').click();

    // Detail and moderation.
    const detail = page.locator('bk-admin-idea-detail');
    await expect.poll(() => detail.locator('dl').innerText()).toContain(text);
    const moderation = page.locator('bk-admin-moderation');
    await moderation.locator('#published').check();
    await moderation.locator('#status-gepland').check();
    await moderation.locator('#publicAnswer').fill('Vanaf maart, elke eerste zaterdag.');
    await moderation.locator('button[type=submit]').click();
    await expect.poll(() => moderation.locator('.status').innerText()).toBe('Opgeslagen.');
    const [stored] = (await adminIdeas()).filter((i) => i.text === text);
    expect(stored).toMatchObject({ published: true, status: 'gepland', publicAnswer: 'Vanaf maart, elke eerste zaterdag.' });

    // Back to the list: focus returns to the idea, which is now marked published.
    await detail.locator('button.back').click();
    await expect.poll(() => inbox.locator('li').first().innerText()).toMatch(/Gepubliceerd/);

    // Mark it as handled in the list: the collector keeps when, and which token.
    await inbox.locator('li bk-admin-handled button').click();
    await expect.poll(async () => (await adminIdeas()).find((i) => i.text === text)?.handledBy).toBe('demo');
    await expect.poll(() => inbox.locator('li').first().innerText()).toMatch(/Afgehandeld/);

    // The centre's page shows it with the answer.
    await centre.reload();
    const item = centre.locator('idea-box [part~="idea"]', { hasText: text });
    await item.waitFor();
    await expect.poll(() => item.innerText()).toMatch(/Vanaf maart, elke eerste zaterdag\./);

    // Export: fetched with the token, saved through a Blob link; the page says how many rows.
    await page.locator('nav button[data-view="exports"]').click();
    const exporter = page.locator('bk-admin-exports');
    const [download] = await Promise.all([page.waitForEvent('download'), exporter.locator('button.primary').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8').slice(1);
    const header = csv.split('\r\n')[0]!;
    expect(header.split(';')).toContain('Antwoord op de website');
    expect(csv).toContain(text);
    expect(csv).toContain('Vanaf maart, elke eerste zaterdag.');
    await expect.poll(() => exporter.locator('.status').innerText()).toMatch(new RegExp(`: ${total} rijen\\.$`));

    // The session survives a reload in this tab; signing out clears it.
    await page.reload();
    await expect.poll(() => page.locator('bk-admin-inbox .count').innerText()).toBe(`${total} ideeën`);
    await page.locator('button.sign-out').click();
    await page.locator('bk-admin-sign-in #token').waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

    expect(await seen.violations()).toEqual([]);
    expect(seen.problems).toEqual([]);
    // No third-party requests: everything came from the collector's own origin.
    expect([...seen.origins]).toEqual([new URL(demo.collectorUrl).origin]);
    await context.close();
    await visitor.close();
  });

  it('results and all downloads: the impact report opens styled under the page CSP; rows counted; the audit log shows it', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const seen = await watch(page);
    await page.goto(`${demo.collectorUrl}/admin/`);
    await page.locator('bk-admin-sign-in #token').fill(demo.token);
    await page.locator('bk-admin-sign-in #site').fill(demo.site);
    await page.keyboard.press('Enter');
    await page.locator('nav button[data-view="results"]').click();
    const results = page.locator('bk-admin-results');
    await results.locator('button.report').waitFor();

    // The report is fetched with the token and opened as a blob: page; its one hashed style applies.
    const [report] = await Promise.all([context.waitForEvent('page'), results.locator('button.report').click()]);
    const reportProblems: string[] = [];
    report.on('console', (m) => m.type() === 'error' && reportProblems.push(m.text()));
    await report.waitForLoadState();
    expect(report.url()).toMatch(/^blob:/);
    expect(await report.locator('h1').innerText()).toMatch(/\S/);
    expect(await report.evaluate(() => getComputedStyle(document.body).maxWidth)).not.toBe('none');
    expect(reportProblems).toEqual([]);
    await report.close();

    // All downloads: the ideas as JSON; the page's row count is the file's.
    await page.locator('nav button[data-view="exports"]').click();
    const exportsView = page.locator('bk-admin-exports');
    await exportsView.locator('#format-json').check();
    const [download] = await Promise.all([page.waitForEvent('download'), exportsView.locator('button.primary').click()]);
    const rows = (JSON.parse(readFileSync((await download.path())!, 'utf8')) as unknown[]).length;
    await expect.poll(() => exportsView.locator('[role=status]').innerText()).toMatch(new RegExp(`: ${rows} rij(en)?\\.$`));
    await expect.poll(() => exportsView.locator('tbody tr').first().innerText()).toContain('ideas.json');

    expect(await seen.violations()).toEqual([]);
    expect(seen.problems).toEqual([]);
    expect([...seen.origins]).toEqual([new URL(demo.collectorUrl).origin]);
    await context.close();
  });

  it('speaks English when asked, and says so when a token does not work', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${demo.collectorUrl}/admin/`);
    await page.locator('bk-admin-app #lang').selectOption('en');
    await expect.poll(() => page.locator('bk-admin-sign-in h2').innerText()).toBe('Sign in');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.locator('bk-admin-sign-in #token').fill('bk_not-a-real-token');
    await page.locator('bk-admin-sign-in #site').fill(demo.site);
    await page.locator('bk-admin-sign-in button[type=submit]').click();
    await expect.poll(() => page.locator('bk-admin-sign-in [role=alert]').innerText()).toMatch(/does not work/);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await context.close();
  });
});
