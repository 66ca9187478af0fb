/**
 * A database made by the previous release (schema version 16) migrates, and afterwards its
 * personal data lives in one place: the fixtures in fixtures/release-16 were made by that
 * release's own built collector over its HTTP API (see make.mjs there). Its ideas, poll responses
 * and shift sign-ups also wrote a copy of the personal fields into the envelope row
 * (`submissions.data`); after the upgrade every row still reads and exports as before, the
 * copies are gone from the rows and, on SQLite, from the file's raw bytes. New submissions write no
 * copy (read from the raw rows), and a copy an older instance still writes during a rolling upgrade
 * is cleaned by retention and erasure.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openCollector, type Collector } from '../../src/collector/app.js';
import { issueToken } from '../../src/collector/auth.js';
import { erasePerson } from '../../src/collector/privacy/people.js';
import { purge } from '../../src/collector/privacy/retention.js';
import type { StoreTarget } from '../../src/collector/store/open.js';
import { PostgresStore } from '../../src/collector/store/postgres.js';
import { SqliteStore } from '../../src/collector/store/sqlite.js';
import type { Store } from '../../src/collector/store/types.js';
import { IDEA_CONSENT_TEXT_VERSION, uuidv7 } from '../../src/schema/index.js';
import { count, rawSqlite, rowVersions } from './disk-helpers.js';
import {
  BACKENDS,
  freshStorage,
  ideaEnvelope,
  ORIGIN,
  postJson,
  SITE,
  startTestCollector,
  tablesContaining,
  type Backend,
  type TestCollector,
} from './helpers.js';
import { pgQuery } from './pg.js';
import { pollEnvelope } from './poll-helpers.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/release-16');
/** The schema make.mjs dumps; loaded under a fresh name. */
const DUMPED_SCHEMA = 'bk_release_fixture';
/** The clock make.mjs exported at. */
const EXPORTED_AT = Date.parse('2026-11-23T08:01:00Z');
const exportsOf: Record<Backend, Record<string, string>> = JSON.parse(readFileSync(join(FIXTURES, 'exports.json'), 'utf8'));

/** The people in the fixture, by where the release put them, with the text that identifies them. */
const IDEA_PEOPLE = [
  { id: '019ab000-0000-7000-8000-000000000001', name: 'Wilhelmina Zonnebloem', contact: 'wilhelmina.zonnebloem@example.nl' },
  { id: '019ab000-0000-7000-8000-000000000002', name: 'Bartholomeus Kwakkelstein', contact: '06-13572468' },
];
const STORY = 'Dankzij Gerarda Klaproos van nummer 17 ken ik nu de hele straat';
const SIGNUP_PEOPLE = [
  { name: 'Cornelis Hazelnoot', contact: 'cornelis.hazelnoot@example.nl' },
  { name: 'Dieuwertje Pimpernel', contact: 'dieuwertje.pimpernel@example.nl' },
];
/** A general sign-up: its envelope is its only row, so it keeps its data there. */
const APPLICANT = { name: 'Evert Vlierbes', contact: 'evert.vlierbes@example.nl' };
const COPIED = [...IDEA_PEOPLE.flatMap((p) => [p.name, p.contact]), STORY, ...SIGNUP_PEOPLE.flatMap((p) => [p.name, p.contact])];

/** The fixture of the previous release, in a fresh file or schema. */
async function releaseDatabase(storage: StoreTarget): Promise<void> {
  if (storage.backend === 'sqlite') {
    copyFileSync(join(FIXTURES, 'collector.sqlite'), storage.path);
    return;
  }
  const dump = readFileSync(join(FIXTURES, 'postgres.sql'), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('\\')) // psql's meta-commands (\restrict), not SQL
    .join('\n')
    .replaceAll(DUMPED_SCHEMA, storage.schema!);
  await pgQuery(dump);
}

/** Every envelope row as stored, JSON as text on both backends. */
async function envelopeRows(store: Store): Promise<{ id: string; widget: string; kind: string; consent: string | null; data: string }[]> {
  const sql = 'SELECT id, widget, kind, consent, data FROM submissions ORDER BY id';
  if (store instanceof SqliteStore) return store.db.prepare(sql).all() as never;
  if (store instanceof PostgresStore) {
    const { rows } = await store.pool.query(sql.replace('consent, data', 'consent::text AS consent, data::text AS data'));
    return rows;
  }
  throw new Error('unknown store');
}

