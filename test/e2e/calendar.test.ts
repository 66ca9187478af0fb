/**
 * End to end for the calendar: a coordinator adds an activity on the coordinator page (served by
 * the demo's collector), it appears in the demo centre's calendar, its .ics download parses back,
 * and "ik kom" on the centre's page lowers the places left — real bundle, real collector, SQLite.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { parseIcs } from '../../src/calendar/ics-parse.js';
import { toLocal } from '../../src/calendar/time-zone.js';
import { addDays, formatLocalDate } from '../../src/calendar/wall-clock.js';
import { launchChromium, startDemo, type Demo } from './harness.js';

let demo: Demo;
let browser: Browser;

beforeAll(async () => {
  demo = await startDemo('calendar');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

describe('calendar, coordinator to visitor', () => {
  it('a coordinator adds an activity; it shows on the centre page, its .ics parses back, and "ik kom" counts', async () => {
    const title = `Buurtlunch ${Date.now()}`;
    const tomorrow = formatLocalDate(addDays(toLocal(Date.now(), 'Europe/Amsterdam'), 1));

    // The coordinator page: sign in, open the calendar, add the activity.
    const coordinator = await browser.newContext();
    const admin = await coordinator.newPage();
    await admin.goto(`${demo.collectorUrl}/admin/`);
    await admin.locator('bk-admin-sign-in #token').fill(demo.token);
    await admin.locator('bk-admin-sign-in #site').fill(demo.site);
    await admin.keyboard.press('Enter');
    await admin.locator('nav button[data-view=calendar]').click();
    const section = admin.locator('bk-admin-calendar');
    await expect.poll(() => section.locator('.items li').count()).toBeGreaterThan(3); // the seeded programme
    await section.locator('.new-activity').click();
    const form = section.locator('bk-admin-calendar-form');
    await form.locator('#title').fill(title);
    await form.locator('#description').fill('Samen eten. Iedereen is welkom.');
    await form.locator('#date').fill(tomorrow);
    await form.locator('#startTime').fill('12:00');
    await form.locator('#endTime').fill('13:30');
    await form.locator('#repeat-none').check();
    await form.locator('#cost-free').check();
    await form.locator('#capacity').fill('4');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => section.locator('[role=status]').first().innerText()).toBe(`${title} is opgeslagen.`);
    await coordinator.close();

    // The centre's page: the new activity is in the calendar.
    const visitor = await browser.newContext({ acceptDownloads: true });
    const page = await visitor.newPage();
    await page.goto(`${demo.siteUrl}/`);
    const calendar = page.locator('activity-calendar');
    const lunch = calendar.locator('[part~="event-button"]', { hasText: title });
    await lunch.waitFor();
    await lunch.click();
    const dialog = calendar.locator('[part~="detail"]');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.innerText()).toContain('Gratis');

    // "Zet in je agenda": the download parses back to this activity.
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.locator('[part~="ics-link"]').click()]);
    const parsed = parseIcs(readFileSync((await download.path())!, 'utf8'));
    expect(parsed.events).toHaveLength(1);
    expect(parsed.events[0]!.summary).toBe(title);
    expect(parsed.events[0]!.description).toBe('Samen eten. Iedereen is welkom.');

    // "Ik kom" with two people lowers the places left, here and at the collector.
    const places = dialog.locator('[part~="places"]');
    await expect.poll(() => places.innerText()).toBe('Nog 4 plekken vrij.');
    await dialog.locator('[part~="select"]').selectOption('2');
    await dialog.locator('[part~="attend"]').click();
    await expect.poll(() => dialog.locator('[part~="attend-status"]').innerText()).toBe('Je komt met 2 mensen. Tot dan!');
    await expect.poll(() => places.innerText()).toBe('Nog 2 plekken vrij.');
    const res = await fetch(`${demo.collectorUrl}/v1/sites/${demo.site}/activities?from=${tomorrow}&to=${tomorrow}`);
    const { items, remaining } = (await res.json()) as {
      items: { id: string; title: string }[];
      remaining: Record<string, Record<string, number>>;
    };
    const id = items.find((i) => i.title === title)!.id;
    expect(remaining[id]).toEqual({ [`${tomorrow}T12:00:00`]: 2 });

    // A reload remembers that this browser is coming.
    await page.reload();
    await calendar.locator('[part~="event-button"]', { hasText: title }).click();
    await expect.poll(() => dialog.locator('[part~="attend-status"]').innerText()).toBe('Je komt met 2 mensen. Tot dan!');
    expect(await dialog.locator('[part~="attend"]').count()).toBe(0);
    await visitor.close();
  });
});
