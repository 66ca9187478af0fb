/**
 * Places and votes behind the same protection as submissions, through real HTTP on every backend:
 * a render token per "ik kom" and per vote (none, or a replayed one, is refused), at most 4 places
 * per "ik kom" unless the activity allows more, one vote per visitor and idea (a keyed hash, no
 * address or user agent stored), and coordinators who see and remove "ik kom" claims.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  BACKENDS,
  ORIGIN,
  SITE,
  ideaEnvelope,
  postJson,
  startTestCollector,
  tablesContaining,
  voteEnvelope,
  type TestCollector,
} from './helpers.js';
import { attendanceEnvelope, NOW } from './attendance-helpers.js';

type Json = Record<string, any>;

const KOKEN = {
  title: 'Samen koken',
  start: '2026-03-06T17:30',
  end: '2026-03-06T20:00',
  recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=FR' },
  registration: { kind: 'capacity', capacity: 6 },
};

describe.each(BACKENDS)('render tokens, caps and dedupe for places and votes (%s)', (backend) => {
  let c: TestCollector;
  let now = NOW;
  afterEach(async () => c?.close());

  async function start() {
    now = NOW;
    c = await startTestCollector({ backend, renderTokens: 'required', clock: () => now });
  }
  /** A render token old enough to use (the collector's clock moves, no sleeping). */
  async function token(): Promise<string> {
    const answer = (await (await fetch(`${c.url}/v1/sites/${SITE}/render-token`)).json()) as Json;
    now += 2_500;
    return answer.token as string;
  }
  const withToken = (t: string | undefined, extra: Record<string, string> = {}) => ({
    origin: ORIGIN,
    'user-agent': 'ScriptedBrowser/1.0',
    ...(t && { 'buurtkit-render-token': t }),
    ...extra,
  });

  it('"ik kom": no token or a replayed one is refused, at most 4 places, and coordinators remove a claim', async () => {
    await start();
    const admin = await c.token(['read', 'moderate']);
    const made = await postJson(`${c.url}/v1/admin/sites/${SITE}/activities`, KOKEN, { authorization: `Bearer ${admin}` });
    expect(made.status).toBe(201);
    const row = (await made.json()) as Json;
    const id = row.data.id as string;
    const attend = (envelope: Json, headers: Record<string, string>) =>
      postJson(`${c.url}/v1/sites/${SITE}/activities/${encodeURIComponent(id)}/attendance`, envelope, headers);
    const remaining = async () =>
      ((await (await fetch(`${c.url}/v1/sites/${SITE}/activities?from=2026-03-01&to=2026-04-30`)).json()) as Json).remaining;

    const none = await attend(attendanceEnvelope(id, { places: 2 }), withToken(undefined));
    expect(none.status).toBe(428);
    expect(((await none.json()) as Json).error).toBe('render_token_required');

    const tooMany = await attend(attendanceEnvelope(id, { places: 5 }), withToken(await token()));
    expect(tooMany.status).toBe(422);
    expect(((await tooMany.json()) as Json).issues[0]).toMatchObject({ path: 'data.places', code: 'too_many_places' });

    const t = await token();
    const first = attendanceEnvelope(id, { places: 4 });
    expect((await attend(first, withToken(t))).status).toBe(201);
    expect((await attend(first, withToken(t))).status).toBe(200); // the same "ik kom" retried
    // A script that replays the token under a new id to take the last 2 places gets nothing.
    const replay = await attend(attendanceEnvelope(id, { places: 2 }), withToken(t));
    expect(replay.status).toBe(428);
    expect(((await replay.json()) as Json).error).toBe('render_token_used');
    expect(await remaining()).toEqual({ [id]: { '2026-03-27T17:30:00': 2 } });

    // The coordinator sees the claim (anonymous) and removes it; the places come free.
    const listed = await fetch(`${c.url}/v1/admin/sites/${SITE}/activities/${row.id}/attendance`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(listed.status).toBe(200);
    const { claims } = (await listed.json()) as Json;
    expect(claims).toEqual([
      { id: first.id, activityId: row.id, occurrence: '2026-03-27T17:30:00', places: 4, createdAt: expect.any(String) },
    ]);
    const reader = await c.token(['read']);
    const forbidden = await fetch(`${c.url}/v1/admin/sites/${SITE}/attendance/${first.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${reader}` },
    });
    expect(forbidden.status).toBe(403);
    const removed = await fetch(`${c.url}/v1/admin/sites/${SITE}/attendance/${first.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(removed.status).toBe(204);
    expect(
      (
        await fetch(`${c.url}/v1/admin/sites/${SITE}/attendance/${first.id}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${admin}` },
        })
      ).status,
    ).toBe(404);
    expect(await remaining()).toEqual({});
    const audit = await c.store.audit.list(SITE);
    expect(audit.map((a) => [a.action, a.target])).toContainEqual(['attendance.remove', first.id]);

    // An activity may allow larger groups.
    const big = await postJson(
      `${c.url}/v1/admin/sites/${SITE}/activities`,
      { ...KOKEN, title: 'Buurtfeest', registration: { kind: 'capacity', capacity: 50, maxPlaces: 8 } },
      {
        authorization: `Bearer ${admin}`,
      },
    );
    const bigId = ((await big.json()) as Json).data.id as string;
    const group = await postJson(
      `${c.url}/v1/sites/${SITE}/activities/${encodeURIComponent(bigId)}/attendance`,
      attendanceEnvelope(bigId, { places: 8 }),
      withToken(await token()),
    );
    expect(group.status).toBe(201);
  });

  it('votes: no token or a replayed one is refused; one visitor counts once per idea; nothing identifying is stored', async () => {
    await start();
    const envelope = ideaEnvelope({}, { text: 'Samen koken op vrijdag' });
    expect((await postJson(`${c.url}/v1/sites/${SITE}/submissions`, envelope, withToken(await token()))).status).toBe(201);
    await c.store.ideas.moderate(SITE, envelope.id, { published: true }, new Date(now).toISOString());
    const idea = envelope.id;
    const vote = (envelope: Json, headers: Record<string, string>) =>
      postJson(`${c.url}/v1/sites/${SITE}/ideas/${idea}/votes`, envelope, headers);

    const none = await vote(voteEnvelope(idea), withToken(undefined));
    expect(none.status).toBe(428);

    const t = await token();
    const first = voteEnvelope(idea);
    const counted = await vote(first, withToken(t));
    expect(counted.status).toBe(201);
    expect(((await counted.json()) as Json).votes).toBe(1);
    expect((await vote(first, withToken(t))).status).toBe(200); // a retry of the same vote

    const replay = await vote(voteEnvelope(idea), withToken(t));
    expect(replay.status).toBe(428);
    expect(((await replay.json()) as Json).error).toBe('render_token_used');

    // A fresh token does not make the same visitor a new voter.
    const again = await vote(voteEnvelope(idea), withToken(await token()));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: 'duplicate', votes: 1 });

    // Another browser (user agent) on the same address is another visitor.
    const other = await vote(voteEnvelope(idea), withToken(await token(), { 'user-agent': 'AnotherBrowser/2.0' }));
    expect(other.status).toBe(201);
    expect(((await other.json()) as Json).votes).toBe(2);

    expect(await tablesContaining(c.store, 'ScriptedBrowser')).toEqual([]);
    expect(await tablesContaining(c.store, '127.0.0.1')).toEqual([]);
  });
});