describe.each(BACKENDS)('a database made by the previous release, on %s', (backend: Backend) => {
  let collector: Collector | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await collector?.app.close();
    collector = undefined;
    await cleanup?.();
    cleanup = undefined;
  });

  it('migrates: rows and exports unchanged, the personal data only in its own tables and gone from the disk once erased', async () => {
    const fresh = freshStorage(backend);
    cleanup = fresh.cleanup;
    await releaseDatabase(fresh.storage);
    if (fresh.storage.backend === 'sqlite') {
      // The fixture holds the copies this migration removes.
      const before = rawSqlite(fresh.storage.path);
      for (const needle of COPIED) expect(count(before, needle), needle).toBe(2);
    }

    collector = await openCollector({ storage: fresh.storage, renderTokens: 'off', clock: () => EXPORTED_AT });
    const { app, store } = collector;
    expect(store.appliedOnOpen).toEqual([17]);

    // Every row reads through the store as before.
    for (const p of IDEA_PEOPLE) expect(await store.ideas.get(SITE, p.id)).toMatchObject({ name: p.name, contact: p.contact });
    const signups = await store.volunteer.list(SITE, { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' });
    expect(signups.map((s) => [s.firstName, s.contact])).toEqual(SIGNUP_PEOPLE.map((p) => [p.name, p.contact]));
    expect((await store.volunteer.listApplications(SITE)).map((a) => a.data)).toMatchObject([{ firstName: APPLICANT.name }]);

    // The exports are what the previous release exported, byte for byte.
    const token = (await issueToken(store, { site: SITE, scopes: ['export'], expiresAt: null })).token;
    for (const [path, body] of Object.entries(exportsOf[backend])) {
      const answer = await app.inject({ url: `/v1/admin/sites/${SITE}/${path}`, headers: { authorization: `Bearer ${token}` } });
      expect(answer.statusCode, path).toBe(200);
      expect(answer.body, path).toBe(body);
    }

    // No personal data in the envelopes but the general sign-up's, which has no other row.
    const envelopes = await envelopeRows(store);
    for (const e of envelopes.filter((e) => e.kind !== 'application')) {
      expect(JSON.parse(e.data), e.id).toEqual({ kind: e.kind });
      if (e.widget === 'idea-box') expect(e.consent, e.id).toBeNull();
    }
    expect(JSON.parse(envelopes.find((e) => e.kind === 'application')!.data)).toMatchObject({ contact: APPLICANT.contact });
    expect(envelopes.filter((e) => e.kind !== 'application').map((e) => e.data)).toHaveLength(7);

    if (store instanceof SqliteStore) {
      // Only the rows of the domain tables are left, and once a person is erased not even those.
      const migrated = rawSqlite(store.path);
      for (const needle of COPIED) expect(count(migrated, needle), needle).toBe(1);
      await erasePerson(store, SITE, IDEA_PEOPLE[0]!.contact, { actor: 'test', now: new Date(EXPORTED_AT), includeContent: false });
      await erasePerson(store, SITE, SIGNUP_PEOPLE[0]!.contact, { actor: 'test', now: new Date(EXPORTED_AT), includeContent: false });
      const erased = rawSqlite(store.path);
      for (const needle of [IDEA_PEOPLE[0]!, SIGNUP_PEOPLE[0]!].flatMap((p) => [p.name, p.contact]))
        expect(count(erased, needle), needle).toBe(0);
      for (const needle of [IDEA_PEOPLE[1]!.contact, SIGNUP_PEOPLE[1]!.contact, STORY]) expect(count(erased, needle), needle).toBe(1);
    } else if (store instanceof PostgresStore) {
      // The instance that migrated vacuumed right after the migration's transaction...
      const vacuumed = await store.pool.query(`SELECT last_vacuum FROM pg_stat_user_tables WHERE relid = 'submissions'::regclass`);
      expect(vacuumed.rows[0].last_vacuum).not.toBeNull();
      // ...which leaves no older version of an envelope row. A transaction
      // elsewhere on this server (another test file) may still see them: vacuum again until it ends.
      await vi.waitFor(
        async () => {
          const raw = await rowVersions(store, ['submissions']);
          if (COPIED.some((needle) => count(raw, needle) > 0)) await store.overwriteFreedSpace();
          for (const needle of COPIED) expect(count(raw, needle), needle).toBe(0);
        },
        { timeout: 30_000, interval: 500 },
      );
      expect(count(await rowVersions(store, ['submissions']), APPLICANT.contact)).toBe(1);
    }
  });
});

