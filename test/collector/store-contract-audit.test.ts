/** The audit part of the Store contract, against SQLite and, with DATABASE_URL, PostgreSQL. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/collector/store/types.js';
import { at, contractBackends, T0, type StoreUnderTest } from './store-contract.js';

for (const [name, makeStore] of contractBackends()) {
  describe(`Store contract, audit: ${name}`, () => {
    let db: StoreUnderTest;
    let opened: Store[];
    let store: Store;

    const open = async () => {
      const s = await db.open();
      opened.push(s);
      return s;
    };

    beforeEach(async () => {
      db = await makeStore();
      opened = [];
      store = await open();
      await store.access.createSite({ slug: 'linde', name: 'De Linde', allowedOrigins: ['https://linde.example'] }, T0);
      await store.access.createSite({ slug: 'eik', name: 'De Eik' }, T0);
    });

    afterEach(async () => {
      for (const s of opened) await s.close();
      await db.cleanup();
    });

    describe('audit', () => {
      it('appends entries and lists a site’s entries in order', async () => {
        const entries = [
          { at: at(1), site: 'linde', actor: 'bk_abcdefgh', action: 'export.ideas', target: 'ideas.csv', rowCount: 12 },
          { at: at(1), site: 'eik', actor: 'cli', action: 'site.add', target: 'eik', rowCount: 1 },
          { at: at(0), site: 'linde', actor: 'cli', action: 'token.revoke', target: null, rowCount: null },
        ];
        for (const e of entries) await store.audit.append(e);
        await store.audit.append({ ...entries[1]!, site: null });
        expect(await store.audit.list('linde')).toEqual([entries[0], entries[2]]);
        expect(await store.audit.list('eik')).toEqual([entries[1]]);
      });
    });
  });
}
