/** The feedback-poll part of the Store contract (store.polls), against SQLite and, with DATABASE_URL, PostgreSQL. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewPollResponse, Store, SubmissionRecord } from '../../src/collector/store/types.js';
import { uuidv7 } from '../../src/schema/index.js';
import { noticePostgresSkipped } from './pg.js';
import { contractBackends } from './store-contract.js';

noticePostgresSkipped('feedback poll store contract');

const T0 = '2026-03-29T01:30:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

function submission(site: string, receivedAt: string, data: NewPollResponse): SubmissionRecord {
  return {
    id: uuidv7(),
    site,
    widget: 'feedback-poll',
    kind: 'poll-response',
    locale: 'nl',
    schemaVersion: 1,
    sentAt: receivedAt,
    receivedAt,
    consent: null,
    data: { kind: 'poll-response', ...data },
    elapsedMs: 900,
  };
}

function response(overrides: Partial<NewPollResponse> = {}): NewPollResponse {
  return {
    pollId: 'impact',
    answer: null,
    statements: { 'ken-buurtbewoners': 'eens', praatje: 'weet-niet' },
    comment: null,
    respondentType: 'buurtbewoner',
    story: null,
    activityId: null,
    mode: null,
    ...overrides,
  };
}

for (const [name, make] of contractBackends()) {
  describe(`Store contract, feedback polls: ${name}`, () => {
    let db: Awaited<ReturnType<typeof make>>;
    let store: Store;
    beforeEach(async () => {
      db = await make();
      store = await db.open();
      await store.access.createSite({ slug: 'linde', name: 'De Linde' }, T0);
      await store.access.createSite({ slug: 'eik', name: 'De Eik' }, T0);
    });
    afterEach(async () => {
      await store.close();
      await db.cleanup();
    });

    it('puts, replaces, gets and lists poll definitions per site', async () => {
      const first = await store.polls.putDefinition('linde', { id: 'welkom', kind: 'smileys', question: 'Welkom?' }, at(0));
      expect(first).toEqual({
        site: 'linde',
        poll: { id: 'welkom', kind: 'smileys', question: 'Welkom?' },
        createdAt: at(0),
        updatedAt: at(0),
      });
      await store.polls.putDefinition('linde', { id: 'dag', kind: 'scale', question: 'Hoe was je dag?' }, at(1000));
      const replaced = await store.polls.putDefinition('linde', { id: 'welkom', kind: 'yes-no', question: 'Welkom?' }, at(2000));
      expect(replaced).toMatchObject({ createdAt: at(0), updatedAt: at(2000), poll: { kind: 'yes-no' } });
      expect((await store.polls.listDefinitions('linde')).map((r) => r.poll.id)).toEqual(['welkom', 'dag']);
      expect(await store.polls.getDefinition('eik', 'welkom')).toBeNull();
      expect(await store.polls.listDefinitions('eik')).toEqual([]);
      expect((await store.polls.getDefinition('linde', 'dag'))!.poll.question).toBe('Hoe was je dag?');
    });

    it('inserts a response with its envelope once: created, duplicate, conflict for another site', async () => {
      const s = submission('linde', at(0), response({ comment: 'Fijn', mode: 'kiosk' }));
      expect(await store.polls.insertResponse(s, response({ comment: 'Fijn', mode: 'kiosk' }))).toBe('created');
      expect(await store.polls.insertResponse(s, response())).toBe('duplicate');
      expect(await store.polls.insertResponse({ ...s, site: 'eik' }, response())).toBe('conflict');
      expect(await store.polls.listResponses('linde', {})).toEqual([
        {
          id: s.id,
          site: 'linde',
          pollId: 'impact',
          answer: null,
          statements: { 'ken-buurtbewoners': 'eens', praatje: 'weet-niet' },
          comment: 'Fijn',
          respondentType: 'buurtbewoner',
          story: null,
          storySelected: false,
          activityId: null,
          mode: 'kiosk',
          locale: 'nl',
          receivedAt: at(0),
          handledAt: null,
          handledBy: null,
        },
      ]);
      expect(await store.polls.listResponses('eik', {})).toEqual([]);
    });

    it('lists by poll and by [from, before), oldest first', async () => {
      const ids: string[] = [];
      for (const [ms, pollId] of [
        [2000, 'impact'],
        [0, 'welkom'],
        [1000, 'impact'],
        [3000, 'impact'],
      ] as const) {
        const r = response({
          pollId,
          answer: pollId === 'welkom' ? 'goed' : null,
          statements: pollId === 'welkom' ? null : { praatje: 'eens' },
        });
        const s = submission('linde', at(ms), r);
        ids[ms / 1000] = s.id;
        expect(await store.polls.insertResponse(s, r)).toBe('created');
      }
      expect((await store.polls.listResponses('linde', {})).map((r) => r.id)).toEqual(ids);
      expect((await store.polls.listResponses('linde', { pollId: 'impact' })).map((r) => r.id)).toEqual(ids.slice(1));
      const window = await store.polls.listResponses('linde', { receivedFrom: at(1000), receivedBefore: at(3000) });
      expect(window.map((r) => r.id)).toEqual([ids[1], ids[2]]);
      expect((await store.polls.listResponses('linde', { pollId: 'welkom' }))[0]).toMatchObject({ answer: 'goed', statements: null });
    });

    it('ticks a story only where there is one, and unticks it', async () => {
      const told = response({ story: 'Ik ken nu mijn buren.' });
      const s1 = submission('linde', at(0), told);
      await store.polls.insertResponse(s1, told);
      const s2 = submission('linde', at(1), response());
      await store.polls.insertResponse(s2, response());
      expect((await store.polls.selectStory('linde', s1.id, true))!.storySelected).toBe(true);
      expect((await store.polls.selectStory('linde', s2.id, true))!.storySelected).toBe(false);
      expect(await store.polls.selectStory('eik', s1.id, false)).toBeNull();
      expect((await store.polls.listResponses('linde', { storySelected: true })).map((r) => r.id)).toEqual([s1.id]);
      expect((await store.polls.listResponses('linde', { storySelected: false })).map((r) => r.id)).toEqual([s2.id]);
      await store.polls.selectStory('linde', s1.id, false);
      expect(await store.polls.listResponses('linde', { storySelected: true })).toEqual([]);
    });
  });
}
