/**
 * Every accepted submission moves the `tat` of its rate-limit buckets. On PostgreSQL those updates
 * must stay on the row's page without touching an index (HOT updates); otherwise the table and its
 * indexes grow with traffic and every submission writes more WAL. Read from PostgreSQL's own
 * statistics, not from our expectation of the schema.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { PostgresStore } from '../../src/collector/store/postgres.js';
import { dropSchema, freshSchemaName, noticePostgresSkipped, PG_URL, pgQuery } from './pg.js';

noticePostgresSkipped('rate-bucket update tests');

describe.skipIf(!PG_URL)('rate buckets on PostgreSQL', () => {
  const schema = freshSchemaName();
  afterAll(() => dropSchema(schema));

  it('are updated in place (HOT) and pruned without an index on their time', async () => {
    const store = await PostgresStore.open({ url: PG_URL!, schema });
    // Ten visitors at once, each coming back ten times: 100 updates of existing rows. Each update
    // leaves a row version behind on the page until a prune; a prune may only drop versions no
    // snapshot can see, and other tests' sessions on this server hold snapshots. 110 versions fit
    // on one 8 kB page, so every update can stay on it (HOT) whatever the rest of the server does;
    // with more, the outcome would depend on other tests' transactions, not on this schema.
    const takes = 110;
    try {
      const start = Date.now();
      for (let round = 0; round < takes / 10; round++) {
        await Promise.all(
          Array.from({ length: 10 }, (_, v) =>
            store.limits.takeRateToken({ bucket: 'submit', key: `visitor-${v}`, now: start + round, intervalMs: 1, burst: 1_000 }),
          ),
        );
      }
      // Statistics reach the shared view when a backend flushes them (at most about a second
      // after its transaction): wait for the updates to be counted, then compare.
      let row: { n_tup_upd: string; n_tup_hot_upd: string } | undefined;
      await vi.waitFor(
        async () => {
          row = (
            await pgQuery(`SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = 'rate_buckets'`, [
              schema,
            ])
          ).rows[0];
          expect(Number(row?.n_tup_upd)).toBeGreaterThanOrEqual(takes - 10);
        },
        { timeout: 15_000, interval: 200 },
      );
      expect(Number(row!.n_tup_hot_upd)).toBe(Number(row!.n_tup_upd));

      const indexes = await pgQuery(`SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = 'rate_buckets'`, [schema]);
      expect(indexes.rows.map((r) => r.indexname)).toEqual(['rate_buckets_pkey']);
      // Full again long after: the prune forgets every bucket.
      await store.limits.pruneRateBuckets(start + 10_000_000);
      expect((await pgQuery(`SELECT count(*)::int AS n FROM ${schema}.rate_buckets`)).rows[0].n).toBe(0);
    } finally {
      await store.close();
    }
  });
});
