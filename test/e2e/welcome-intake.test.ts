/**
 * End to end on the demo centre's page: the welcome intake from the CDN bundle, with the flow
 * served by the real collector, filled in by a visitor for a relative; the result screen shows a
 * matching activity from the demo programme and who to go to; the coordinator sees the intake
 * without its sealed answers (the demo token has no `sensitive` scope), and its topic counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, startDemo, type Demo } from './harness.js';

let demo: Demo;
let browser: Browser;

async function admin<T>(path: string): Promise<T> {
  const res = await fetch(`${demo.collectorUrl}/v1/admin/sites/${demo.site}${path}`, {
    headers: { authorization: `Bearer ${demo.token}` },
  });
  expect(res.ok, `${path} → ${res.status}`).toBe(true);
  return (await res.json()) as T;
}

beforeAll(async () => {
  demo = await startDemo('intake');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

describe('welcome intake on the demo page', () => {
  it('goes from the first question to the result, and reaches the coordinator', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${demo.siteUrl}/#welkom`);
    const intake = page.locator('welcome-intake');
    await expect.poll(() => intake.locator('[part~="progress"]').innerText()).toBe('Stap 1 van 5');
    await intake.locator('label', { hasText: 'Voor iemand anders' }).click();
    await intake.locator('label.card', { hasText: 'Een praatje' }).click();
    await intake.locator('[part~="next"]').click();
    await intake.locator('label.card', { hasText: 'Koken en eten' }).click();
    await intake.locator('textarea').fill('Ik bak graag brood');
    await intake.locator('[part~="next"]').click();
    await intake.locator('label.card', { hasText: 'Geld en administratie' }).click();
    await intake.locator('[part~="next"]').click();
    await intake.locator('[part~="skip"]').click();
    await expect.poll(() => intake.locator('[part~="progress"]').innerText()).toBe('Stap 5 van 5');
    await intake.locator('label', { hasText: 'Spreek me aan als ik er ben' }).click();
    await intake.locator('label', { hasText: 'gastvrouw of gastheer' }).click();
    await intake.locator('[part~="next"]').click();

    const result = intake.locator('[part~="result"]');
    await expect.poll(() => result.innerText(), { timeout: 15_000 }).toContain('Samen koken');
    const text = await result.innerText();
    expect(text).toContain('Dit kun je hier doen');
    expect(text).toContain('Fatima, gastvrouw');
    expect(text).toContain('Spreekuur geld en papieren');
    // The session draft is gone once the intake is in the outbox.
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.includes('welcome-intake')))).toEqual([]);

    const { intakes } = await admin<{
      intakes: { forSomeoneElse: boolean; visibility: string; answers: Record<string, unknown>; sensitiveAnswers: string }[];
    }>('/intakes');
    expect(intakes).toHaveLength(1);
    expect(intakes[0]).toMatchObject({ forSomeoneElse: true, visibility: 'host', sensitiveAnswers: 'withheld' });
    expect(intakes[0]!.answers).toMatchObject({ reden: ['praatje'], interesses: ['koken'] });
    expect(JSON.stringify(intakes[0])).not.toContain('brood');
    const summary = await admin<{ intakes: number; questions: { id: string; counts: Record<string, number> }[] }>('/intakes/summary');
    expect(summary.intakes).toBe(1);
    expect(summary.questions.find((q) => q.id === 'themas')!.counts.geld).toBe(1);
    await context.close();
  });
});
