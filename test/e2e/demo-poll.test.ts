/**
 * End to end on the demo centre's page: a visitor taps a smiley in the built bundle, the answer is
 * stored once and the results appear; the coordinator opens the impact report for the seeded
 * period (n = 111 statement answers, like the Badhuis survey) and its JSON agrees.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startDemo, type Demo } from './harness.js';

let demo: Demo;
let browser: Browser;

beforeAll(async () => {
  demo = await startDemo('poll');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const admin = async <T>(path: string): Promise<T> => {
  const res = await fetch(`${demo.collectorUrl}/v1/admin/sites/${demo.site}${path}`, {
    headers: { authorization: `Bearer ${demo.token}` },
  });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};

describe('demo: poll and impact report', () => {
  it('a visitor answers with one tap and sees the results; a second visit says it was answered', async () => {
    const before = await admin<{ results: { n: number } }>('/polls/welkom/results');
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${demo.siteUrl}/#peiling`);
    const poll = page.locator('feedback-poll[poll-id="welkom"]');
    await poll.locator('[part~="answer"]', { hasText: 'Heel goed' }).click();
    await expect.poll(() => poll.locator('.thanks-title').textContent()).toBe('Bedankt!');
    await poll.locator('[part~="results"] li').first().waitFor();
    const lines = await poll.locator('[part~="results"] li').allTextContents();
    expect(lines[0]!.trim()).toMatch(/^Heel goed: \d+ \(\d+%\)$/);
    const after = await admin<{ results: { n: number } }>('/polls/welkom/results');
    expect(after.results.n).toBe(before.results.n + 1);

    await page.reload();
    await expect.poll(() => poll.locator('.thanks-title').textContent()).toBe('Je hebt deze peiling al ingevuld. Bedankt!');
    await context.close();
  });

  it('the coordinator opens the report for the seeded year: n = 111, % eens per statement, stories', async () => {
    const report = await admin<{
      outcome: { n: number; previousN: number; statements: { id: string; current: { percentAgree: number; n: number } }[] }[];
      stories: unknown[];
    }>('/report.json');
    const [impact] = report.outcome;
    expect(impact!.n).toBe(111);
    expect(impact!.previousN).toBe(64);
    const verbonden = impact!.statements.find((s) => s.id === 'verbonden')!;
    expect(verbonden.current.percentAgree).toBeGreaterThan(75);
    expect(report.stories).toHaveLength(3);

    const context = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${demo.token}` } });
    const page = await context.newPage();
    await page.goto(`${demo.collectorUrl}/v1/admin/sites/${demo.site}/report`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Impactrapport Buurthuiskamer De Linde');
    expect(await page.locator('#outcome').textContent()).toContain('n = 111 ingevulde peilingen');
    expect(await page.locator('#stories blockquote').count()).toBe(3);
    await context.close();
  });
});
