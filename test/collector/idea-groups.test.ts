/**
 * Merging duplicate ideas and tagging them over real HTTP, on SQLite and, with
 * DATABASE_URL, PostgreSQL: guards, 422 issues, the public list and vote counts, undo, the audit
 * log and the exports.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminIdeaSchema, ideaTagCountsSchema, publishedIdeaListSchema, uuidv7 } from '../../src/schema/index.js';
import { BACKENDS, postJson, publishedIdea, SITE, startTestCollector, voteEnvelope, type TestCollector } from './helpers.js';

for (const backend of BACKENDS) {
  describe(`merging and tagging ideas (${backend})`, () => {
    let c: TestCollector;
    let token: string;

    beforeEach(async () => {
      c = await startTestCollector({ backend });
      token = await c.token();
    });
    afterEach(async () => c.close());

    const admin = (path: string, init: RequestInit & { as?: string } = {}) =>
      fetch(`${c.url}/v1/admin/sites/${SITE}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${init.as ?? token}`,
          ...(init.body ? { 'content-type': 'application/json' } : {}),
          ...(init.headers as Record<string, string>),
        },
      });
    const post = (path: string, body: unknown, init: RequestInit & { as?: string } = {}) =>
      admin(path, { ...init, method: 'POST', body: JSON.stringify(body) });
    const publicList = async () => publishedIdeaListSchema.parse(await (await fetch(`${c.url}/v1/sites/${SITE}/ideas`)).json()).ideas;
    const vote = async (ideaId: string) => {
      const res = await postJson(`${c.url}/v1/sites/${SITE}/ideas/${ideaId}/votes`, voteEnvelope(ideaId));
      expect(res.status).toBe(201);
      return (await res.json()) as { votes: number };
    };
    const issuesOf = async (res: Response) => {
      expect(res.status).toBe(422);
      return ((await res.json()) as { issues: { path: string; code: string }[] }).issues.map((i) => [i.path, i.code]);
    };

    it('merges duplicates: the public list shows the target with all votes; undo brings them back; both audited', async () => {
      const target = await publishedIdea(c, token, 'Een breicafé op woensdag');
      const dup = await publishedIdea(c, token, 'Samen breien, elke week');
      await vote(target);
      await vote(dup);
      await vote(dup);

      const merged = await post(`/ideas/${target}/merge`, { ideas: [dup] });
      expect(merged.status).toBe(200);
      expect(adminIdeaSchema.parse(await merged.json())).toMatchObject({ id: target, votes: 3, mergedInto: null });
      expect(await publicList()).toEqual([expect.objectContaining({ id: target, votes: 3 })]);
      // A vote from a page loaded before the merge still counts, for the group.
      expect((await vote(dup)).votes).toBe(4);

      const detail = adminIdeaSchema.parse(await (await admin(`/ideas/${dup}`)).json());
      expect(detail).toMatchObject({ mergedInto: target, text: 'Samen breien, elke week', votes: 3 });

      const undone = await post(`/ideas/${dup}/unmerge`, {});
      expect(undone.status).toBe(200);
      expect(await undone.json()).toMatchObject({ id: dup, mergedInto: null, votes: 3 });
      expect((await publicList()).map((i) => i.id).sort()).toEqual([target, dup].sort());
      expect(await issuesOf(await post(`/ideas/${dup}/unmerge`, {}))).toEqual([['', 'not_merged']]);

      const audit = (await c.store.audit.list(SITE)).filter((e) => e.action.startsWith('idea.') && e.action !== 'idea.moderate');
      expect(audit.map((e) => [e.action, e.target, e.actor])).toEqual([
        ['idea.merge', `${dup} into ${target}`, token.slice(0, 11)],
        ['idea.unmerge', `${dup} from ${target}`, token.slice(0, 11)],
      ]);
    });

    it('answers 422 with issues for merges into itself, into a merged idea, of unknown ids and cycles', async () => {
      const a = await publishedIdea(c, token, 'Idee A');
      const b = await publishedIdea(c, token, 'Idee B');
      const cc = await publishedIdea(c, token, 'Idee C');
      const unknown = uuidv7();
      expect(await issuesOf(await post(`/ideas/${a}/merge`, { ideas: [] }))).toEqual([['ideas', 'too_small']]);
      expect(await issuesOf(await post(`/ideas/${a}/merge`, { ideas: ['nope'] }))).toEqual([['ideas.0', 'invalid_format']]);
      expect(await issuesOf(await post(`/ideas/${a}/merge`, { ideas: [b], extra: 1 }))).toEqual([['', 'unrecognized_keys']]);
      expect(await issuesOf(await post(`/ideas/${a}/merge`, { ideas: [b, a, unknown] }))).toEqual([
        ['ideas.1', 'same_as_target'],
        ['ideas.2', 'idea_not_found'],
      ]);
      expect((await post(`/ideas/${a}/merge`, { ideas: [b] })).status).toBe(200);
      // b -> a exists: a into b would be a cycle, c into b nests; b elsewhere is taken; a has merged ideas.
      expect(await issuesOf(await post(`/ideas/${b}/merge`, { ideas: [a] }))).toEqual([['', 'target_merged']]);
      expect(await issuesOf(await post(`/ideas/${b}/merge`, { ideas: [cc] }))).toEqual([['', 'target_merged']]);
      expect(await issuesOf(await post(`/ideas/${cc}/merge`, { ideas: [b] }))).toEqual([['ideas.0', 'merged_elsewhere']]);
      expect(await issuesOf(await post(`/ideas/${cc}/merge`, { ideas: [a] }))).toEqual([['ideas.0', 'has_merged_ideas']]);
      expect((await post(`/ideas/${unknown}/merge`, { ideas: [a] })).status).toBe(404);
      expect((await post('/ideas/not-an-id/merge', { ideas: [a] })).status).toBe(404);
    });

    it('keeps merges and tags to moderators of the site, same-origin, JSON only', async () => {
      const a = await publishedIdea(c, token, 'Idee A');
      const b = await publishedIdea(c, token, 'Idee B');
      const reader = await c.token(['read']);
      await c.store.access.createSite({ slug: 'de-eik', name: 'De Eik' }, new Date().toISOString());
      const elsewhere = await c.token(['admin'], { site: 'de-eik' });
      for (const [path, body] of [
        [`/ideas/${a}/merge`, { ideas: [b] }],
        [`/ideas/${b}/unmerge`, {}],
        [`/ideas/${a}/tags`, { add: ['x'] }],
      ] as const) {
        expect((await post(path, body, { as: reader })).status, path).toBe(403);
        expect((await post(path, body, { as: elsewhere })).status, path).toBe(403);
        expect((await post(path, body, { headers: { 'sec-fetch-site': 'cross-site' } })).status, path).toBe(403);
        expect((await admin(path, { method: 'POST', body: 'x=1', headers: { 'content-type': 'text/plain' } })).status, path).toBe(415);
      }
      expect((await admin('/tags', { as: reader })).status).toBe(200);
      expect((await c.store.ideas.get(SITE, b))!.mergedInto).toBeNull();
    });

    it('tags ideas (normalised, at most ten), lists tag counts and filters by tag; tags stay private', async () => {
      const a = await publishedIdea(c, token, 'Koffie op zondag');
      const b = await publishedIdea(c, token, 'Zondagskoffie');
      const tagged = await post(`/ideas/${a}/tags`, { add: ['  #Koffie ', 'Zondag   middag'] });
      expect(tagged.status).toBe(200);
      expect((await tagged.json()).tags).toEqual(['koffie', 'zondag middag']);
      expect((await (await post(`/ideas/${b}/tags`, { add: ['KOFFIE'] })).json()).tags).toEqual(['koffie']);
      expect((await (await post(`/ideas/${a}/tags`, { remove: ['zondag middag'] })).json()).tags).toEqual(['koffie']);

      expect(await issuesOf(await post(`/ideas/${a}/tags`, {}))).toEqual([['', 'custom']]);
      expect(await issuesOf(await post(`/ideas/${a}/tags`, { add: [' # '] }))).toEqual([['add.0', 'too_small']]);
      expect(await issuesOf(await post(`/ideas/${a}/tags`, { add: ['x'.repeat(41)] }))).toEqual([['add.0', 'too_big']]);
      // Control characters (NUL included) become spaces: nothing unstorable reaches the database.
      expect((await (await post(`/ideas/${a}/tags`, { add: ['a\u0000b'] })).json()).tags).toEqual(['a b', 'koffie']);
      await post(`/ideas/${a}/tags`, { remove: ['a b'] });
      const ten = Array.from({ length: 10 }, (_, k) => `label ${k}`);
      expect(await issuesOf(await post(`/ideas/${a}/tags`, { add: ten }))).toEqual([['add', 'too_many_tags']]);
      expect((await post(`/ideas/${uuidv7()}/tags`, { add: ['x'] })).status).toBe(404);

      expect((await post(`/ideas/${a}/merge`, { ideas: [b] })).status).toBe(200);
      const counts = ideaTagCountsSchema.parse(await (await admin('/tags')).json());
      expect(counts.tags).toEqual([{ tag: 'koffie', ideas: 2 }]);
      const filtered = await (await admin('/ideas?tag=%23Koffie')).json();
      expect(filtered.ideas.map((i: { id: string }) => i.id).sort()).toEqual([a, b].sort());
      expect((await admin('/ideas?tag=')).status).toBe(422);
      expect(JSON.stringify(await publicList())).not.toContain('koffie"');
      expect(Object.keys((await publicList())[0]!)).not.toContain('tags');
      expect((await c.store.audit.list(SITE)).filter((e) => e.action === 'idea.tags')).toHaveLength(5);
    });

    it('shows merges and tags in the CSV and JSON exports (XLSX: export-xlsx.test.ts)', async () => {
      const a = await publishedIdea(c, token, 'Koffie op zondag');
      const b = await publishedIdea(c, token, 'Zondagskoffie');
      await post(`/ideas/${a}/tags`, { add: ['koffie', 'zondag'] });
      await vote(a);
      await vote(b);
      await vote(b);
      await post(`/ideas/${a}/merge`, { ideas: [b] });
      const csv = (await (await admin('/export/ideas.csv')).text())
        .slice(1)
        .trimEnd()
        .split('\r\n')
        .map((l) => l.split(';'));
      const header = csv[0]!;
      const row = (id: string) => csv.find((r) => r[0] === id)!;
      // Dutch headers for people; JSON keeps the stable keys (samengevoegd_met, labels).
      expect(header.slice(-2)).toEqual(['Dubbel van (kenmerk)', 'Labels']);
      expect(row(a).slice(-2)).toEqual(['', 'koffie, zondag']);
      expect(row(b).slice(-2)).toEqual([a, '']);
      const json = (await (await admin('/export/ideas.json')).json()) as Record<string, unknown>[];
      // The target's votes include its duplicate's, as in the public list; the duplicate keeps its own.
      expect(json.find((r) => r.id === a)).toMatchObject({ stemmen: 3, samengevoegd_met: null, labels: ['koffie', 'zondag'] });
      expect(json.find((r) => r.id === b)).toMatchObject({ stemmen: 2, samengevoegd_met: a, labels: [] });
      expect(row(a)[header.indexOf('Stemmen')]).toBe('3');
    });
  });
}
