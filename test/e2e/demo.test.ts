/**
 * End to end on the demo centre's page: the real built bundle in Debian's Chromium, talking over
 * real HTTP to the real collector on a SQLite file. A visitor writes an idea offline, it arrives
 * exactly once (after reconnecting, and after a reload); a coordinator publishes it; it shows in
 * the public list; a visitor upvotes it; the CSV export contains it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, startDemo, type Demo } from './harness.js';

interface AdminIdea {
  id: string;
  text: string;
  published: boolean;
  votes: number;
}

let demo: Demo;
let browser: Browser;

async function admin<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${demo.collectorUrl}/v1/admin/sites/${demo.site}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${demo.token}`, 'content-type': 'application/json', ...init.headers },
  });
  expect(res.ok, `${path} → ${res.status}`).toBe(true);
  return (await res.json()) as T;
}

async function ideasWithText(text: string): Promise<AdminIdea[]> {
  const { ideas } = await admin<{ ideas: AdminIdea[] }>('/ideas');
  return ideas.filter((i) => i.text === text);
}

async function waitForIdeas(text: string, count: number): Promise<AdminIdea[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const found = await ideasWithText(text);
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The items the page's outbox keeps on the device (id and attempts), read while holding the outbox
 * lock: every send runs under that lock and ends with its answer, so when this returns no attempt
 * is under way, and with no item left nothing more can be sent.
 */
async function outboxAtRest(page: Page): Promise<{ id: string; attempts: number }[]> {
  return page.evaluate(async () => {
    // Opening a database that does not exist would create it empty, without the outbox's store.
    if (!(await indexedDB.databases()).some((d) => d.name === 'buurtkit')) return [];
    return navigator.locks.request(
      'buurtkit-outbox',
      () =>
        new Promise<{ id: string; attempts: number }[]>((resolve, reject) => {
          const open = indexedDB.open('buurtkit');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('outbox')) return void (db.close(), resolve([]));
            const all = db.transaction('outbox').objectStore('outbox').getAll();
            all.onerror = () => reject(all.error);
            all.onsuccess = () => {
              db.close();
              resolve((all.result as { id: string; attempts: number }[]).map(({ id, attempts }) => ({ id, attempts })));
            };
          };
        }),
    );
  });
}

/**
 * Open the centre's page as a visitor who then starts writing: the idea box has fetched its
 * sending part (right after its first render, long before a person has typed an idea). The test
 * below covers a network that drops before that part arrived.
 */
