/** The Store contract against SQLite (a temp file) and, when DATABASE_URL is set, PostgreSQL. */
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { PostgresStore } from '../../src/collector/store/postgres.js';
import { SqliteStore } from '../../src/collector/store/sqlite.js';
import { tempDir } from './helpers.js';
import { dropSchema, freshSchemaName, noticePostgresSkipped, PG_URL } from './pg.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('SQLite', async () => {
  const { dir, cleanup } = tempDir();
  const path = join(dir, 'contract.sqlite');
  return { open: async () => new SqliteStore(path), cleanup: async () => cleanup() };
});

if (PG_URL) {
  const url = PG_URL;
  describeStoreContract('PostgreSQL', async () => {
    const schema = freshSchemaName();
    return { open: () => PostgresStore.open({ url, schema }), cleanup: () => dropSchema(schema) };
  });
} else {
  noticePostgresSkipped('contract tests');
  describe.skip('Store contract: PostgreSQL (set DATABASE_URL to run)', () => {
    it('runs the same contract against PostgreSQL', () => {});
  });
}
