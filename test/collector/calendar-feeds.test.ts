/** Calendar feeds: fetched through the SSRF-safe client and upserted by UID, on both databases. */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { refreshCalendarFeeds } from '../../src/collector/calendar-feeds.js';
import { BACKENDS, SITE, startTestCollector, type TestCollector } from './helpers.js';

const GOOGLE = readFileSync(new URL('../fixtures/ics/google-alarms-utc.ics', import.meta.url), 'utf8');
const THUNDERBIRD = readFileSync(new URL('../fixtures/ics/thunderbird-london-full-vtimezone.ics', import.meta.url), 'utf8');

let c: TestCollector | undefined;
const servers: Server[] = [];
afterEach(async () => {
  await c?.close();
  c = undefined;
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

/** A calendar server on loopback: path → [status, body, headers]. */
async function feedServer(routes: Record<string, () => [number, string, Record<string, string>?]>) {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url!);
    const route = routes[req.url!];
    const [status, body, headers] = route ? route() : [404, 'not found'];
    res.writeHead(status, { 'content-type': 'text/calendar', ...headers }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

describe.each(BACKENDS)('calendar feeds on %s', (backend) => {
  const admin = (token: string, method: string, path: string, body?: unknown) =>
    fetch(`${c!.url}/v1/admin/sites/${SITE}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });

  it('keeps a list of feed addresses, checked; fetches and upserts them by UID (a refresh updates, never duplicates)', async () => {
    c = await startTestCollector({ backend, calendarFeeds: { allowPrivateNetworks: true } });
    const token = await c.token(['read', 'moderate']);
    let google = GOOGLE;
    const { base, hits } = await feedServer({
      '/google.ics': () => [200, google],
      '/moved.ics': () => [301, '', { location: '/thunderbird.ics' }],
      '/thunderbird.ics': () => [200, THUNDERBIRD],
      '/gone.ics': () => [404, 'gone'],
    });
    const bad = await admin(token, 'PUT', '/calendar-feeds', { feeds: ['ftp://example.org/a.ics', 'https://user:pw@example.org/'] });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['feeds.0', 'feeds.1']);
    const readOnly = await c.token(['read']);
    expect((await admin(readOnly, 'PUT', '/calendar-feeds', { feeds: [] })).status).toBe(403);

    const feeds = [`${base}/google.ics`, `${base}/moved.ics`, `${base}/gone.ics`];
    expect(await (await admin(token, 'PUT', '/calendar-feeds', { feeds })).json()).toEqual({ feeds });
    expect(await (await admin(readOnly, 'GET', '/calendar-feeds')).json()).toEqual({ feeds });

    const first = (await (await admin(token, 'POST', '/calendar-feeds/refresh')).json()) as {
      results: { url: string; ok: boolean; created: number; updated: number; error: string | null }[];
    };
    expect(first.results.map((r) => [r.ok, r.error])).toEqual([
      [true, null],
      [true, null],
      [false, 'HTTP 404'],
    ]);
    expect(first.results[0]!.created).toBeGreaterThan(0);
    expect(hits).toEqual(['/google.ics', '/moved.ics', '/thunderbird.ics', '/gone.ics']);
    const count = (await c.store.activities.list(SITE)).length;
    expect(count).toBe(first.results[0]!.created + first.results[1]!.created);

    // The feed changes a title: the same items are updated.
    google = GOOGLE.replace(/SUMMARY:[^\r\n]*/, 'SUMMARY:Samen koken (nieuw)');
    const second = (await (await admin(token, 'POST', '/calendar-feeds/refresh')).json()) as {
      results: { created: number; updated: number }[];
    };
    expect(second.results[0]).toMatchObject({ created: 0, updated: first.results[0]!.created });
    const items = await c.store.activities.list(SITE);
    expect(items).toHaveLength(count);
    expect(items.some((i) => i.data.kind === 'activity' && i.data.title === 'Samen koken (nieuw)')).toBe(true);
    const audit = (await c.store.audit.list(SITE)).filter((a) => /^activity\.feed(\.failed)?$/.test(a.action));
    expect(audit.map((a) => a.action)).toEqual([
      'activity.feed',
      'activity.feed',
      'activity.feed.failed',
      'activity.feed',
      'activity.feed',
      'activity.feed.failed',
    ]);
  });

  it('removes on refresh what the feed no longer has, says so, and leaves other feeds and hand-made items alone', async () => {
    c = await startTestCollector({ backend, calendarFeeds: { allowPrivateNetworks: true } });
    const token = await c.token(['read', 'moderate']);
    const event = (uid: string, title: string) => [
      'BEGIN:VEVENT',
      `UID:${uid}`,
      'DTSTART:20270105T100000Z',
      `SUMMARY:${title}`,
      'END:VEVENT',
    ];
    const calendar = (...events: string[][]) =>
      ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//NL', ...events.flat(), 'END:VCALENDAR', ''].join('\r\n');
    let a = calendar(event('a1', 'Koffie'), event('a2', 'Yoga'));
    const { base } = await feedServer({ '/a.ics': () => [200, a], '/b.ics': () => [200, calendar(event('b1', 'Bingo'))] });
    await admin(token, 'PUT', '/calendar-feeds', { feeds: [`${base}/a.ics`, `${base}/b.ics`] });
    const made = await admin(token, 'POST', '/activities', { title: 'Eigen activiteit', start: '2027-01-06T10:00' });
    expect(made.status).toBe(201);
    type Results = { results: { created: number; updated: number; removed: number }[] };
    const refresh = async () => ((await (await admin(token, 'POST', '/calendar-feeds/refresh')).json()) as Results).results;
    expect(await refresh()).toMatchObject([
      { created: 2, removed: 0 },
      { created: 1, removed: 0 },
    ]);
    expect(await refresh()).toMatchObject([
      { created: 0, updated: 2, removed: 0 },
      { created: 0, updated: 1, removed: 0 },
    ]);
    a = calendar(event('a1', 'Koffie'));
    expect(await refresh()).toMatchObject([{ created: 0, updated: 1, removed: 1 }, { removed: 0 }]);
    const titles = (await c.store.activities.list(SITE)).map((r) => r.data.title).sort();
    expect(titles).toEqual(['Bingo', 'Eigen activiteit', 'Koffie']);
    // A broken answer removes nothing: the calendar keeps what it had.
    a = 'not a calendar';
    expect(await refresh()).toMatchObject([{ ok: false, removed: 0 }, { ok: true }]);
    expect((await c.store.activities.list(SITE)).length).toBe(3);
    const audit = (await c.store.audit.list(SITE)).filter((e) => e.action === 'activity.feed' && e.target === `${base}/a.ics`);
    expect(audit.map((e) => e.rowCount)).toEqual([2, 2, 2]);
  });

  it('refuses a feed at a private or reserved address when it is set, with a 422 per address', async () => {
    c = await startTestCollector({ backend });
    const token = await c.token(['read', 'moderate']);
    const feeds = [
      'http://169.254.169.254/latest/meta-data/',
      'http://[::127.0.0.1]/a.ics',
      'http://[fd00::1]/b.ics',
      'https://8.8.8.8/c.ics',
    ];
    const refused = await admin(token, 'PUT', '/calendar-feeds', { feeds });
    expect(refused.status).toBe(422);
    const { issues } = (await refused.json()) as { issues: { path: string; code: string; message: string }[] };
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['feeds.0', 'blocked_address'],
      ['feeds.1', 'blocked_address'],
      ['feeds.2', 'blocked_address'],
    ]);
    expect(issues[1]!.message).toMatch(/::7f00:1 is a private or reserved address/); // URL spells ::127.0.0.1 in hex
    expect(await (await admin(token, 'GET', '/calendar-feeds')).json()).toEqual({ feeds: [] });
  });

  it('refuses loopback and metadata addresses unless the operator allows private networks, and oversized feeds', async () => {
    c = await startTestCollector({ backend });
    const { base, hits } = await feedServer({
      '/feed.ics': () => [200, GOOGLE],
      '/huge.ics': () => [200, `${GOOGLE}\n${'X'.repeat(3 * 1024 * 1024)}`],
    });
    const site = (await c.store.access.updateSite(SITE, {
      settings: { calendarFeeds: [`${base}/feed.ics`, 'http://169.254.169.254/latest/meta-data/'] },
    }))!;
    const refused = await refreshCalendarFeeds(c.store, site, { now: () => new Date(), actor: 'test' });
    expect(refused.map((r) => r.ok)).toEqual([false, false]);
    for (const r of refused) expect(r.error).toMatch(/private or reserved/);
    expect(hits).toEqual([]);
    expect(await c.store.activities.list(SITE)).toEqual([]);

    const big = (await c.store.access.updateSite(SITE, { settings: { calendarFeeds: [`${base}/huge.ics`] } }))!;
    const [tooLarge] = await refreshCalendarFeeds(c.store, big, { now: () => new Date(), actor: 'test', allowPrivateNetworks: true });
    expect(tooLarge!.error).toMatch(/larger than/);
    expect(await c.store.activities.list(SITE)).toEqual([]);
  });
});
