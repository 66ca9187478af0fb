/** The Store contract against SQLite (a temp file) and, when DATABASE_URL is set, PostgreSQL. */
import { describe, it } from 'vitest';
import { noticePostgresSkipped, PG_URL } from './pg.js';
import { contractBackends, describeStoreContract } from './store-contract.js';

for (const [name, makeStore] of contractBackends()) describeStoreContract(name, makeStore);

if (!PG_URL) {
  noticePostgresSkipped('contract tests');
  describe.skip('Store contract: PostgreSQL (set DATABASE_URL to run)', () => {
    it('runs the same contract against PostgreSQL', () => {});
  });
}
