/** The sites and tokens part of the Store contract, against SQLite and, with DATABASE_URL, PostgreSQL. */
import { describe, expect, it, vi } from 'vitest';
import { SITE_CACHE_MS } from '../../src/collector/store/access/postgres-access.js';
import { at, token, contractBackends, T0, useContractStore } from './store-contract.js';

for (const [name, makeStore] of contractBackends()) {
  describe(`Store contract, sites and tokens: ${name}`, () => {
    const fx = useContractStore(makeStore);

    describe('sites', () => {
      it('stores defaults and gives back exactly what went in', async () => {
        const site = await fx.store.access.createSite({ slug: 'de-berk', name: 'De Berk' }, at(1));
        const expected = {
          slug: 'de-berk',
          name: 'De Berk',
          timeZone: 'Europe/Amsterdam',
          locales: ['nl', 'en'],
          allowedOrigins: [],
          settings: { ideaSort: 'newest' },
          createdAt: at(1),
        };
        expect(site).toEqual(expected);
        expect(await fx.store.access.getSite('de-berk')).toEqual(expected);
        expect(await fx.store.access.getSite('nergens')).toBeNull();
        const full = await fx.store.access.createSite(
          {
            slug: 'full',
            name: 'Vol',
            timeZone: 'Europe/Brussels',
            locales: ['nl', 'fr', 'ar'],
            allowedOrigins: ['https://a.example', 'http://localhost:8000'],
            settings: { ideaSort: 'votes' },
          },
          T0,
        );
        expect(await fx.store.access.getSite('full')).toEqual(full);
        expect(full).toMatchObject({ timeZone: 'Europe/Brussels', settings: { ideaSort: 'votes' } });
      });

      it('lists sites by slug, byte-wise', async () => {
        for (const slug of ['zuid', 'a0', 'a-b', 'ab']) await fx.store.access.createSite({ slug, name: slug }, T0);
        expect((await fx.store.access.listSites()).map((s) => s.slug)).toEqual(['a-b', 'a0', 'ab', 'eik', 'linde', 'zuid']);
      });

      it('refuses a second site with the same slug', async () => {
        await expect(fx.store.access.createSite({ slug: 'linde', name: 'Again' }, T0)).rejects.toThrow();
        expect((await fx.store.access.getSite('linde'))!.name).toBe('De Linde');
      });

      it('updates only what is given and merges settings', async () => {
        const renamed = await fx.store.access.updateSite('linde', { name: 'Buurthuis De Linde' });
        expect(renamed).toMatchObject({
          name: 'Buurthuis De Linde',
          allowedOrigins: ['https://linde.example'],
          settings: { ideaSort: 'newest' },
          createdAt: T0,
        });
        await fx.store.access.updateSite('linde', { settings: { ideaSort: 'votes' } });
        const changed = await fx.store.access.updateSite('linde', {
          allowedOrigins: [],
          locales: ['en'],
          timeZone: 'UTC',
          settings: { ideaSort: undefined },
        });
        expect(changed).toEqual({
          slug: 'linde',
          name: 'Buurthuis De Linde',
          timeZone: 'UTC',
          locales: ['en'],
          allowedOrigins: [],
          settings: { ideaSort: 'votes' },
          createdAt: T0,
        });
        expect(await fx.store.access.getSite('linde')).toEqual(changed);
        expect(await fx.store.access.updateSite('nergens', { name: 'X' })).toBeNull();
      });

      it('sees its own changes at once, even past a read of the site that was on its way, and a site it just created', async () => {
        const before = fx.store.access.getSite('linde'); // not awaited: on its way during the update
        await fx.store.access.updateSite('linde', { allowedOrigins: ['https://nieuw.example'] });
        await before;
        expect((await fx.store.access.getSite('linde'))!.allowedOrigins).toEqual(['https://nieuw.example']);
        expect(await fx.store.access.getSite('beuk')).toBeNull();
        await fx.store.access.createSite({ slug: 'beuk', name: 'De Beuk' }, T0);
        expect((await fx.store.access.getSite('beuk'))!.name).toBe('De Beuk');
      });

      it('keeps no answer for a site that does not exist: another instance creating it is seen at once', async () => {
        const other = await fx.open();
        vi.useFakeTimers({ toFake: ['performance'] });
        try {
          expect(await fx.store.access.getSite('wilg')).toBeNull();
          await other.access.createSite({ slug: 'wilg', name: 'De Wilg' }, T0);
          expect((await fx.store.access.getSite('wilg'))!.name).toBe('De Wilg');
        } finally {
          vi.useRealTimers();
        }
      });

      it("sees another instance's change to a site within a second", async () => {
        const other = await fx.open();
        vi.useFakeTimers({ toFake: ['performance'] });
        try {
          expect((await fx.store.access.getSite('linde'))!.name).toBe('De Linde');
          await other.access.updateSite('linde', { name: 'Buurthuis De Linde' });
          // PostgreSQL: this instance answers from what it read a moment ago (SQLite reads the file).
          const seen = (await fx.store.access.getSite('linde'))!.name;
          expect(seen).toBe(name === 'PostgreSQL' ? 'De Linde' : 'Buurthuis De Linde');
          vi.advanceTimersByTime(SITE_CACHE_MS);
          expect((await fx.store.access.getSite('linde'))!.name).toBe('Buurthuis De Linde');
        } finally {
          vi.useRealTimers();
        }
      });
    });

    describe('tokens', () => {
      it('finds by prefix, lists per site oldest first, and revokes once', async () => {
        const later = token('linde', { createdAt: at(2000), label: 'coördinator', scopes: ['read', 'export'], expiresAt: at(86_400_000) });
        const first = token('linde', { createdAt: at(1000) });
        const other = token('eik');
        for (const t of [later, first, other]) await fx.store.access.createToken(t);

        expect(await fx.store.access.findTokensByPrefix(later.prefix)).toEqual([later]);
        expect(await fx.store.access.findTokensByPrefix('bk_nothing')).toEqual([]);
        expect(await fx.store.access.listTokens('linde')).toEqual([first, later]);

        expect(await fx.store.access.revokeTokens(later.prefix, at(5000))).toBe(1);
        expect(await fx.store.access.revokeTokens(later.prefix, at(6000))).toBe(0);
        expect(await fx.store.access.findTokensByPrefix(later.prefix)).toEqual([{ ...later, revokedAt: at(5000) }]);
      });

      it('refuses a token for a site that does not exist, or a second token with the same hash', async () => {
        await expect(fx.store.access.createToken(token('nergens'))).rejects.toThrow();
        const t = token('linde');
        await fx.store.access.createToken(t);
        await expect(fx.store.access.createToken({ ...token('linde'), hash: t.hash })).rejects.toThrow();
      });
    });
  });
}