/** What an instance of the previous release writes into the envelope row, during a rolling upgrade. */
async function writeOlderCopy(store: Store, id: string, data: unknown, consent: unknown): Promise<void> {
  const values = [JSON.stringify(data), consent ? JSON.stringify(consent) : null, id];
  if (store instanceof SqliteStore) store.db.prepare('UPDATE submissions SET data = ?, consent = ? WHERE id = ?').run(...values);
  else if (store instanceof PostgresStore)
    await store.pool.query('UPDATE submissions SET data = $1::jsonb, consent = $2::jsonb WHERE id = $3', values);
}

describe.each(BACKENDS)('during a rolling upgrade on %s', (backend: Backend) => {
  let c: TestCollector | undefined;
  afterEach(async () => {
    await c?.close();
    c = undefined;
  });

  it('retention and erasure still clean the copy an older instance wrote into the envelope', async () => {
    let now = Date.parse('2026-01-15T10:00:00Z');
    c = await startTestCollector({ backend, clock: () => now });
    const consent = { textVersion: IDEA_CONSENT_TEXT_VERSION, givenAt: new Date(now).toISOString() };
    const people = [
      ideaEnvelope({ consent }, { name: 'Wilhelmina Zonnebloem', contact: 'wilhelmina.zonnebloem@example.nl' }),
      ideaEnvelope({ consent }, { name: 'Bartholomeus Kwakkelstein', contact: 'bartholomeus@example.nl' }),
      pollEnvelope({ pollId: 'impact', statements: { praatje: 'eens' }, story: STORY }),
    ];
    for (const envelope of people) {
      expect((await postJson(`${c.url}/v1/sites/${SITE}/submissions`, envelope, { origin: ORIGIN })).status).toBe(201);
      await writeOlderCopy(c.store, envelope.id, envelope.data, envelope.widget === 'idea-box' ? { ...consent, textHash: null } : null);
    }
    expect((await tablesContaining(c.store, 'wilhelmina.zonnebloem@example.nl')).sort()).toEqual(['ideas', 'submissions']);

    await erasePerson(c.store, SITE, 'wilhelmina.zonnebloem@example.nl', { actor: 'test', now: new Date(now), includeContent: false });
    expect(await tablesContaining(c.store, 'wilhelmina.zonnebloem@example.nl')).toEqual([]);
    expect(await tablesContaining(c.store, 'Wilhelmina Zonnebloem')).toEqual([]);

    now = Date.parse('2028-02-01T10:00:00Z'); // past both the ideas' 12 and the poll texts' 24 months
    const lines = await purge(c.store, { now: new Date(now), actor: 'cli', site: SITE });
    expect(lines.find((l) => l.action === 'purge.idea-contact')?.count).toBe(1);
    expect(lines.find((l) => l.action === 'purge.poll-text')?.count).toBe(1);
    for (const needle of ['bartholomeus@example.nl', 'Bartholomeus Kwakkelstein', STORY]) {
      expect(await tablesContaining(c.store, needle), needle).toEqual([]);
    }
    const envelopes = await envelopeRows(c.store);
    for (const e of envelopes) expect(e.consent, e.id).toBeNull();
  });
});

