/**
 * The merge-and-tag part of the Store contract, against a SQLite file and, with
 * DATABASE_URL, PostgreSQL: merged duplicates leave the public list and count their votes towards
 * the idea they are merged into, undo restores them exactly, the one-level rule holds even when
 * two merges race on two store instances, and tags are counted per recurring wish.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/collector/store/types.js';
import { uuidv7 } from '../../src/schema/index.js';
import { noticePostgresSkipped } from './pg.js';
import { contractBackends, useContractStore } from './store-contract.js';

noticePostgresSkipped('idea merge and tag contract tests');

const T0 = '2026-03-01T09:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

for (const [name, makeStore] of contractBackends()) {
  describe(`Store contract: merged ideas and tags (${name})`, () => {
    const fx = useContractStore(makeStore);
    let store: Store;
    let n: number;

    /** Stores an idea (published unless told otherwise) and returns its id. */
    const addIdea = async (text: string, { site = 'linde', published = true } = {}) => {
      const id = uuidv7();
      const receivedAt = at(++n * 1000);
      const submission = {
        id,
        site,
        widget: 'idea-box' as const,
        kind: 'idea',
        locale: 'nl',
        schemaVersion: 1,
        sentAt: receivedAt,
        receivedAt,
        consent: null,
        data: { kind: 'idea', text },
        elapsedMs: 8000,
      };
      const idea = {
        text,
        category: null,
        role: null,
        wantsToHelp: false,
        name: null,
        contact: null,
        consentVersion: null,
        consentGivenAt: null,
        consentHash: null,
      };
      expect(await store.ideas.insert(submission, idea)).toBe('created');
      if (published) await store.ideas.moderate(site, id, { published: true }, receivedAt);
      return id;
    };
    const vote = (ideaId: string, site = 'linde') => store.ideas.addVote({ id: uuidv7(), site, ideaId, createdAt: at(n * 1000 + 1) });
    const votes = async (id: number | string, count: number) => {
      for (let k = 0; k < count; k++) await vote(String(id));
    };
    const publicIds = async () => (await store.ideas.listPublished('linde', 'newest', 100)).map((i) => i.id);

    beforeEach(() => {
      n = 0;
      store = fx.store;
    });

    it('merges duplicates: they leave the public list, their votes count towards the target, texts stay', async () => {
      const target = await addIdea('Een breicafé op woensdag');
      const dup1 = await addIdea('Breien met elkaar, graag!');
      const dup2 = await addIdea('Handwerkochtend', { published: false });
      await votes(target, 2);
      await votes(dup1, 3);
      expect((await store.ideas.get('linde', target))!.votes).toBe(2);

      const result = await store.ideas.merge('linde', target, [dup1, dup2], at(60_000));
      expect(result.outcome).toBe('merged');
      if (result.outcome !== 'merged') return;
      expect(result.merged.sort()).toEqual([dup1, dup2].sort());
      expect(result.idea).toMatchObject({ id: target, votes: 5, mergedInto: null, updatedAt: at(60_000) });

      const merged = (await store.ideas.get('linde', dup1))!;
      expect(merged).toMatchObject({
        text: 'Breien met elkaar, graag!',
        mergedInto: target,
        mergedAt: at(60_000),
        published: true,
        votes: 3,
      });
      expect(await publicIds()).toEqual([target]);
      expect((await store.ideas.listPublished('linde', 'votes', 100))[0]).toMatchObject({ id: target, votes: 5 });
      // The admin list keeps every idea, merged ones included.
      expect((await store.ideas.list('linde', { limit: 100, offset: 0 })).map((i) => i.id).sort()).toEqual([target, dup1, dup2].sort());

      // A visitor with an old list still votes for the merged idea: it counts for the group.
      expect(await vote(dup1)).toEqual({ outcome: 'created', votes: 6 });
      expect((await store.ideas.get('linde', target))!.votes).toBe(6);
      // The export shows the merge on the merged rows.
      const exported = [];
      for await (const i of store.ideas.export('linde', { receivedUpTo: at(600_000) })) exported.push(i);
      expect(exported.map((i) => i.mergedInto)).toEqual([null, target, target]);
    });

    it('undoes a merge exactly, and a retried merge changes nothing', async () => {
      const target = await addIdea('Een breicafé op woensdag');
      const dup = await addIdea('Breien met elkaar');
      await votes(dup, 2);
      await store.ideas.merge('linde', target, [dup], at(60_000));
      const again = await store.ideas.merge('linde', target, [dup], at(70_000));
      expect(again).toMatchObject({ outcome: 'merged', merged: [] });
      expect((await store.ideas.get('linde', dup))!.mergedAt).toBe(at(60_000));

      expect(await store.ideas.unmerge('eik', dup, at(80_000))).toBeNull();
      const undone = await store.ideas.unmerge('linde', dup, at(80_000));
      expect(undone).toMatchObject({
        from: target,
        idea: { id: dup, mergedInto: null, mergedAt: null, votes: 2, text: 'Breien met elkaar' },
      });
      expect((await store.ideas.get('linde', target))!).toMatchObject({ votes: 0, updatedAt: at(80_000) });
      expect((await publicIds()).sort()).toEqual([target, dup].sort());
      expect(await store.ideas.unmerge('linde', dup, at(90_000))).toBeNull();
    });

    it('refuses merges that break the one-level rule, all or nothing', async () => {
      const a = await addIdea('Idee A');
      const b = await addIdea('Idee B');
      const c = await addIdea('Idee C');
      const d = await addIdea('Idee D');
      const other = await addIdea('Idee van een andere locatie', { site: 'eik' });
      const unknown = uuidv7();

      expect(await store.ideas.merge('linde', unknown, [a], T0)).toEqual({ outcome: 'target-not-found' });
      expect(await store.ideas.merge('eik', a, [other], T0)).toEqual({ outcome: 'target-not-found' });
      expect(await store.ideas.merge('linde', a, [a, unknown, other, b], T0)).toEqual({
        outcome: 'rejected',
        problems: [
          { id: a, problem: 'same-as-target' },
          { id: unknown, problem: 'not-found' },
          { id: other, problem: 'not-found' },
        ],
      });
      // Nothing of a rejected request was merged, not even the good id.
      expect((await store.ideas.get('linde', b))!.mergedInto).toBeNull();

      expect((await store.ideas.merge('linde', a, [b], T0)).outcome).toBe('merged');
      // Into a merged idea: merge into its target instead. That also rules out cycles.
      expect(await store.ideas.merge('linde', b, [a], T0)).toEqual({ outcome: 'target-merged', mergedInto: a });
      expect(await store.ideas.merge('linde', b, [c], T0)).toEqual({ outcome: 'target-merged', mergedInto: a });
      expect(await store.ideas.merge('linde', c, [b], T0)).toEqual({
        outcome: 'rejected',
        problems: [{ id: b, problem: 'merged-elsewhere' }],
      });
      expect(await store.ideas.merge('linde', c, [a, d], T0)).toEqual({
        outcome: 'rejected',
        problems: [{ id: a, problem: 'has-merged-ideas' }],
      });
      expect((await store.ideas.get('linde', d))!.mergedInto).toBeNull();
    });

    it('never makes a cycle when two opposite merges race on two instances', async () => {
      const second = await fx.open();
      for (let round = 0; round < 5; round++) {
        const a = await addIdea(`Ronde ${round} A`);
        const b = await addIdea(`Ronde ${round} B`);
        const outcomes = await Promise.all([store.ideas.merge('linde', a, [b], T0), second.ideas.merge('linde', b, [a], T0)]);
        expect(outcomes.filter((o) => o.outcome === 'merged')).toHaveLength(1);
        const rows = [(await store.ideas.get('linde', a))!, (await store.ideas.get('linde', b))!];
        expect(rows.filter((r) => r.mergedInto !== null)).toHaveLength(1);
      }
    });

    it('erasing the target idea sets its merged ideas free', async () => {
      const target = await addIdea('Een breicafé');
      const dup = await addIdea('Breien');
      await store.ideas.merge('linde', target, [dup], T0);
      await store.ideas.changeTags('linde', target, { add: ['handwerk'], remove: [] }, T0);
      expect(await store.ideas.erase('linde', [target], { includeContent: true })).toBe(1);
      expect((await store.ideas.get('linde', dup))!.mergedInto).toBeNull();
      expect(await publicIds()).toEqual([dup]);
      expect(await store.ideas.listTags('linde')).toEqual([]);
    });

    it('adds and removes tags, sorted and once each, and filters the list by tag', async () => {
      const a = await addIdea('Koffie op zondag');
      const b = await addIdea('Spelletjes en koffie');
      expect(await store.ideas.changeTags('linde', uuidv7(), { add: ['koffie'], remove: [] }, T0)).toBeNull();
      expect(await store.ideas.changeTags('eik', a, { add: ['koffie'], remove: [] }, T0)).toBeNull();

      const tagged = await store.ideas.changeTags('linde', a, { add: ['zondag', 'koffie', 'koffie'], remove: [] }, at(5000));
      expect(tagged).toMatchObject({ id: a, tags: ['koffie', 'zondag'], updatedAt: at(5000) });
      expect((await store.ideas.changeTags('linde', a, { add: ['weekend'], remove: ['zondag', 'nooit-gehad'] }, T0))!.tags).toEqual([
        'koffie',
        'weekend',
      ]);
      await store.ideas.changeTags('linde', b, { add: ['koffie', 'spel'], remove: [] }, T0);

      expect((await store.ideas.list('linde', { tag: 'koffie', limit: 10, offset: 0 })).map((i) => i.id).sort()).toEqual([a, b].sort());
      expect((await store.ideas.list('linde', { tag: 'spel', limit: 10, offset: 0 })).map((i) => i.id)).toEqual([b]);
      expect(await store.ideas.list('linde', { tag: 'onbekend', limit: 10, offset: 0 })).toEqual([]);
      // Tags are coordinators' words: never in the public list.
      expect(Object.keys((await store.ideas.listPublished('linde', 'newest', 10))[0]!)).not.toContain('tags');
    });

    it('counts each tag per wish: tagged ideas and the ideas merged into them, each once', async () => {
      const a = await addIdea('Koffie op zondag');
      const b = await addIdea('Zondagskoffie');
      const c = await addIdea('Koffie in het weekend');
      const d = await addIdea('Een moestuin');
      await addIdea('Koffie bij De Eik', { site: 'eik' }).then((e) =>
        store.ideas.changeTags('eik', e, { add: ['koffie'], remove: [] }, T0),
      );
      await store.ideas.changeTags('linde', a, { add: ['koffie', 'zondag'], remove: [] }, T0);
      // A duplicate that has the tag itself still counts once.
      await store.ideas.changeTags('linde', b, { add: ['koffie'], remove: [] }, T0);
      await store.ideas.changeTags('linde', d, { add: ['tuin'], remove: [] }, T0);
      await store.ideas.merge('linde', a, [b, c], T0);
      expect(await store.ideas.listTags('linde')).toEqual([
        { tag: 'koffie', ideas: 3 },
        { tag: 'zondag', ideas: 3 },
        { tag: 'tuin', ideas: 1 },
      ]);
      expect(await store.ideas.listTags('eik')).toEqual([{ tag: 'koffie', ideas: 1 }]);
    });
  });
}