async function openCentrePage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${demo.siteUrl}/`);
  await page.locator('idea-box textarea').waitFor();
  await page.waitForFunction(() => (document.querySelector('idea-box') as { send?: unknown } | null)?.send !== undefined);
  return page;
}

async function writeIdea(page: Page, text: string): Promise<void> {
  await page.locator('idea-box textarea').fill(text);
  await page.locator('idea-box [part~="submit"]').click();
}

beforeAll(async () => {
  demo = await startDemo('demo');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

describe('demo centre page', () => {
  it('keeps an idea written offline and delivers it exactly once when the network returns', async () => {
    const context = await browser.newContext();
    const page = await openCentrePage(context);
    const text = `Offline idee ${Date.now()}: een spelletjesmiddag op vrijdag.`;

    // Chromium's offline emulation still lets loopback through, so also cut the collector off at
    // the network layer; setOffline gives the page its real `offline` and `online` events.
    const collectorPattern = `${demo.collectorUrl}/**`;
    await context.route(collectorPattern, (route) => route.abort('internetdisconnected'));
    await context.setOffline(true);
    await writeIdea(page, text);
    await expect
      .poll(() => page.locator('idea-box [part~="status"]').first().innerText())
      .toMatch(/staat veilig op deze telefoon of computer/i);
    expect(await ideasWithText(text)).toHaveLength(0);

    await context.unroute(collectorPattern);
    await context.setOffline(false);
    const delivered = await waitForIdeas(text, 1);
    expect(delivered).toHaveLength(1);
    // A duplicate send (a second flush, a retry) would be over once the outbox is at rest and empty.
    await expect.poll(() => outboxAtRest(page), { timeout: 15_000 }).toEqual([]);
    expect(await ideasWithText(text)).toHaveLength(1);
    await context.close();
  });

  it('stores an idea on the device when the network dropped before the sending part arrived, and sends it once when back', async () => {
    const context = await browser.newContext();
    const chunkPattern = '**/chunks/idea-sending-part-*.js';
    const collectorPattern = `${demo.collectorUrl}/**`;
    await context.route(chunkPattern, (route) => route.abort('internetdisconnected'));
    const page = await context.newPage();
    await page.goto(`${demo.siteUrl}/`);
    await page.locator('idea-box textarea').waitFor();
    await context.route(collectorPattern, (route) => route.abort('internetdisconnected'));
    await context.setOffline(true);
    const text = `Idee zonder verbinding ${Date.now()}: een fietsenmaker op zaterdag.`;
    await writeIdea(page, text);
    // The press needs nothing lazy: the idea is in the device's outbox at once, and the visitor is told so.
    await expect
      .poll(() => page.locator('idea-box [part~="status"]').first().innerText())
      .toMatch(/staat veilig op deze telefoon of computer/i);
    expect(
      await page
        .locator('idea-box')
        .first()
        .evaluate((el) => (el as unknown as { phase: string }).phase),
    ).toBe('queued');
    expect(await ideasWithText(text)).toHaveLength(0);

    // Back online, with the sending part reachable again: it arrives, once.
    await context.unroute(chunkPattern);
    await context.unroute(collectorPattern);
    await context.setOffline(false);
    expect(await waitForIdeas(text, 1)).toHaveLength(1);
    await page.reload();
    await page.locator('idea-box textarea').waitFor();
    // Whatever the reload left on the device is sent by the new page; once its outbox is at rest and
    // empty, nothing more can arrive.
    await expect.poll(() => outboxAtRest(page), { timeout: 15_000 }).toEqual([]);
    expect(await ideasWithText(text)).toHaveLength(1);
    await context.close();
  });

  it('delivers an idea queued before a page reload, once, on a later page load', async () => {
    const context = await browser.newContext();
    const page = await openCentrePage(context);
    const text = `Idee van voor de reload ${Date.now()}: samen soep koken.`;
    // The collector is unreachable (the centre's own site still loads): abort at the network layer.
    const collectorPattern = `${demo.collectorUrl}/**`;
    await context.route(collectorPattern, (route) => route.abort('internetdisconnected'));

    await writeIdea(page, text);
    await expect
      .poll(() => page.locator('idea-box [part~="status"]').first().innerText())
      .toMatch(/staat veilig op deze telefoon of computer/i);
    const [queued] = await outboxAtRest(page);
    expect(queued).toBeDefined();
    await page.reload();
    await page.locator('idea-box textarea').waitFor();
    // The new page tries it on load, and cannot reach the collector: nothing arrived.
    await expect
      .poll(async () => (await outboxAtRest(page)).find((i) => i.id === queued!.id)?.attempts, { timeout: 15_000 })
      .toBeGreaterThan(queued!.attempts);
    expect(await ideasWithText(text)).toHaveLength(0);

    await context.unroute(collectorPattern);
    await page.reload();
    expect(await waitForIdeas(text, 1)).toHaveLength(1);
    await page.reload();
    await page.locator('idea-box textarea').waitFor();
    await expect.poll(() => outboxAtRest(page), { timeout: 15_000 }).toEqual([]);
    expect(await ideasWithText(text)).toHaveLength(1);
    await context.close();
  });

  it('lets a coordinator publish an idea that visitors then see and upvote, and exports it', async () => {
    const context = await browser.newContext();
    const page = await openCentrePage(context);
    const text = `Een boekenkast om boeken te ruilen ${Date.now()}`;
    await writeIdea(page, text);
    await expect.poll(() => page.locator('idea-box [part~="thanks"]').count()).toBe(1);
    const [idea] = await waitForIdeas(text, 1);
    expect(idea).toBeDefined();
    expect(idea!.published).toBe(false);

    await admin(`/ideas/${idea!.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ published: true, status: 'gepland', publicAnswer: 'De kast komt bij de ingang.' }),
    });

    await page.reload();
    const item = page.locator('idea-box [part~="idea"]', { hasText: text });
    await item.waitFor();
    await expect.poll(() => item.innerText()).toMatch(/De kast komt bij de ingang\./);
    await expect.poll(() => item.innerText()).toMatch(/gepland/i);

    const vote = item.locator('[part~="vote-button"]');
    await vote.click();
    await expect.poll(async () => (await ideasWithText(text))[0]?.votes).toBe(1);
    await expect.poll(() => vote.getAttribute('aria-pressed')).toBe('true');
    // Once per browser: a second click after a reload does not count again.
    await page.reload();
    const again = page.locator('idea-box [part~="idea"]', { hasText: text }).locator('[part~="vote-button"]');
    await again.waitFor();
    expect(await again.getAttribute('aria-pressed')).toBe('true');
    // A vote is handed over in the click itself (bk-submit comes before anything is sent): count them.
    await page.evaluate(() => {
      const w = window as unknown as { submits: number };
      w.submits = 0;
      document.querySelector('idea-box')!.addEventListener('bk-submit', () => w.submits++);
    });
    await again.click({ force: true }).catch(() => undefined);
    expect(await page.evaluate(() => (window as unknown as { submits: number }).submits)).toBe(0);
    expect((await ideasWithText(text))[0]?.votes).toBe(1);

    const res = await fetch(`${demo.collectorUrl}/v1/admin/sites/${demo.site}/export/ideas.csv`, {
      headers: { authorization: `Bearer ${demo.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    const [header] = csv.slice(1).split('\r\n');
    expect(header).toContain(';');
    expect(csv).toContain(text);
    await context.close();
  });

  it("shows the centre's programme, and an activity's .ics download parses back", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${demo.siteUrl}/`);
    const calendar = page.locator('activity-calendar');
    await calendar.locator('[part~="open-status"]').waitFor();
    expect(await calendar.locator('[part~="open-status"]').innerText()).toMatch(/open|gesloten/i);
    // The next seven days always hold a "Samen koken" (weekly, Tuesdays).
    const cooking = calendar.locator('[part~="event-button"]', { hasText: 'Samen koken' }).first();
    await cooking.click();
    const dialog = calendar.locator('[part~="detail"]');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.innerText()).toMatch(/Eigen bijdrage/);
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.locator('[part~="ics-link"]').click()]);
    const file = await download.path();
    const ics = (await import('node:fs')).readFileSync(file!, 'utf8');
    const { parseIcs } = await import('../../src/calendar/ics-parse.js');
    const parsed = parseIcs(ics);
    expect(parsed.events).toHaveLength(1);
    expect(parsed.events[0]!.summary).toBe('Samen koken');
    await context.close();
  });

  it('survives a hostile host page: strict CSP, global CSS resets, the bundle loaded twice; runs only the widgets it shows', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      // The browser's own favicon request is the page's business, not the widgets'.
      if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) problems.push(`console: ${m.text()} ${m.location().url}`);
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { cspViolations: string[] }).cspViolations ??= [];
        (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(`${demo.siteUrl}/hostile.html`);
    await expect.poll(() => page.locator('idea-box textarea').count()).toBe(2);
    // Only idea boxes on this page. The CDN file carries every widget's first render, but runs
    // (defines) only the idea box's, and fetches none of another widget's later parts.
    expect(
      await page.evaluate(() =>
        ['activity-calendar', 'feedback-poll', 'welcome-intake', 'volunteer-signup', 'host-today'].filter((t) => customElements.get(t)),
      ),
    ).toEqual([]);
    expect(
      scripts.filter((p) =>
        /\/chunks\/(activity-calendar|feedback-poll|welcome-intake|volunteer-signup|host-today|apply-form|detail|filter-panel|ics-import|poll-sending-part|result|welcome-intake-default)-/.test(
          p,
        ),
      ),
    ).toEqual([]);
    await expect.poll(() => page.locator('idea-box [part~="idea"]').count()).toBeGreaterThan(0);
    // The page's `label { display: none }` and button resets must not reach inside the widget.
    const label = page.locator('idea-box').first().locator('label[for="idea"]');
    expect(await label.isVisible()).toBe(true);
    const submitHeight = await page
      .locator('idea-box')
      .first()
      .locator('[part~="submit"]')
      .evaluate((b) => b.getBoundingClientRect().height);
    expect(submitHeight).toBeGreaterThanOrEqual(44);
    // The Arabic widget takes its language and direction from its ancestor.
    const arabic = page.locator('idea-box').nth(1).locator('[part~="base"]');
    expect(await arabic.getAttribute('dir')).toBe('rtl');
    expect(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
