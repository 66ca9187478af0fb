/** Retention settings and the purge from the coordinator page: admin routes, on every backend. */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION, IDEA_CONSENT_TEXT_VERSION } from '../../src/schema/index.js';
import { BACKENDS, ideaEnvelope, postJson, startTestCollector, type TestCollector } from './helpers.js';

const DAY = 86_400_000;
const START = Date.parse('2026-01-15T10:00:00.000Z');
type Json = Record<string, any>;

describe.each(BACKENDS)('retention settings routes (%s)', (backend) => {
  let c: TestCollector;
  let now = START;
  const clock = () => now;
  afterEach(async () => {
    await c?.close();
    now = START;
  });

  const call = async (token: string, method: string, path = '', body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${c.url}/v1/admin/sites/${c.site}/settings/retention${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };

  it('shows the periods in force with defaults and bounds, and changes them within bounds, audited', async () => {
    c = await startTestCollector({ backend, clock });
    const admin = await c.token(['admin']);
    const first = await call(admin, 'GET');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ retention: DEFAULT_RETENTION, custom: {}, defaults: DEFAULT_RETENTION, min: 1, max: 120 });
    expect(first.body.rules.map((r: Json) => r.key).sort()).toEqual(Object.keys(DEFAULT_RETENTION).sort());
    expect(first.body.rules[0]).toEqual({ key: 'ideaContactMonths', action: 'purge.idea-contact', what: expect.stringContaining('ideas') });

    const saved = await call(admin, 'PUT', '', { ideaContactMonths: 6, intakeMonths: 120 });
    expect(saved.status).toBe(200);
    expect(saved.body.custom).toEqual({ ideaContactMonths: 6, intakeMonths: 120 });
    expect(saved.body.retention).toEqual({ ...DEFAULT_RETENTION, ideaContactMonths: 6, intakeMonths: 120 });
    expect((await c.store.access.getSite(c.site))!.settings.retention).toEqual({ ideaContactMonths: 6, intakeMonths: 120 });
    // Other settings stay as they were.
    expect((await c.store.access.getSite(c.site))!.settings.ideaSort).toBe('newest');

    // A PUT replaces the site's own periods: what is left out goes back to its default.
    const again = await call(admin, 'PUT', '', { pollTextMonths: 1 });
    expect(again.body.retention).toEqual({ ...DEFAULT_RETENTION, pollTextMonths: 1 });
    expect((await call(admin, 'GET')).body.custom).toEqual({ pollTextMonths: 1 });

    const audit = (await c.store.audit.list(c.site)).filter((e) => e.action === 'settings.retention');
    expect(audit.map((e) => e.target).sort()).toEqual(['ideaContactMonths=6,intakeMonths=120', 'pollTextMonths=1']);
    expect(admin.startsWith(audit[0]!.actor)).toBe(true);
  });

  it('refuses periods out of bounds and unknown kinds with issues at their keys, changing nothing', async () => {
    c = await startTestCollector({ backend, clock, site: { settings: { retention: { intakeMonths: 9 } } } });
    const admin = await c.token(['admin']);
    const bad = await call(admin, 'PUT', '', {
      ideaContactMonths: 0,
      intakeMonths: 121,
      pollTextMonths: 1.5,
      signupContactMonths: '3',
      ideaMonths: 6,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.issues.map((i: Json) => i.path).sort()).toEqual([
      'ideaContactMonths',
      'ideaMonths',
      'intakeMonths',
      'pollTextMonths',
      'signupContactMonths',
    ]);
    expect((await call(admin, 'PUT', '', [])).status).toBe(422);
    expect((await call(admin, 'PUT', '', null)).status).toBe(422);
    expect((await c.store.access.getSite(c.site))!.settings.retention).toEqual({ intakeMonths: 9 });
    expect((await c.store.audit.list(c.site)).filter((e) => e.action === 'settings.retention')).toEqual([]);
  });

  it('needs the admin scope and this site, and refuses changes from another website', async () => {
    c = await startTestCollector({ backend, clock });
    const other = await c.store.access.createSite({ slug: 'de-eik', name: 'De Eik' }, new Date(now).toISOString());
    const everythingElse = await c.token(['read', 'moderate', 'export', 'sensitive']);
    expect((await call(everythingElse, 'GET')).status).toBe(403);
    expect((await call(everythingElse, 'PUT', '', { intakeMonths: 1 })).status).toBe(403);
    expect((await call(everythingElse, 'POST', '/purge', { dryRun: true })).status).toBe(403);
    const otherAdmin = await c.token(['admin'], { site: other.slug });
    expect([401, 403]).toContain((await call(otherAdmin, 'GET')).status);
    expect([401, 403]).toContain((await call(otherAdmin, 'PUT', '', { intakeMonths: 1 })).status);
    const admin = await c.token(['admin']);
    const cross = await call(admin, 'PUT', '', { intakeMonths: 1 }, { 'sec-fetch-site': 'cross-site' });
    expect(cross).toMatchObject({ status: 403, body: { error: 'cross_site_request' } });
    expect((await call(admin, 'POST', '/purge', { dryRun: false }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await c.store.access.getSite(c.site))!.settings.retention).toBeUndefined();
  });

  it('shows what a purge would remove now without changing anything, then runs it for this site, audited', async () => {
    c = await startTestCollector({ backend, clock });
    const other = await c.store.access.createSite(
      { slug: 'de-eik', name: 'De Eik', settings: { retention: { ideaContactMonths: 1 } } },
      new Date(now).toISOString(),
    );
    const envelope = ideaEnvelope(
      { consent: { textVersion: IDEA_CONSENT_TEXT_VERSION, givenAt: new Date(now).toISOString() } },
      { text: 'Een repair-café', name: 'Kees', contact: 'kees@example.nl' },
    );
    expect((await postJson(`${c.url}/v1/sites/${c.site}/submissions`, envelope)).status).toBe(201);
    const otherIdea = ideaEnvelope(
      { site: other.slug, consent: { textVersion: IDEA_CONSENT_TEXT_VERSION, givenAt: new Date(now).toISOString() } },
      { text: 'Een boekenkast', name: 'Els', contact: 'els@example.nl' },
    );
    await c.store.access.updateSite(other.slug, { allowedOrigins: [] });
    expect((await postJson(`${c.url}/v1/sites/${other.slug}/submissions`, otherIdea)).status).toBe(201);
    now += 45 * DAY;
    const admin = await c.token(['admin']);

    const before = await call(admin, 'POST', '/purge', { dryRun: true });
    expect(before.body.lines.find((l: Json) => l.action === 'purge.idea-contact')).toMatchObject({ months: 12, count: 0 });
    await call(admin, 'PUT', '', { ideaContactMonths: 1 });
    const dry = await call(admin, 'POST', '/purge', { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.dryRun).toBe(true);
    expect(dry.body.lines).toHaveLength(Object.keys(DEFAULT_RETENTION).length);
    expect(dry.body.lines.find((l: Json) => l.action === 'purge.idea-contact')).toMatchObject({
      months: 1,
      count: 1,
      before: '2026-02-01T10:00:00.000Z', // 1 March, one calendar month back
    });
    expect((await c.store.ideas.get(c.site, envelope.id))!.contact).toBe('kees@example.nl');
    expect((await c.store.audit.list(c.site)).filter((e) => e.action.startsWith('purge.'))).toEqual([]);

    const run = await call(admin, 'POST', '/purge', { dryRun: false });
    expect(run.body.lines.find((l: Json) => l.action === 'purge.idea-contact')).toMatchObject({ count: 1 });
    expect(await c.store.ideas.get(c.site, envelope.id)).toMatchObject({ text: 'Een repair-café', contact: null, name: null });
    const audited = (await c.store.audit.list(c.site)).filter((e) => e.action.startsWith('purge.'));
    expect(audited).toHaveLength(Object.keys(DEFAULT_RETENTION).length);
    expect(audited.every((e) => admin.startsWith(e.actor))).toBe(true);
    // Only this site: the other one's idea is due by its own setting but untouched.
    expect((await c.store.ideas.get(other.slug, otherIdea.id))!.contact).toBe('els@example.nl');

    expect((await call(admin, 'POST', '/purge', {})).status).toBe(422);
    expect((await call(admin, 'POST', '/purge', { dryRun: 'yes' })).status).toBe(422);
  });
});
