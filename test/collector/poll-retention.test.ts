/** Retention of poll free text: stories and comments go, the answers stay. */
import { afterEach, describe, expect, it } from 'vitest';
import { purge } from '../../src/collector/privacy/retention.js';
import { BACKENDS, ORIGIN, postJson, SITE, startTestCollector, tablesContaining, type TestCollector } from './helpers.js';
import { pollEnvelope } from './poll-helpers.js';

let c: TestCollector | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

describe.each(BACKENDS)('poll text retention on %s', (backend) => {
  it('removes stories and comments 24 months after receipt from the response', async () => {
    const received = Date.parse('2026-01-15T10:00:00Z');
    c = await startTestCollector({ backend, clock: () => received });
    const story = 'Hier leerde ik Mies van nummer 12 kennen';
    const envelope = pollEnvelope(
      { pollId: 'impact', story, statements: { praatje: 'eens' } },
      { sentAt: new Date(received).toISOString() },
    );
    expect((await postJson(`${c.url}/v1/sites/${SITE}/submissions`, envelope, { origin: ORIGIN })).status).toBe(201);
    const line = async (at: string, dryRun = false) =>
      (await purge(c!.store, { now: new Date(at), actor: 'cli', site: SITE, dryRun })).find((l) => l.action === 'purge.poll-text')!;

    expect((await line('2028-01-14T12:00:00Z')).count).toBe(0); // not yet 24 months
    expect(await line('2028-01-16T12:00:00Z', true)).toMatchObject({ count: 1, months: 24 });
    // Only in the response: the envelope keeps no copy (release-upgrade.test.ts has an older instance's copy).
    expect(await tablesContaining(c.store, 'Mies van nummer 12')).toEqual(['poll_responses']);
    expect((await line('2028-01-16T12:00:00Z')).count).toBe(1);
    expect(await tablesContaining(c.store, 'Mies van nummer 12')).toEqual([]);
    const [kept] = await c.store.polls.listResponses(SITE, {});
    expect(kept).toMatchObject({ id: envelope.id, story: null, comment: null, storySelected: false, statements: { praatje: 'eens' } });
    expect((await line('2028-02-16T12:00:00Z')).count).toBe(0); // idempotent
  });
});
