/** "Mark as handled" in the Store contract, against SQLite and, with DATABASE_URL, PostgreSQL. */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/collector/store/types.js';
import { uuidv7, type HandledKind } from '../../src/schema/index.js';
import { oneOfEach } from './handled-helpers.js';
import { contractBackends, useContractStore } from './store-contract.js';

const T1 = '2026-11-21T10:30:00.000Z';
const T2 = '2026-11-22T11:45:00.000Z';

/** Each kind's handled state as its list reads it. */
async function listed(store: Store, site: string, ids: Record<HandledKind, string>) {
  const find = <T extends { id: string; handledAt: string | null; handledBy: string | null }>(rows: T[], id: string) => {
    const row = rows.find((r) => r.id === id);
    return row ? { handledAt: row.handledAt, handledBy: row.handledBy } : undefined;
  };
  return {
    idea: find(await store.ideas.list(site, { limit: 10, offset: 0 }), ids.idea),
    intake: find(await store.intakes.list(site, { limit: 10, offset: 0 }), ids.intake),
    application: find(await store.volunteer.listApplications(site), ids.application),
    'poll-response': find(await store.polls.listResponses(site, {}), ids['poll-response']),
    signup: find(await store.volunteer.list(site, { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' }), ids.signup),
  };
}

const KINDS: HandledKind[] = ['idea', 'intake', 'application', 'signup', 'poll-response'];
const NOT_HANDLED = { handledAt: null, handledBy: null };

for (const [name, makeStore] of contractBackends()) {
  describe(`Store contract, handled: ${name}`, () => {
    const fx = useContractStore(makeStore);
    let store: Store;

    async function setUp() {
      store = fx.store;
      return oneOfEach(store, 'linde');
    }

    it('starts not handled, marks and unmarks every kind, and the lists and getters say so', async () => {
      const ids = await setUp();
      expect(await listed(store, 'linde', ids)).toEqual(Object.fromEntries(KINDS.map((k) => [k, NOT_HANDLED])));

      for (const kind of KINDS) {
        expect(await store.setHandled('linde', kind, ids[kind], { at: T1, by: 'Fatima' })).toEqual({ handledAt: T1, handledBy: 'Fatima' });
      }
      expect(await listed(store, 'linde', ids)).toEqual(Object.fromEntries(KINDS.map((k) => [k, { handledAt: T1, handledBy: 'Fatima' }])));
      expect((await store.ideas.get('linde', ids.idea))?.handledAt).toBe(T1);
      expect((await store.intakes.get('linde', ids.intake))?.handledBy).toBe('Fatima');

      // Marking again keeps the first mark: who handled it first, and when.
      expect(await store.setHandled('linde', 'idea', ids.idea, { at: T2, by: 'Kees' })).toEqual({ handledAt: T1, handledBy: 'Fatima' });

      for (const kind of KINDS) expect(await store.setHandled('linde', kind, ids[kind], null)).toEqual(NOT_HANDLED);
      expect(await listed(store, 'linde', ids)).toEqual(Object.fromEntries(KINDS.map((k) => [k, NOT_HANDLED])));
      // After an undo, a new mark is the new first one.
      expect(await store.setHandled('linde', 'intake', ids.intake, { at: T2, by: 'Kees' })).toEqual({ handledAt: T2, handledBy: 'Kees' });
    });

    it('answers null for another site, an unknown id, or an id of another kind', async () => {
      const ids = await setUp();
      for (const kind of KINDS) {
        expect(await store.setHandled('eik', kind, ids[kind], { at: T1, by: 'x' })).toBeNull();
        expect(await store.setHandled('linde', kind, uuidv7(), { at: T1, by: 'x' })).toBeNull();
      }
      // An idea's envelope is in `submissions` too, but it is not a general sign-up.
      expect(await store.setHandled('linde', 'application', ids.idea, { at: T1, by: 'x' })).toBeNull();
      expect(await store.setHandled('linde', 'idea', ids.intake, { at: T1, by: 'x' })).toBeNull();
      expect(await listed(store, 'linde', ids)).toEqual(Object.fromEntries(KINDS.map((k) => [k, NOT_HANDLED])));
    });

    it('filters ideas and intakes by handled state, before paging', async () => {
      store = fx.store;
      const ideas: string[] = [];
      const intakes: string[] = [];
      for (let n = 0; n < 4; n++) {
        const { idea, intake } = await oneOfEach(store, 'linde');
        ideas.push(idea);
        intakes.push(intake);
      }
      await store.setHandled('linde', 'idea', ideas[0]!, { at: T1, by: 'a' });
      await store.setHandled('linde', 'idea', ideas[2]!, { at: T1, by: 'a' });
      await store.setHandled('linde', 'intake', intakes[1]!, { at: T1, by: 'a' });
      const ideaIds = async (handled: boolean, limit = 10) =>
        (await store.ideas.list('linde', { handled, limit, offset: 0 })).map((i) => i.id).sort();
      expect(await ideaIds(true)).toEqual([ideas[0], ideas[2]].sort());
      expect(await ideaIds(false)).toEqual([ideas[1], ideas[3]].sort());
      expect(await ideaIds(false, 1)).toHaveLength(1);
      expect((await store.ideas.list('linde', { limit: 10, offset: 0 })).length).toBe(4);
      const intakeIds = async (handled: boolean) =>
        (await store.intakes.list('linde', { handled, limit: 10, offset: 0 })).map((i) => i.id).sort();
      expect(await intakeIds(true)).toEqual([intakes[1]]);
      expect(await intakeIds(false)).toEqual([intakes[0], intakes[2], intakes[3]].sort());
    });
  });
}