describe.each(BACKENDS)('new submissions on %s', (backend: Backend) => {
  let c: TestCollector | undefined;
  afterEach(async () => {
    await c?.close();
    c = undefined;
  });

  it('write no copy of the personal data into the envelope row', async () => {
    c = await startTestCollector({ backend });
    const admin = { authorization: `Bearer ${await c.token(['read', 'moderate', 'export'])}` };
    const role = await (
      await postJson(
        `${c.url}/v1/admin/sites/${SITE}/volunteer/roles`,
        { name: 'Gastvrouw of gastheer', host: true, notAsked: 'Geen' },
        admin,
      )
    ).json();
    const start = new Date(Date.now() + 48 * 3_600_000).toISOString().slice(0, 16);
    const end = new Date(Date.now() + 50 * 3_600_000).toISOString().slice(0, 16);
    const shift = await (
      await postJson(`${c.url}/v1/admin/sites/${SITE}/volunteer/shifts`, { roleId: role.id, start, end, capacity: 2 }, admin)
    ).json();
    const consent = { textVersion: IDEA_CONSENT_TEXT_VERSION, givenAt: new Date().toISOString() };
    const sent = [
      ideaEnvelope({ consent }, { name: 'Wilhelmina Zonnebloem', contact: 'wilhelmina.zonnebloem@example.nl' }),
      pollEnvelope({ pollId: 'impact', statements: { praatje: 'eens' }, story: STORY }),
      {
        ...ideaEnvelope(),
        widget: 'volunteer-signup',
        data: {
          kind: 'shifts',
          shifts: [{ shiftId: shift.id, date: start.slice(0, 10) }],
          firstName: 'Cornelis Hazelnoot',
          contact: 'cornelis.hazelnoot@example.nl',
          cancelToken: 'C'.repeat(43),
        },
      },
      {
        ...ideaEnvelope(),
        widget: 'volunteer-signup',
        data: { kind: 'application', firstName: APPLICANT.name, contact: APPLICANT.contact },
      },
    ];
    for (const envelope of sent) {
      const answer = await postJson(`${c.url}/v1/sites/${SITE}/submissions`, envelope, { origin: ORIGIN });
      expect(answer.status, JSON.stringify(envelope.data)).toBe(201);
    }
    // An intake, through the store: the widget seals it, which has its own tests.
    const intakeId = uuidv7();
    const at = new Date().toISOString();
    const answers = { naam: 'Hendrika Duizendpoot' };
    await c.store.intakes.insert(
      {
        id: intakeId,
        site: SITE,
        widget: 'welcome-intake',
        kind: 'intake',
        locale: 'nl',
        schemaVersion: 1,
        sentAt: at,
        receivedAt: at,
        consent: { textVersion: 'intake:standaard:1', givenAt: at, textHash: null },
        data: { kind: 'intake', answers, sealed: false },
        elapsedMs: 5000,
      },
      {
        flowId: 'standaard',
        flowVersion: 1,
        visibility: 'professional',
        forSomeoneElse: false,
        assisted: false,
        answers,
        sealed: null,
        consentVersion: 'intake:standaard:1',
        consentGivenAt: at,
        consentHash: null,
      },
    );
    expect((await c.store.intakes.get(SITE, intakeId))?.answers).toEqual(answers);

    const envelopes = await envelopeRows(c.store);
    expect(envelopes.map((e) => [e.widget, e.kind]).sort()).toEqual([
      ['feedback-poll', 'poll-response'],
      ['idea-box', 'idea'],
      ['volunteer-signup', 'application'],
      ['volunteer-signup', 'shifts'],
      ['welcome-intake', 'intake'],
    ]);
    for (const e of envelopes) {
      if (e.kind === 'application') {
        expect(JSON.parse(e.data)).toMatchObject({ firstName: APPLICANT.name, contact: APPLICANT.contact });
        continue;
      }
      expect(JSON.parse(e.data), e.kind).toEqual({ kind: e.kind });
      if (e.widget === 'idea-box' || e.widget === 'welcome-intake') expect(e.consent, e.kind).toBeNull();
    }
    // Each kind's own table still has it all.
    expect(await c.store.ideas.get(SITE, sent[0]!.id)).toMatchObject({
      contact: 'wilhelmina.zonnebloem@example.nl',
      consentVersion: IDEA_CONSENT_TEXT_VERSION,
    });
  });
});
