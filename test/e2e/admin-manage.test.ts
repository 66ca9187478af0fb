/**
 * End to end on the coordinator page's manage sections: the built page (dist/admin) served by the
 * demo's collector under its strict CSP. A coordinator makes a poll with the form, previews it in
 * the real widget (loaded only then), and the centre's page gets it; they turn an intake question
 * off; they see the retention periods and what a purge would remove now; they add a volunteer
 * role and a weekly shift that the sign-up widget's roster then serves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startDemo, type Demo } from './harness.js';

let demo: Demo;
let browser: Browser;

beforeAll(async () => {
  demo = await startDemo('admin-manage');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

async function signIn(page: Page) {
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const w = window as unknown as { cspViolations?: string[] };
      (w.cspViolations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(`${demo.collectorUrl}/admin/`);
  await page.locator('bk-admin-sign-in #token').fill(demo.token);
  await page.locator('bk-admin-sign-in #site').fill(demo.site);
  await page.keyboard.press('Enter');
  await page.locator('nav button[data-view="polls"]').waitFor();
}

describe('coordinator page: manage', () => {
  it('makes a poll with a preview in the real widget, and the public API serves it; no CSP violation', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
    await signIn(page);
    await page.locator('nav button[data-view="polls"]').click();
    const polls = page.locator('bk-admin-polls');
    await polls.locator('button.new-poll').click();
    const id = `e2e-${Date.now().toString(36)}`;
    await polls.locator('#poll-id').fill(id);
    await polls.locator('#kind-yes-no').check();
    await polls.locator('#poll-question').fill('Was de koffie lekker?');
    expect(
      scripts.some((s) => s.includes('feedback-poll')),
      'the widget is not loaded before the preview',
    ).toBe(false);
    await polls.locator('button.preview-toggle').click();
    await expect.poll(() => polls.locator('feedback-poll').getByText('Was de koffie lekker?').count()).toBe(1);
    expect(scripts.some((s) => s.includes('feedback-poll'))).toBe(true);
    await polls.locator('button[type=submit]').click();
    await polls.locator(`[data-id="${id}"]`).waitFor();

    const served = await fetch(`${demo.collectorUrl}/v1/sites/${demo.site}/polls/${id}`);
    expect(await served.json()).toMatchObject({ id, kind: 'yes-no', question: 'Was de koffie lekker?' });
    expect(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('turns a welcome question off, and shows retention and a dry-run purge in privacy', async () => {
    const page = await browser.newPage();
    await signIn(page);
    await page.locator('nav button[data-view="intake"]').click();
    const intake = page.locator('bk-admin-intake-flow');
    await intake.locator('[data-question="talenten"] input[type=checkbox]').uncheck();
    await intake.locator('form button[type=submit]').click();
    await expect.poll(() => intake.locator('.status').innerText()).toMatch(/Opgeslagen als versie \d+/);
    const flow = (await (await fetch(`${demo.collectorUrl}/v1/sites/${demo.site}/intake-flow`)).json()) as {
      steps: { questions: { id: string }[] }[];
    };
    expect(flow.steps.flatMap((s) => s.questions.map((q) => q.id))).not.toContain('talenten');

    await page.locator('nav button[data-view="privacy"]').click();
    const retention = page.locator('bk-admin-retention');
    await expect.poll(() => retention.locator('#months-intakeMonths').inputValue()).toMatch(/^\d+$/);
    await retention.locator('button.purge-dry').click();
    await expect.poll(() => retention.locator('.purge-lines li').count()).toBe(5);
    expect(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])).toEqual([]);
    await page.close();
  });

  it("adds a volunteer role and a weekly shift, and the sign-up widget's roster serves them; no CSP violation", async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await signIn(page);
    await page.locator('nav button[data-view="volunteers"]').click();
    const list = page.locator('bk-admin-volunteer-catalogue');
    const name = `Tuinploeg ${Date.now().toString(36)}`;
    await list.locator('button.new-role').click();
    await list.locator('#name').fill(name);
    await list.locator('#whatYouDo').fill('Onkruid wieden en de planten water geven.');
    await list.locator('form button[type=submit]').click();
    await list.locator('li', { hasText: name }).locator('button.edit').waitFor();
    // The shift form starts tomorrow, every week on that day, 10.00 to 12.00.
    await list.locator('button.new-shift').click();
    await list.locator('#roleId').selectOption({ label: name });
    await list.locator('#capacity').fill('3');
    await list.locator('form button[type=submit]').click();
    await expect.poll(() => list.locator('li', { hasText: name }).count()).toBe(2);

    type Roster = {
      roles: { id: string; name: string; whatYouDo?: string }[];
      occurrences: { roleId: string; capacity: number; remaining: number }[];
    };
    const roster = (await (await fetch(`${demo.collectorUrl}/v1/sites/${demo.site}/volunteer`)).json()) as Roster;
    const role = roster.roles.find((r) => r.name === name);
    expect(role).toMatchObject({ whatYouDo: 'Onkruid wieden en de planten water geven.' });
    expect(roster.occurrences.filter((o) => o.roleId === role!.id).length).toBeGreaterThanOrEqual(1);
    expect(roster.occurrences.find((o) => o.roleId === role!.id)).toMatchObject({ capacity: 3, remaining: 3 });
    expect(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
