/**
 * "Mark as handled" over HTTP: one route shape for every kind, the lists' handled state
 * and `?handled=` filter, scopes, cross-site refusal, bad input and the audit log; on SQLite and,
 * with DATABASE_URL, PostgreSQL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/collector/auth.js';
import type { HandledKind } from '../../src/schema/index.js';
import { uuidv7 } from '../../src/schema/index.js';
import { oneOfEach } from './handled-helpers.js';
import { BACKENDS, SITE, startTestCollector, type TestCollector } from './helpers.js';

/** Each kind's item path under the site, and how its list is read back. */
const PATHS: Record<HandledKind, string> = {
  idea: 'ideas',
  intake: 'intakes',
  application: 'volunteer/applications',
  signup: 'volunteer/signups',
  'poll-response': 'poll-responses',
};
const LISTS: Record<HandledKind, { path: string; key: string }> = {
  idea: { path: '/ideas', key: 'ideas' },
  intake: { path: '/intakes', key: 'intakes' },
  application: { path: '/volunteer/applications', key: 'applications' },
  signup: { path: '/volunteer/signups?from=2026-11-01&to=2026-12-31', key: 'signups' },
  'poll-response': { path: '/polls/welkom/responses?from=2026-01-01&to=2026-12-31', key: 'responses' },
};
const KINDS = Object.keys(PATHS) as HandledKind[];

