/** The ideas part of the Store contract, against SQLite and, with DATABASE_URL, PostgreSQL. */
import { describe, expect, it } from 'vitest';
import type { Store, SubmissionRecord } from '../../src/collector/store/types.js';
import { uuidv7 } from '../../src/schema/index.js';
import { at, CONSENT_HASH, idea, submission, contractBackends, useContractStore } from './store-contract.js';

for (const [name, makeStore] of contractBackends()) {
  describe(`Store contract, ideas: ${name}`, () => {
    const fx = useContractStore(makeStore);

    /** Inserts a published idea and returns its id. */
    async function publishedIdea(site = 'linde', receivedAt = at(0)): Promise<string> {
      const s = submission(site, { receivedAt });
      expect(await fx.store.ideas.insert(s, idea())).toBe('created');
      await fx.store.ideas.moderate(site, s.id, { published: true }, receivedAt);
      return s.id;
    }

    describe('retention', () => {
      it('removes name, contact and consent from ideas received before the cut-off, once; text stays', async () => {
        const withContact = (site: string, receivedAt: string) => {
          const s = submission(site, {
            receivedAt,
            consent: { textVersion: 'idea-contact-2026-11', givenAt: receivedAt, textHash: CONSENT_HASH },
            data: { kind: 'idea', text: 'Oud idee', name: 'Anna', contact: 'anna@example.nl' },
          });
          const i = idea({
            text: 'Oud idee',
            name: 'Anna',
            contact: 'anna@example.nl',
            consentVersion: 'idea-contact-2026-11',
            consentGivenAt: receivedAt,
            consentHash: CONSENT_HASH,
            wantsToHelp: true,
          });
          return { s, i };
        };
        const old = withContact('linde', at(0));
        const oldPlain = submission('linde', { receivedAt: at(1) });
        const recent = withContact('linde', at(60_000));
        const otherSite = withContact('eik', at(0));
        for (const { s, i } of [old, recent, otherSite]) expect(await fx.store.ideas.insert(s, i)).toBe('created');
        expect(await fx.store.ideas.insert(oldPlain, idea())).toBe('created');
        const cutOff = at(30_000);

        expect(await fx.store.ideas.purgeContacts('linde', cutOff, { dryRun: true })).toBe(1);
        expect((await fx.store.ideas.get('linde', old.s.id))!.contact).toBe('anna@example.nl');

        expect(await fx.store.ideas.purgeContacts('linde', cutOff, { dryRun: false })).toBe(1);
        expect(await fx.store.ideas.get('linde', old.s.id)).toMatchObject({
          text: 'Oud idee',
          wantsToHelp: true,
          name: null,
          contact: null,
          consentVersion: null,
          consentGivenAt: null,
          consentHash: null,
        });
        expect((await fx.store.ideas.get('linde', recent.s.id))!.contact).toBe('anna@example.nl');
        expect((await fx.store.ideas.get('eik', otherSite.s.id))!.contact).toBe('anna@example.nl');
        // Idempotent: nothing is due any more, so a second run (or another instance) finds 0.
        expect(await fx.store.ideas.purgeContacts('linde', cutOff, { dryRun: false })).toBe(0);
        expect(await fx.store.ideas.purgeContacts('linde', cutOff, { dryRun: true })).toBe(0);
      });
    });

    describe('erasure', () => {
      it('lists contacts and erases by id within the site: personal fields, or whole records with votes', async () => {
        const withContact = async (site: string, contact: string) => {
          const s = submission(site, { data: { kind: 'idea', text: 'Idee', contact } });
          expect(
            await fx.store.ideas.insert(s, idea({ text: 'Idee', name: 'N', contact, consentVersion: 'v', consentGivenAt: at(0) })),
          ).toBe('created');
          return s.id;
        };
        const a = await withContact('linde', 'a@example.nl');
        const b = await withContact('linde', '06-12345678');
        const foreign = await withContact('eik', 'a@example.nl');
        await fx.store.ideas.insert(submission('linde'), idea());
        // Same receive time: ordered by id (two UUIDv7s of one millisecond are in random order).
        expect(await fx.store.ideas.listContacts('linde')).toEqual(
          [
            { id: a, contact: 'a@example.nl' },
            { id: b, contact: '06-12345678' },
          ].sort((x, y) => (x.id < y.id ? -1 : 1)),
        );

        // Another site's id is not touched, even when named.
        expect(await fx.store.ideas.erase('linde', [a, foreign], { includeContent: false })).toBe(1);
        expect(await fx.store.ideas.get('linde', a)).toMatchObject({ text: 'Idee', name: null, contact: null, consentVersion: null });
        expect((await fx.store.ideas.get('eik', foreign))!.contact).toBe('a@example.nl');
        expect(await fx.store.ideas.listContacts('linde')).toEqual([{ id: b, contact: '06-12345678' }]);

        await fx.store.ideas.moderate('linde', b, { published: true }, at(1));
        expect((await fx.store.ideas.addVote({ id: uuidv7(), site: 'linde', ideaId: b, createdAt: at(2) })).outcome).toBe('created');
        expect(await fx.store.ideas.erase('linde', [b], { includeContent: true })).toBe(1);
        expect(await fx.store.ideas.get('linde', b)).toBeNull();
        expect(await fx.store.ideas.erase('linde', [b, uuidv7()], { includeContent: true })).toBe(0);
        expect(await fx.store.ideas.erase('linde', [], { includeContent: false })).toBe(0);
      });
    });

    describe('ideas', () => {
      it('creates once: the same id again is a duplicate, from another site a conflict', async () => {
        const s = submission('linde', {
          consent: { textVersion: 'idea-contact-2026-11', givenAt: at(-10_000), textHash: CONSENT_HASH },
          receivedAt: at(1),
        });
        const full = idea({
          text: 'Samen koken 🍲 op vrijdag, "met" ; en \\n',
          category: 'activiteit',
          role: 'buurtbewoner',
          wantsToHelp: true,
          name: 'Anna de Vries',
          contact: 'anna@example.nl',
          consentVersion: 'idea-contact-2026-11',
          consentGivenAt: at(-10_000),
          consentHash: CONSENT_HASH,
        });
        expect(await fx.store.ideas.insert(s, full)).toBe('created');
        expect(await fx.store.ideas.insert(s, full)).toBe('duplicate');
        expect(await fx.store.ideas.insert({ ...s, site: 'eik' }, full)).toBe('conflict');

        const expected = {
          id: s.id,
          site: 'linde',
          text: full.text,
          category: 'activiteit',
          role: 'buurtbewoner',
          wantsToHelp: true,
          name: 'Anna de Vries',
          contact: 'anna@example.nl',
          consentVersion: 'idea-contact-2026-11',
          consentGivenAt: at(-10_000),
          consentHash: CONSENT_HASH,
          locale: 'nl',
          published: false,
          status: 'ontvangen',
          statusReason: null,
          publicAnswer: null,
          votes: 0,
          createdAt: at(1),
          updatedAt: at(1),
          handledAt: null,
          handledBy: null,
          mergedInto: null,
          mergedAt: null,
          tags: [],
        };
        expect(await fx.store.ideas.get('linde', s.id)).toEqual(expected);
        expect(await fx.store.ideas.get('eik', s.id)).toBeNull();
        expect(await fx.store.ideas.get('linde', uuidv7())).toBeNull();
        expect(await fx.store.ideas.list('linde', { limit: 10, offset: 0 })).toEqual([expected]);
        expect(await fx.store.ideas.list('eik', { limit: 10, offset: 0 })).toEqual([]);
      });

      it('lists newest first with filters and paging, ties broken by id', async () => {
        const ids: string[] = [];
        for (let n = 0; n < 6; n++) {
          const s = submission('linde', { receivedAt: at(n < 3 ? 1000 : 2000) });
          await fx.store.ideas.insert(s, idea());
          ids.push(s.id);
        }
        await fx.store.ideas.moderate('linde', ids[0]!, { published: true, status: 'gepland' }, at(3000));
        await fx.store.ideas.moderate('linde', ids[4]!, { status: 'gepland' }, at(3000));

        const desc = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
        const newestFirst = [...ids.slice(3).sort(desc), ...ids.slice(0, 3).sort(desc)];
        const list = async (q: Partial<Parameters<Store['ideas']['list']>[1]>) =>
          (await fx.store.ideas.list('linde', { limit: 100, offset: 0, ...q })).map((i) => i.id);
        expect(await list({})).toEqual(newestFirst);
        expect(await list({ limit: 2, offset: 2 })).toEqual(newestFirst.slice(2, 4));
        expect(await list({ status: 'gepland' })).toEqual([ids[4], ids[0]]);
        expect(await list({ published: true })).toEqual([ids[0]]);
        expect(await list({ published: false, status: 'gepland' })).toEqual([ids[4]]);
        expect(await list({ status: 'gedaan' })).toEqual([]);
      });

      it('moderates only the given fields, clears with null, and stamps updatedAt', async () => {
        const id = await publishedIdea('linde', at(0));
        const answered = await fx.store.ideas.moderate(
          'linde',
          id,
          { status: 'niet-mogelijk', statusReason: 'Geen ruimte', publicAnswer: 'Helaas' },
          at(60_000),
        );
        expect(answered).toMatchObject({
          published: true,
          status: 'niet-mogelijk',
          statusReason: 'Geen ruimte',
          publicAnswer: 'Helaas',
          votes: 0,
          createdAt: at(0),
          updatedAt: at(60_000),
        });
        const cleared = await fx.store.ideas.moderate('linde', id, { statusReason: null, published: false }, at(61_000));
        expect(cleared).toMatchObject({ published: false, status: 'niet-mogelijk', statusReason: null, publicAnswer: 'Helaas' });
        expect(await fx.store.ideas.get('linde', id)).toEqual(cleared);
        expect(await fx.store.ideas.moderate('eik', id, { published: true }, at(1))).toBeNull();
        expect(await fx.store.ideas.moderate('linde', uuidv7(), { published: true }, at(1))).toBeNull();
      });

      it('lists published ideas newest first or by votes, with the public fields only', async () => {
        const older = await publishedIdea('linde', at(1000));
        const newer = await publishedIdea('linde', at(2000));
        await fx.store.ideas.insert(submission('linde', { receivedAt: at(3000) }), idea({ name: 'Verborgen' }));
        await publishedIdea('eik', at(4000));
        await fx.store.ideas.addVote({ id: uuidv7(), site: 'linde', ideaId: older, createdAt: at(5000) });

        const newest = await fx.store.ideas.listPublished('linde', 'newest', 10);
        expect(newest.map((i) => i.id)).toEqual([newer, older]);
        expect(Object.keys(newest[0]!).sort()).toEqual(
          ['createdAt', 'category', 'id', 'publicAnswer', 'status', 'statusReason', 'text', 'updatedAt', 'votes'].sort(),
        );
        const byVotes = await fx.store.ideas.listPublished('linde', 'votes', 10);
        expect(byVotes.map((i) => [i.id, i.votes])).toEqual([
          [older, 1],
          [newer, 0],
        ]);
        expect(await fx.store.ideas.listPublished('linde', 'votes', 1)).toHaveLength(1);
      });
    });

    describe('export', () => {
      it('counts and streams in (createdAt, id) order across pages, up to and including the cut-off', async () => {
        // 1,050 ideas: more than two pages of 500 (SQLite) or a first page of 250 and more
        // (PostgreSQL), with ties of 20 and 30 ideas sharing one instant across those first
        // page boundaries, so paging must break ties by id; the last 10 arrive after the cut-off.
        const rows: SubmissionRecord[] = [];
        for (let n = 0; n < 1050; n++) {
          const ms = n >= 485 && n < 515 ? 485 : n >= 240 && n < 260 ? 240 : n;
          rows.push(submission('linde', { receivedAt: at(ms * 1000) }));
        }
        for (let n = 0; n < rows.length; n += 50) {
          await Promise.all(rows.slice(n, n + 50).map((s) => fx.store.ideas.insert(s, idea())));
        }
        await fx.store.ideas.insert(submission('eik', { receivedAt: at(10) }), idea());
        const cutOff = at(1039 * 1000);
        const expected = rows
          .filter((s) => s.receivedAt <= cutOff)
          .sort((a, b) => (a.receivedAt === b.receivedAt ? (a.id < b.id ? -1 : 1) : a.receivedAt < b.receivedAt ? -1 : 1))
          .map((s) => s.id);
        expect(expected).toHaveLength(1040);
        expect(await fx.store.ideas.count('linde', { receivedUpTo: cutOff })).toBe(1040);

        const seen: string[] = [];
        for await (const i of fx.store.ideas.export('linde', { receivedUpTo: cutOff })) {
          seen.push(i.id);
          // Writes between pages must not wait for the export, nor show up in it.
          if (seen.length % 500 === 1) {
            expect(await fx.store.ideas.insert(submission('linde', { receivedAt: at(2_000_000) }), idea())).toBe('created');
          }
        }
        expect(seen).toEqual(expected);
        expect(await fx.store.ideas.count('eik', { receivedUpTo: cutOff })).toBe(1);
        expect(await fx.store.ideas.count('linde', { receivedUpTo: at(-1) })).toBe(0);
      });
    });

    describe('votes', () => {
      it('counts a vote once, answers a retry as a duplicate, and knows only published ideas', async () => {
        const id = await publishedIdea();
        const vote = { id: uuidv7(), site: 'linde', ideaId: id, createdAt: at(1) };
        expect(await fx.store.ideas.addVote(vote)).toEqual({ outcome: 'created', votes: 1 });
        expect(await fx.store.ideas.addVote(vote)).toEqual({ outcome: 'duplicate', votes: 1 });
        expect(await fx.store.ideas.addVote({ ...vote, id: uuidv7() })).toEqual({ outcome: 'created', votes: 2 });
        expect((await fx.store.ideas.get('linde', id))!.votes).toBe(2);

        const hidden = submission('linde');
        await fx.store.ideas.insert(hidden, idea());
        const notFound = { outcome: 'not-found', votes: 0 };
        expect(await fx.store.ideas.addVote({ ...vote, id: uuidv7(), ideaId: hidden.id })).toEqual(notFound);
        expect(await fx.store.ideas.addVote({ ...vote, id: uuidv7(), ideaId: uuidv7() })).toEqual(notFound);
        expect(await fx.store.ideas.addVote({ ...vote, id: uuidv7(), site: 'eik' })).toEqual(notFound);

        // A retry after the idea was hidden still answers as the duplicate it is.
        await fx.store.ideas.moderate('linde', id, { published: false }, at(2));
        expect(await fx.store.ideas.addVote(vote)).toEqual({ outcome: 'duplicate', votes: 2 });
        expect(await fx.store.ideas.addVote({ ...vote, id: uuidv7() })).toEqual(notFound);
      });

      it('counts 50 concurrent votes with distinct ids as 50, from two instances', async () => {
        const id = await publishedIdea();
        const second = await fx.open();
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, n) =>
            (n % 2 ? second : fx.store).ideas.addVote({ id: uuidv7(), site: 'linde', ideaId: id, createdAt: at(n) }),
          ),
        );
        expect(results.every((r) => r.outcome === 'created')).toBe(true);
        expect(Math.max(...results.map((r) => r.votes))).toBe(50);
        expect((await fx.store.ideas.get('linde', id))!.votes).toBe(50);
      });
    });

    describe('concurrency', () => {
      it('keeps exactly one row for 50 simultaneous inserts of one id on two instances', async () => {
        const second = await fx.open();
        const s = submission('linde');
        const outcomes = await Promise.all(Array.from({ length: 50 }, (_, n) => (n % 2 ? second : fx.store).ideas.insert(s, idea())));
        expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
        expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(49);
        expect(await fx.store.ideas.count('linde', { receivedUpTo: at(1) })).toBe(1);
      });
    });
  });
}
