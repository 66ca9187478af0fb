/**
 * End to end on the demo centre's page: the built bundle in Chromium and the real collector.
 * Two people sign up for a shift with one place (the second joins the waitlist), the first
 * cancels through their personal link, the second is offered the place and confirms it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startDemo, type Demo } from './harness.js';

let demo: Demo;
let browser: Browser;

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${demo.collectorUrl}/v1/admin/sites/${demo.site}${path}`, {
    method,
    headers: { authorization: `Bearer ${demo.token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.ok, `${path} → ${res.status}`).toBe(true);
  return (await res.json()) as T;
}

const dayAhead = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(Date.now() + days * 86_400_000);

beforeAll(async () => {
  demo = await startDemo('volunteer');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

async function signUp(shiftId: string, name: string): Promise<{ page: Page; link: string }> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${demo.siteUrl}/#vrijwilligers`);
  const box = page.locator(`volunteer-signup input[id^="s-${shiftId}"]`);
  await box.check();
  // The demo centre's role catalogue is there, with what we do not ask of you.
  expect(await page.locator('volunteer-signup [part~="role"]').count()).toBeGreaterThanOrEqual(14);
  await page.locator('volunteer-signup #firstName').fill(name);
  await page.locator('volunteer-signup #contact').fill(`${name.toLowerCase()}@example.org`);
  await page.locator('volunteer-signup [part~="submit"]').click();
  const link = await page.locator('volunteer-signup #link').inputValue();
  return { page, link };
}

describe('volunteer sign-up on the demo page', () => {
  it('shows the roles; waitlist, cancel through the link, promotion and confirmation', async () => {
    const role = await admin<{ id: string }>('POST', '/volunteer/roles', { name: 'E2E-dienst' });
    const date = dayAhead(5);
    const shift = await admin<{ id: string }>('POST', '/volunteer/shifts', {
      roleId: role.id,
      start: `${date}T14:00`,
      end: `${date}T16:00`,
      capacity: 1,
    });

    const anna = await signUp(shift.id, 'Anna');
    await expect.poll(() => anna.page.locator('volunteer-signup [part~="done"]').innerText()).toContain('Je staat op het rooster');
    expect(anna.link).toMatch(/#bk-cancel=[A-Za-z0-9_-]{43}$/);

    const bram = await signUp(shift.id, 'Bram');
    await expect.poll(() => bram.page.locator('volunteer-signup [part~="done"]').innerText()).toContain('Op de wachtlijst');

    await anna.page.goto(anna.link);
    await anna.page.reload();
    await anna.page.locator('volunteer-signup button', { hasText: 'Afmelden' }).click();
    await expect.poll(() => anna.page.locator('volunteer-signup [part~="base"]').innerText()).toContain('Je bent afgemeld');

    await bram.page.goto(bram.link);
    await bram.page.reload();
    await expect.poll(() => bram.page.locator('volunteer-signup [part~="base"]').innerText()).toContain('Er is plek voor je!');
    await bram.page.locator('volunteer-signup button', { hasText: 'Ja, ik kom' }).click();
    await expect.poll(() => bram.page.locator('volunteer-signup [part~="base"]').innerText()).toContain('Bevestigd. Tot dan!');

    const { notifications } = await admin<{ notifications: { payload: { event: string; firstName: string } }[] }>(
      'GET',
      '/volunteer/notifications',
    );
    expect(notifications.map((n) => [n.payload.event, n.payload.firstName])).toEqual([['volunteer.offered', 'Bram']]);
    const { signups } = await admin<{ signups: { firstName: string; status: string }[] }>(
      'GET',
      `/volunteer/signups?from=${date}&to=${date}`,
    );
    expect(signups.map((s) => [s.firstName, s.status])).toEqual([
      ['Anna', 'cancelled'],
      ['Bram', 'confirmed'],
    ]);
  });
});