describe.each(BACKENDS)('handled routes on %s', (backend) => {
  let c: TestCollector;
  afterEach(async () => c.close());

  const call = (path: string, token: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
    fetch(`${c.url}/v1/admin/sites/${SITE}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
    });
  const put = (kind: HandledKind, id: string, token: string, body: unknown, headers: Record<string, string> = {}) =>
    call(`/${PATHS[kind]}/${id}/handled`, token, { method: 'PUT', body: JSON.stringify(body), headers });
  const list = async (kind: HandledKind, token: string, handled?: boolean) => {
    const { path, key } = LISTS[kind];
    const query = handled === undefined ? '' : `${path.includes('?') ? '&' : '?'}handled=${handled}`;
    const res = await call(`${path}${query}`, token);
    expect(res.status, `${kind} list`).toBe(200);
    return ((await res.json()) as Record<string, { id: string; handledAt: string | null; handledBy: string | null }[]>)[key]!;
  };

  it('marks and unmarks every kind, by the token label, lists and filters it, and audits each change', async () => {
    c = await startTestCollector({ backend });
    const ids = await oneOfEach(c.store, SITE);
    const { token, record } = await issueToken(c.store, { site: SITE, scopes: ['read', 'moderate'], label: 'Fatima (coördinator)' });

    for (const kind of KINDS) {
      const [item] = await list(kind, token);
      expect(item, kind).toMatchObject({ id: ids[kind], handledAt: null, handledBy: null });
      expect(await list(kind, token, true), kind).toEqual([]);

      const res = await put(kind, ids[kind], token, { handled: true });
      expect(res.status, kind).toBe(200);
      const state = (await res.json()) as { id: string; handledAt: string; handledBy: string };
      expect(state, kind).toMatchObject({ id: ids[kind], handledBy: 'Fatima (coördinator)' });
      expect(Date.parse(state.handledAt)).toBeGreaterThan(Date.now() - 60_000);

      expect(
        (await list(kind, token, true)).map((r) => [r.id, r.handledAt, r.handledBy]),
        kind,
      ).toEqual([[ids[kind], state.handledAt, 'Fatima (coördinator)']]);
      expect(await list(kind, token, false), kind).toEqual([]);

      const undo = await put(kind, ids[kind], token, { handled: false });
      expect(await undo.json(), kind).toEqual({ id: ids[kind], handledAt: null, handledBy: null });
      expect(
        (await list(kind, token, false)).map((r) => r.id),
        kind,
      ).toEqual([ids[kind]]);
    }
    const idea = (await (await call(`/ideas/${ids.idea}`, token)).json()) as { handledAt: string | null };
    expect(idea.handledAt).toBeNull();

    const audit = (await c.store.audit.list(SITE)).filter((e) => /\.(un)?handled$/.test(e.action));
    expect(audit.map((e) => [e.action, e.target, e.actor, e.rowCount])).toEqual(
      KINDS.flatMap((k) => [
        [`${k}.handled`, ids[k], record.prefix, 1],
        [`${k}.unhandled`, ids[k], record.prefix, 1],
      ]),
    );
  });

  it('puts the handled state in the idea, intake, poll response and shift sign-up exports', async () => {
    c = await startTestCollector({ backend });
    const ids = await oneOfEach(c.store, SITE);
    const { token } = await issueToken(c.store, { site: SITE, scopes: ['read', 'moderate', 'export'], label: 'Fatima' });
    const states: Partial<Record<HandledKind, string>> = {};
    for (const kind of ['idea', 'intake', 'poll-response', 'signup'] as const) {
      states[kind] = ((await (await put(kind, ids[kind], token, { handled: true })).json()) as { handledAt: string }).handledAt;
    }
    const ideas = (await (await call('/export/ideas.json', token)).json()) as Record<string, unknown>[];
    expect(ideas.find((i) => i.id === ids.idea)).toMatchObject({ afgehandeld_op: states.idea, afgehandeld_door: 'Fatima' });
    expect((await (await call('/export/ideas.csv', token)).text()).split('\r\n')[0]).toMatch(
      /;Controlegetal toestemmingstekst;Afgehandeld op;Afgehandeld op \(UTC\);Afgehandeld door;Dubbel van \(kenmerk\);Labels$/,
    );

    const intakes = (await (await call('/export/intakes.json', token)).json()) as Record<string, unknown>[];
    // The same key means the same in every export: the instant in UTC, and `…_lokaal` the local time.
    expect(intakes.find((i) => i.id === ids.intake)).toMatchObject({ afgehandeld_op: states.intake, afgehandeld_door: 'Fatima' });
    expect(intakes.find((i) => i.id === ids.intake)!.afgehandeld_op_lokaal).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);

    const responses = (await (await call('/polls/welkom/export/responses.json?from=2026-01-01&to=2026-12-31', token)).json()) as Record<
      string,
      unknown
    >[];
    expect(responses.find((r) => r.id === ids['poll-response'])).toMatchObject({
      afgehandeld_op: states['poll-response'],
      afgehandeld_door: 'Fatima',
    });

    const csv = (await (await call('/export/volunteer-signups.csv?from=2026-11-01&to=2026-12-31', token)).text())
      .slice(1)
      .trimEnd()
      .split('\r\n');
    expect(csv[0]!.split(';').slice(-3)).toEqual(['Afgehandeld op', 'Afgehandeld op (UTC)', 'Afgehandeld door']);
    const row = csv.find((line) => line.includes(ids.signup))!.split(';');
    expect(row.at(-3)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(row.at(-2)).toBe(states.signup);
    expect(row.at(-1)).toBe('Fatima');
  });

  it('names a token without a label by its prefix', async () => {
    c = await startTestCollector({ backend });
    const ids = await oneOfEach(c.store, SITE);
    const { token, record } = await issueToken(c.store, { site: SITE, scopes: ['moderate'] });
    const state = (await (await put('signup', ids.signup, token, { handled: true })).json()) as { handledBy: string };
    expect(state.handledBy).toBe(record.prefix);
  });

  it('needs moderate, refuses other websites, unknown ids and bad bodies, and changes nothing then', async () => {
    c = await startTestCollector({ backend });
    const ids = await oneOfEach(c.store, SITE);
    const reader = await c.token(['read', 'export']);
    const moderator = await c.token(['moderate']);
    for (const kind of KINDS) {
      expect((await put(kind, ids[kind], reader, { handled: true })).status, kind).toBe(403);
      expect((await put(kind, ids[kind], 'bk_nope', { handled: true })).status, kind).toBe(401);
      const cross = await put(kind, ids[kind], moderator, { handled: true }, { 'sec-fetch-site': 'cross-site' });
      expect(cross.status, kind).toBe(403);
      expect(((await cross.json()) as { error: string }).error).toBe('cross_site_request');

      const unknown = await put(kind, uuidv7(), moderator, { handled: true });
      expect(unknown.status, kind).toBe(404);
      expect(((await unknown.json()) as { error: string }).error).toMatch(/_not_found$/);
      expect((await put(kind, 'not-an-id', moderator, { handled: true })).status, kind).toBe(404);

      const bad = await put(kind, ids[kind], moderator, { handled: 'yes', extra: 1 });
      expect(bad.status, kind).toBe(422);
      const issues = ((await bad.json()) as { issues: { path: string }[] }).issues.map((i) => i.path);
      expect(issues, kind).toContain('handled');
      const text = await call(`/${PATHS[kind]}/${ids[kind]}/handled`, moderator, {
        method: 'PUT',
        body: 'handled',
        headers: { 'content-type': 'text/plain' },
      });
      expect(text.status, kind).toBe(415);
    }
    // Another site's token cannot mark this site's items.
    await c.store.access.createSite({ slug: 'de-eik', name: 'De Eik' }, new Date().toISOString());
    const other = await c.token(['moderate'], { site: 'de-eik' });
    expect((await put('idea', ids.idea, other, { handled: true })).status).toBe(403);

    const admin = await c.token(['read']);
    for (const kind of KINDS) expect((await list(kind, admin, true)).length, kind).toBe(0);
    expect((await c.store.audit.list(SITE)).filter((e) => e.action.endsWith('handled'))).toEqual([]);
  });

  it('refuses a handled filter that is not true or false', async () => {
    c = await startTestCollector({ backend });
    const token = await c.token(['read']);
    for (const kind of KINDS) {
      const { path } = LISTS[kind];
      const res = await call(`${path}${path.includes('?') ? '&' : '?'}handled=maybe`, token);
      expect(res.status, kind).toBe(422);
    }
  });
});
