/**
 * The Store contract, one suite for every backend: what the routes rely on, down to the exact
 * strings and numbers that come back. A backend passes when it is indistinguishable through the
 * interface, including under concurrency and with several instances on one database.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/collector/store/postgres.js';
import { SqliteStore } from '../../src/collector/store/sqlite.js';
import { SQLITE_MIGRATIONS } from '../../src/collector/store/sqlite-migrations.js';
import type { NewIdea, Store, SubmissionRecord, TokenRecord } from '../../src/collector/store/types.js';
import { tempDir } from './helpers.js';
import { dropSchema, freshSchemaName, PG_URL } from './pg.js';
import { uuidv7 } from '../../src/schema/index.js';

export interface StoreUnderTest {
  /** Opens a store on this test's database; call again for a second instance on the same data. */
  open(): Promise<Store>;
  /** Throws the database away (after every opened store is closed). */
  cleanup(): Promise<void>;
}

/**
 * The backends every part of the contract runs on: SQLite (a temp file) and, when DATABASE_URL is
 * set, PostgreSQL (a schema of its own per test, dropped afterwards).
 */
export function contractBackends(): [string, () => Promise<StoreUnderTest>][] {
  const backends: [string, () => Promise<StoreUnderTest>][] = [
    [
      'SQLite',
      async () => {
        const { dir, cleanup } = tempDir();
        const path = join(dir, 'contract.sqlite');
        return { open: async () => new SqliteStore(path), cleanup: async () => cleanup() };
      },
    ],
  ];
  const url = PG_URL;
  if (url) {
    backends.push([
      'PostgreSQL',
      async () => {
        const schema = freshSchemaName();
        return { open: () => PostgresStore.open({ url, schema }), cleanup: () => dropSchema(schema) };
      },
    ]);
  }
  return backends;
}

/** Every migration version, in order: the same list on every backend (checked in test/unit/collector-storage.test.ts). */
export const VERSIONS = SQLITE_MIGRATIONS.map((m) => m.version).sort((a, b) => a - b);
export const CONSENT_HASH = 'c'.repeat(64);

export const T0 = '2026-03-29T01:30:00.000Z'; // the night Amsterdam moves its clocks forward

/** `T0` plus `ms` milliseconds, as the store receives instants: `Date#toISOString()`. */
export const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

export function submission(site: string, overrides: Partial<SubmissionRecord> = {}): SubmissionRecord {
  return {
    id: uuidv7(),
    site,
    widget: 'idea-box',
    kind: 'idea',
    locale: 'nl',
    schemaVersion: 1,
    sentAt: at(-5000),
    receivedAt: at(0),
    consent: null,
    data: { kind: 'idea', text: 'Een breicafé' },
    elapsedMs: 8000,
    ...overrides,
  };
}

export function idea(overrides: Partial<NewIdea> = {}): NewIdea {
  return {
    text: 'Een breicafé op woensdag',
    category: null,
    role: null,
    wantsToHelp: false,
    name: null,
    contact: null,
    consentVersion: null,
    consentGivenAt: null,
    consentHash: null,
    ...overrides,
  };
}

export function token(site: string, overrides: Partial<TokenRecord> = {}): TokenRecord {
  const id = uuidv7();
  return {
    id,
    site,
    hash: id.replace(/-/g, '').padEnd(64, '0'),
    prefix: `bk_${id.slice(-8)}`,
    label: null,
    scopes: ['read'],
    createdAt: at(0),
    expiresAt: null,
    revokedAt: null,
    ...overrides,
  };
}

/**
 * One backend's stores for the tests of a `describe`: `store` is opened before each test, with the
 * sites linde and eik; `open()` opens another instance on the same database. After each test every
 * instance is closed and the database removed.
 */
export function useContractStore(makeStore: () => Promise<StoreUnderTest>): { readonly store: Store; open(): Promise<Store> } {
  let db: StoreUnderTest;
  let opened: Store[] = [];
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

  return {
    get store() {
      return store;
    },
    open,
  };
}

export function describeStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`Store contract: ${name}`, () => {
    const fx = useContractStore(makeStore);

    describe('schema', () => {
      it('is migrated on open, once, and a second instance finds nothing to do', async () => {
        expect(await fx.store.migrations()).toEqual(VERSIONS);
        expect(fx.store.appliedOnOpen).toEqual(VERSIONS);
        const second = await fx.open();
        expect(second.appliedOnOpen).toEqual([]);
        expect(await second.migrations()).toEqual(VERSIONS);
      });

      it('migrates a fresh database exactly once when five instances open it at the same time', async () => {
        const fresh = await makeStore();
        try {
          const stores = await Promise.all(Array.from({ length: 5 }, () => fresh.open()));
          try {
            expect(stores.flatMap((s) => s.appliedOnOpen)).toEqual(VERSIONS);
            for (const s of stores) expect(await s.migrations()).toEqual(VERSIONS);
          } finally {
            for (const s of stores) await s.close();
          }
        } finally {
          await fresh.cleanup();
        }
      });

      it('answers ping, and closing twice is harmless', async () => {
        await expect(fx.store.ping()).resolves.toBeUndefined();
        const second = await fx.open();
        await second.close();
        await second.close();
      });
    });

    describe('secrets', () => {
      it('keeps the first value stored under a name, for every instance', async () => {
        const second = await fx.open();
        const values = await Promise.all([fx.store.secret('rate-limit', 'one'), second.secret('rate-limit', 'two')]);
        expect(values[0]).toBe(values[1]);
        expect(await second.secret('rate-limit', 'three')).toBe(values[0]);
        expect(await fx.store.secret('other', 'x')).toBe('x');
      });
    });

    // — welcome intake —
  });
}
