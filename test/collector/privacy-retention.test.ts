/** Retention: personal data removed everywhere once due, per site settings, audited; on every backend. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { monthsBefore, purge } from '../../src/collector/privacy/retention.js';
import { parseNewSite, parseSiteChanges } from '../../src/collector/sites.js';
import { IDEA_CONSENT_TEXT_VERSION } from '../../src/schema/index.js';
import { BACKENDS, ideaEnvelope, postJson, startTestCollector, tablesContaining, type TestCollector } from './helpers.js';

const DAY = 86_400_000;
const START = Date.parse('2026-01-15T10:00:00.000Z');

describe('retention settings', () => {
  it('accepts whole months from 1 to 120 per known key, and nothing else', () => {
    expect(parseSiteChanges({ settings: { retention: { ideaContactMonths: 6 } } }).settings).toEqual({
      retention: { ideaContactMonths: 6 },
    });
    for (const bad of [0, 121, 1.5, '6']) {
      expect(() => parseSiteChanges({ settings: { retention: { ideaContactMonths: bad } } })).toThrow();
    }
    expect(() => parseNewSite({ slug: 'a', name: 'A', settings: { retention: { ideaMonths: 6 } } })).toThrow();
  });

  it('counts calendar months in UTC, rolling a missing day forward, never keeping data shorter', () => {
    expect(monthsBefore(new Date('2027-01-15T10:00:00Z'), 12).toISOString()).toBe('2026-01-15T10:00:00.000Z');
    expect(monthsBefore(new Date('2026-03-31T00:00:00Z'), 1).toISOString()).toBe('2026-02-28T00:00:00.000Z');
  });
});

describe.each(BACKENDS)('retention purge (%s)', (backend) => {
  let c: TestCollector;
  let now = START;
  const clock = () => now;
  afterEach(async () => {
    await c?.close();
    now = START;
  });

  async function submitWithContact(contact: string, text = 'Een buurtmoestuin') {
    const envelope = ideaEnvelope(
      { consent: { textVersion: IDEA_CONSENT_TEXT_VERSION, givenAt: new Date(now).toISOString() } },
      { text, name: 'Fatima Zwaneveld', contact },
    );
    expect((await postJson(`${c.url}/v1/sites/${c.site}/submissions`, envelope)).status).toBe(201);
    return envelope.id;
  }

  it('removes name, contact and consent 12 months after receipt from every table, keeps the idea, audits counts', async () => {
    c = await startTestCollector({ backend, clock });
    const old = await submitWithContact('fatima.oud@example.nl');
    now += 200 * DAY;
    const recent = await submitWithContact('fatima.nieuw@example.nl');

    now = START + 365 * DAY + 1000; // a year and a second after the first idea
    const lines = await purge(c.store, { now: new Date(now), actor: 'cli' });
    expect(lines.filter((l) => l.action === 'purge.idea-contact')).toEqual([
      expect.objectContaining({ site: c.site, action: 'purge.idea-contact', months: 12, count: 1 }),
    ]);
    expect(await tablesContaining(c.store, 'fatima.oud@example.nl')).toEqual([]);
    expect(await tablesContaining(c.store, 'fatima.nieuw@example.nl')).toEqual(['ideas']); // the envelope keeps no copy
    const kept = await c.store.ideas.get(c.site, old);
    expect(kept).toMatchObject({ text: 'Een buurtmoestuin', name: null, contact: null, consentVersion: null, consentHash: null });
    expect((await c.store.ideas.get(c.site, recent))!.contact).toBe('fatima.nieuw@example.nl');

    // Again the same day: nothing due, still audited.
    expect((await purge(c.store, { now: new Date(now), actor: 'cli' }))[0]!.count).toBe(0);
    const audit = (await c.store.audit.list(c.site)).filter((e) => e.action === 'purge.idea-contact');
    expect(audit.map((e) => e.rowCount)).toEqual([1, 0]);
    expect(audit[0]).toMatchObject({ actor: 'cli', target: `before ${new Date(START + 1000).toISOString()}` });
    expect(JSON.stringify(audit)).not.toContain('fatima');
  });

  it('follows a site override, and a dry run changes nothing and writes no audit row', async () => {
    c = await startTestCollector({ backend, clock, site: { settings: { retention: { ideaContactMonths: 3 } } } });
    const id = await submitWithContact('kees@example.nl');
    now += 100 * DAY;
    const dry = await purge(c.store, { now: new Date(now), actor: 'cli', dryRun: true, site: c.site });
    expect(dry[0]).toMatchObject({ months: 3, count: 1 });
    expect((await c.store.ideas.get(c.site, id))!.contact).toBe('kees@example.nl');
    expect((await c.store.audit.list(c.site)).filter((e) => e.action.startsWith('purge'))).toEqual([]);
    expect((await purge(c.store, { now: new Date(now), actor: 'cli', site: c.site }))[0]!.count).toBe(1);
    expect(await tablesContaining(c.store, 'kees@example.nl')).toEqual([]);
  });

  it('runs inside the app at start and on its interval; two instances purging at once stay correct', async () => {
    c = await startTestCollector({ backend, clock });
    for (let n = 0; n < 5; n++) await submitWithContact(`p${n}@example.nl`, `Idee nummer ${n}`);
    now += 400 * DAY;
    const first = await c.another({ clock, purge: { intervalMs: 100 } });
    const second = await c.another({ clock, purge: { intervalMs: 100 } });
    try {
      await Promise.all([first.app.ready(), second.app.ready()]);
      const audited = async () =>
        (await c.store.audit.list(c.site)).filter((e) => e.action === 'purge.idea-contact' && e.actor === 'purge');
      // Both at start, and again on the interval.
      await vi.waitFor(async () => expect((await audited()).length).toBeGreaterThanOrEqual(4), { timeout: 5_000, interval: 50 });
      const rows = await audited();
      // However the runs interleaved, each idea was counted once.
      expect(rows.reduce((sum, e) => sum + e.rowCount!, 0)).toBe(5);
      for (let n = 0; n < 5; n++) expect(await tablesContaining(c.store, `p${n}@example.nl`)).toEqual([]);
    } finally {
      await first.app.close();
      await second.app.close();
    }
  });
});
