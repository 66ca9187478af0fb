/** The coordinator's view of the audit log (`GET …/audit`), through real HTTP on every backend. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, SITE, ideaEnvelope, postJson, startTestCollector, type TestCollector } from './helpers.js';
import { noticePostgresSkipped } from './pg.js';

noticePostgresSkipped('audit route tests');

type Entry = { at: string; actor: string; action: string; target: string | null; rowCount: number | null };

for (const backend of BACKENDS) {
  describe(`audit log route (${backend})`, () => {
    let c: TestCollector;
    let now = Date.parse('2026-03-01T09:00:00Z');
    let admin: string;
    let exporter: string;

    const get = (token: string, query = '') =>
      fetch(`${c.url}/v1/admin/sites/${SITE}/audit${query}`, { headers: { authorization: `Bearer ${token}` } });
    const entries = async (query = '') => {
      const res = await get(admin, query);
      expect(res.status).toBe(200);
      return ((await res.json()) as { entries: Entry[] }).entries;
    };

    beforeEach(async () => {
      now = Date.parse('2026-03-01T09:00:00Z');
      c = await startTestCollector({ backend, clock: () => now });
      admin = await c.token(['admin']);
      exporter = await c.token(['export']);
      for (const text of ['Een moestuin', 'Koffie-ochtend']) {
        expect((await postJson(`${c.url}/v1/sites/${SITE}/submissions`, ideaEnvelope({}, { text }))).status).toBe(201);
      }
      const download = async (path: string) => {
        now += 60_000;
        const res = await fetch(`${c.url}/v1/admin/sites/${SITE}/export/${path}`, { headers: { authorization: `Bearer ${exporter}` } });
        expect(res.status).toBe(200);
        await res.arrayBuffer();
      };
      await download('ideas.csv');
      await download('ideas.json');
      now += 60_000;
      const ideas = await fetch(`${c.url}/v1/admin/sites/${SITE}/ideas`, { headers: { authorization: `Bearer ${admin}` } });
      const id = ((await ideas.json()) as { ideas: { id: string }[] }).ideas[0]!.id;
      const patch = await fetch(`${c.url}/v1/admin/sites/${SITE}/ideas/${id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ published: true }),
      });
      expect(patch.status).toBe(200);
    });
    afterEach(() => c.close());

    it('lists the newest first, with who (token prefix), what and how many rows', async () => {
      const all = await entries();
      expect(all.map((e) => e.action)).toEqual(['idea.moderate', 'export.ideas', 'export.ideas']);
      expect(all[1]).toMatchObject({ at: '2026-03-01T09:02:00.000Z', rowCount: 2 });
      expect(all[2]).toMatchObject({ at: '2026-03-01T09:01:00.000Z', rowCount: 2 });
      expect(all[1]!.actor).toBe(exporter.slice(0, all[1]!.actor.length));
      expect(all[1]!.actor.length).toBeGreaterThan(3);
      expect(all[0]!.actor).not.toBe(all[1]!.actor);
    });

    it('filters on an action prefix and limits', async () => {
      const exports = await entries('?action=export');
      expect(exports).toHaveLength(2);
      expect(exports.every((e) => e.action.startsWith('export'))).toBe(true);
      expect(await entries('?action=idea.')).toHaveLength(1);
      expect(await entries('?action=nothing')).toEqual([]);
      const one = await entries('?action=export&limit=1');
      expect(one).toHaveLength(1);
      expect(one[0]!.at).toBe('2026-03-01T09:02:00.000Z');
    });

    it('needs the admin scope and a valid query', async () => {
      expect((await get(exporter)).status).toBe(403);
      expect((await get('bk_not-a-token')).status).toBe(401);
      expect((await get(admin, '?limit=0')).status).toBe(422);
      expect((await get(admin, '?who=me')).status).toBe(422);
    });
  });
}
