/** The audit part of the Store contract, against SQLite and, with DATABASE_URL, PostgreSQL. */
import { describe, expect, it } from 'vitest';
import { at, contractBackends, useContractStore } from './store-contract.js';

for (const [name, makeStore] of contractBackends()) {
  describe(`Store contract, audit: ${name}`, () => {
    const fx = useContractStore(makeStore);

    describe('audit', () => {
      it('appends entries and lists a site’s entries in order', async () => {
        const entries = [
          { at: at(1), site: 'linde', actor: 'bk_abcdefgh', action: 'export.ideas', target: 'ideas.csv', rowCount: 12 },
          { at: at(1), site: 'eik', actor: 'cli', action: 'site.add', target: 'eik', rowCount: 1 },
          { at: at(0), site: 'linde', actor: 'cli', action: 'token.revoke', target: null, rowCount: null },
        ];
        for (const e of entries) await fx.store.audit.append(e);
        await fx.store.audit.append({ ...entries[1]!, site: null });
        expect(await fx.store.audit.list('linde')).toEqual([entries[0], entries[2]]);
        expect(await fx.store.audit.list('eik')).toEqual([entries[1]]);
      });
    });
  });
}
