/**
 * The welcome intake on the collector, through real sockets on every backend: sealed sensitive
 * answers (never in the database in clear), the `sensitive` scope and the visitor's visibility
 * choice, key rotation, versioned flows, exports and topic counts.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openCollector } from '../../src/collector/app.js';
import { IntakeSealError, seal, toKeyring, unseal } from '../../src/collector/intake-crypto.js';
import type { IntakeKeysConfig } from '../../src/collector/intake-crypto.js';
import { purge } from '../../src/collector/privacy/retention.js';
import { intakeConsentVersion } from '../../src/collector/submissions/welcome-intake.js';
import { DEFAULT_INTAKE_FLOW, uuidv7 } from '../../src/schema/index.js';
import { BACKENDS, SITE, postJson, startTestCollector, tablesContaining, type TestCollector } from './helpers.js';
import { noticePostgresSkipped } from './pg.js';
import { readXlsx } from './xlsx-reader.js';

noticePostgresSkipped('welcome intake tests');

type Json = Record<string, any>;
const newKey = () => randomBytes(32).toString('base64');
const keysFor = (...ids: string[]): IntakeKeysConfig => ({ [SITE]: ids.map((id) => ({ id, key: KEYS[id]! })) });
const KEYS: Record<string, string> = { k1: newKey(), k2: newKey() };

/** Distinctive text, so the raw bytes of the database can be searched for it. */
const TALENT = 'Ik repareer graag fietsen-ZQX';
const PHONE = '06 1234 5678';
const NOTE = 'Liever niet mijn buurvrouw-ZQX';

function intakeEnvelope(data: Json = {}, overrides: Json = {}) {
  const now = new Date().toISOString();
  return {
    id: uuidv7(),
    site: SITE,
    widget: 'welcome-intake',
    schemaVersion: 1,
    sentAt: now,
    locale: 'nl',
    consent: { textVersion: intakeConsentVersion(DEFAULT_INTAKE_FLOW), givenAt: now },
    data: {
      kind: 'intake',
      flow: { id: 'welkom', version: 1 },
      answers: {
        'voor-wie': 'other',
        reden: ['praatje', 'hulp-bij-iets'],
        interesses: ['koken'],
        talenten: TALENT,
        themas: ['geld', 'wonen'],
        contact: { channel: 'phone', detail: PHONE, note: NOTE },
        toestemming: true,
      },
      visibility: 'host',
      forSomeoneElse: true,
      assisted: false,
      ...data,
    },
    trap: { honeypot: '', elapsedMs: 30000 },
    ...overrides,
  };
}

for (const backend of BACKENDS) {
  describe(`welcome intake (${backend})`, () => {
    let c: TestCollector;
    afterEach(async () => c?.close());

    const submit = (body: unknown) => postJson(`${c.url}/v1/sites/${SITE}/submissions`, body);
    const admin = (path: string, token: string, init: RequestInit = {}) =>
      fetch(`${c.url}/v1/admin/sites/${SITE}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
      });

    it('seals topics, free text and contact: none of it is in the database in clear', async () => {
      c = await startTestCollector({ backend, intakeKeys: keysFor('k1') });
      const envelope = intakeEnvelope();
      expect((await submit(envelope)).status).toBe(201);
      expect((await submit(envelope)).status).toBe(200);
      for (const secret of [TALENT, NOTE, '1234 5678', '"geld"']) {
        expect(await tablesContaining(c.store, secret)).toEqual([]);
      }
      // The non-sensitive choices are stored in clear, for counting without the key: in the intake
      // row only (the envelope keeps no copy).
      expect(await tablesContaining(c.store, 'praatje')).toEqual(['intakes']);
      if (backend === 'sqlite') {
        await c.app.close(); // checkpoints the WAL into the file
        const files = [c.dbPath, `${c.dbPath}-wal`].filter(existsSync).map((f) => readFileSync(f));
        const bytes = Buffer.concat(files).toString('latin1');
        expect(bytes).toContain('praatje');
        for (const secret of ['fietsen-ZQX', 'buurvrouw-ZQX', '1234 5678']) expect(bytes).not.toContain(secret);
        expect(bytes).toMatch(/v1\.k1\.[A-Za-z0-9_-]+\./);
      }
    });

    it('subject access and erasure find an intake by its sealed contact details, and erase it whole', async () => {
      c = await startTestCollector({ backend, intakeKeys: keysFor('k1') });
      const envelope = intakeEnvelope();
      expect((await submit(envelope)).status).toBe(201);
      const token = await c.token(['admin']);
      const people = (path: string, init: RequestInit = {}) =>
        fetch(`${c!.url}/v1/admin/sites/${SITE}${path}`, {
          ...init,
          headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
        });
      // Another spelling of the same number.
      const shown = (await (await people('/people', { method: 'POST', body: JSON.stringify({ contact: '+31612345678' }) })).json()) as {
        matched: Record<string, number>;
        intakes: { id: string }[];
      };
      expect(shown.matched).toMatchObject({ intakes: 1 });
      expect(shown.intakes.map((i) => i.id)).toEqual([envelope.id]);
      expect(JSON.stringify(shown)).not.toContain('fietsen'); // the record, not its sealed answers
      const receipt = (await (
        await people('/people/erase', { method: 'POST', body: JSON.stringify({ contact: '0612345678' }) })
      ).json()) as {
        matched: Record<string, number>;
        removedFields: string[];
      };
      expect(receipt).toMatchObject({ matched: { intakes: 1 }, removedFields: ['intakes.*'] });
      expect(await c.store.intakes.get(SITE, envelope.id)).toBeNull();
      expect(await tablesContaining(c.store, 'praatje')).toEqual([]);
    });

    it('tells a webhook that an intake came in, without any of its answers', async () => {
      c = await startTestCollector({ backend, intakeKeys: keysFor('k1') });
      await c.store.webhooks.set({ site: SITE, url: 'https://hooks.example.nl/in', secret: 's', createdAt: new Date().toISOString() });
      expect((await submit(intakeEnvelope())).status).toBe(201);
      expect((await c.store.webhooks.listDeliveries(SITE, 10)).map((d) => d.status)).toEqual(['pending']);
      // The queued payload is in the database: neither the sealed answers nor the open ones are.
      for (const answer of [TALENT, NOTE, '1234 5678', '"geld"']) expect(await tablesContaining(c.store, answer)).toEqual([]);
      expect(await tablesContaining(c.store, 'praatje')).not.toContain('webhook_deliveries');
      expect(await tablesContaining(c.store, 'welcome-intake')).toContain('webhook_deliveries');
    });

    it('shows sensitive answers only with the sensitive scope; otherwise honours who may see them', async () => {
      c = await startTestCollector({ backend, intakeKeys: keysFor('k1') });
      const host = intakeEnvelope();
      const professional = intakeEnvelope({ visibility: 'professional', forSomeoneElse: false });
      for (const e of [host, professional]) expect((await submit(e)).status).toBe(201);

      const adminToken = await c.token(['admin']);
      const plain = (await (await admin('/intakes', adminToken)).json()) as Json;
      const byId = (list: Json[], id: string) => list.find((i) => i.id === id)!;
      expect(byId(plain.intakes, host.id)).toMatchObject({
        visibility: 'host',
        forSomeoneElse: true,
        answers: { reden: ['praatje', 'hulp-bij-iets'], interesses: ['koken'] },
        sensitiveAnswers: 'withheld',
      });
      expect(byId(plain.intakes, host.id).answers).not.toHaveProperty('themas');
      expect(byId(plain.intakes, professional.id)).toMatchObject({ answers: null, sensitiveAnswers: 'withheld' });
      expect(JSON.stringify(plain)).not.toContain('ZQX');
      const one = (await (await admin(`/intakes/${professional.id}`, adminToken)).json()) as Json;
      expect(one.answers).toBeNull();

      const sensitiveToken = await c.token(['read', 'sensitive']);
      const full = (await (await admin(`/intakes/${professional.id}`, sensitiveToken)).json()) as Json;
      expect(full).toMatchObject({ sensitiveAnswers: 'included', answers: { ...professional.data.answers } });
      expect(full.consent).toMatchObject({ textVersion: 'intake:welkom:1', textHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      const audit = await c.store.audit.list(SITE);
      expect(audit.some((e) => e.action === 'intake.read-sensitive' && e.target === professional.id)).toBe(true);
      // `sensitive` alone does not open the list: reading still needs `read`.
      expect((await admin('/intakes', await c.token(['sensitive']))).status).toBe(403);
    });

    it('refuses intakes with 503 while the site has no key, and stores nothing', async () => {
      c = await startTestCollector({ backend, intakeKeys: keysFor('k1') });
      await c.store.access.createSite({ slug: 'de-eik', name: 'De Eik' }, new Date().toISOString());
      const envelope = intakeEnvelope({}, { site: 'de-eik' });
      const answer = await postJson(`${c.url}/v1/sites/de-eik/submissions`, envelope);
      expect(answer.status).toBe(503);
      const body = (await answer.json()) as Json;
      expect(body.error).toBe('intake_key_missing');
      expect(body.message).toContain('intakeKeys');
      expect(await c.countRows('submissions')).toBe(0);
    });

    it('maps answers that do not fit the flow to their fields (422)', async () => {
      c = await startTestCollector({ backend, intakeKeys: keysFor('k1') });
      const wrong = intakeEnvelope({
        answers: { themas: ['wonen', 'ruimtevaart'], contact: { channel: 'email', detail: 'geen-mail' }, onbekend: 'x' },
      });
      const answer = await submit(wrong);
      expect(answer.status).toBe(422);
      const paths = ((await answer.json()) as Json).issues.map((i: Json) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['data.answers.themas', 'data.answers.contact', 'data.answers.onbekend']));
      const noConsent = intakeEnvelope({ answers: { contact: { channel: 'phone', detail: PHONE } } });
      const refused = await submit(noConsent);
      expect(refused.status).toBe(422);
      expect(((await refused.json()) as Json).issues).toEqual([
        expect.objectContaining({ path: 'data.answers.toestemming', code: 'errConsent' }),
      ]);
      // Everything is optional: an empty intake is fine.
      expect((await submit(intakeEnvelope({ answers: {} }, { consent: undefined }))).status).toBe(201);
    });

    it('rotates keys: new intakes use the first key, older ones still open by their key id', async () => {
      c = await startTestCollector({ backend, intakeKeys: keysFor('k1') });
      const old = intakeEnvelope();
      expect((await submit(old)).status).toBe(201);
      const rotated = await c.another({ intakeKeys: keysFor('k2', 'k1') });
      const url = await rotated.app.listen({ port: 0, host: '127.0.0.1' });
      try {
        const fresh = intakeEnvelope();
        expect((await postJson(`${url}/v1/sites/${SITE}/submissions`, fresh)).status).toBe(201);
        expect((await c.store.intakes.get(SITE, fresh.id))!.sealed).toMatch(/^v1\.k2\./);
        const token = await c.token(['read', 'sensitive']);
        for (const id of [old.id, fresh.id]) {
          const view = (await (
            await fetch(`${url}/v1/admin/sites/${SITE}/intakes/${id}`, { headers: { authorization: `Bearer ${token}` } })
          ).json()) as Json;
          expect(view).toMatchObject({ sensitiveAnswers: 'included', answers: { talenten: TALENT } });
        }
      } finally {
        await rotated.app.close();
      }
      const forgotten = await c.another({ intakeKeys: keysFor('k2') });
      try {
        const token = await c.token(['read', 'sensitive']);
        const view = (await (
          await forgotten.app.inject({ url: `/v1/admin/sites/${SITE}/intakes/${old.id}`, headers: { authorization: `Bearer ${token}` } })
        ).json()) as Json;
        expect(view).toMatchObject({ sensitiveAnswers: 'unreadable', answers: { reden: ['praatje', 'hulp-bij-iets'] } });
        expect(view.answers).not.toHaveProperty('talenten');
      } finally {
        await forgotten.app.close();
      }
    });

    it('serves the built-in flow until a coordinator saves versions; answers are checked against their version', async () => {
      c = await startTestCollector({ backend, intakeKeys: keysFor('k1') });
      const flowUrl = `${c.url}/v1/sites/${SITE}/intake-flow`;
      expect(await (await fetch(flowUrl)).json()).toEqual(DEFAULT_INTAKE_FLOW);
      const token = await c.token(['read', 'moderate']);
      const flow = {
        id: 'linde',
        steps: [
          {
            id: 'start',
            title: 'Hoi',
            questions: [
              {
                id: 'kleur',
                type: 'single',
                label: 'Kleur',
                options: [
                  { value: 'rood', label: 'Rood' },
                  { value: 'blauw', label: 'Blauw' },
                ],
              },
              { id: 'waarom', type: 'short-text', label: 'Waarom?', showIf: { question: 'kleur', anyOf: ['rood'] } },
            ],
          },
        ],
      };
      const put = (body: unknown, t = token) => admin('/intake-flow', t, { method: 'PUT', body: JSON.stringify(body) });
      expect((await put(flow, await c.token(['read']))).status).toBe(403);
      const first = await put(flow);
      expect(first.status).toBe(201);
      expect(((await first.json()) as Json).version).toBe(2);
      expect(((await (await put(flow)).json()) as Json).version).toBe(3);
      expect((await (await fetch(flowUrl)).json()) as Json).toMatchObject({ id: 'linde', version: 3 });
      const later = { ...flow, steps: [{ ...flow.steps[0]!, questions: [...flow.steps[0]!.questions].reverse() }] };
      const refused = await put(later);
      expect(refused.status).toBe(422);
      expect(((await refused.json()) as Json).issues[0].path).toBe('steps.0.questions.0.showIf.question');

      const mine = (answers: Json) => intakeEnvelope({ flow: { id: 'linde', version: 2 }, answers }, { consent: undefined });
      expect((await submit(mine({ kleur: 'groen' }))).status).toBe(422);
      const ok = mine({ kleur: 'rood', waarom: 'Mooi-ZQX' });
      expect((await submit(ok)).status).toBe(201);
      expect(await tablesContaining(c.store, 'Mooi-ZQX')).toEqual([]);
      // An inline flow the collector does not know: accepted, every answer sealed.
      const inline = intakeEnvelope({ flow: { id: 'eigen', version: 7 }, answers: { iets: ['a-ZQX'] } }, { consent: undefined });
      expect((await submit(inline)).status).toBe(201);
      expect(await tablesContaining(c.store, 'a-ZQX')).toEqual([]);
    });

    it('exports one column per question, stable from the flows; sensitive columns only with the scope', async () => {
      c = await startTestCollector({ backend, intakeKeys: keysFor('k1') });
      const host = intakeEnvelope();
      const professional = intakeEnvelope({ visibility: 'professional' });
      for (const e of [host, professional]) expect((await submit(e)).status).toBe(201);
      const full = await c.token(['export', 'sensitive']);
      const csv = await (await admin('/export/intakes.csv', full)).text();
      const [header, ...rows] = csv
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(header).toBe(
        'Kenmerk;Ontvangen op;Ontvangen op (UTC);Vragenlijst;Versie vragenlijst;Wie mag het lezen;Voor iemand anders;Samen ingevuld;Taal;' +
          'Versie toestemmingstekst;Toestemming gegeven op;Toestemming gegeven op (UTC);' +
          'Voor wie vul je dit in?;Waarvoor kom je?;Wat doe je graag?;Waar ben je goed in? Wat wil je leren?;Onderwerpen;Kies wat voor jou helpt.;' +
          'Hoe mogen we je bereiken?: hoe;Hoe mogen we je bereiken?: nummer of e-mail;Hoe mogen we je bereiken?: met wie;Andere antwoorden;' +
          'Afgehandeld op;Afgehandeld op (UTC);Afgehandeld door',
      );
      expect(rows).toHaveLength(2);
      // Chosen options as the visitor read them (Dutch), the contact channel as a word.
      expect(rows[0]).toContain(';Een praatje, Hulp bij iets;Koken en eten;Ik repareer graag fietsen-ZQX;');
      expect(rows[0]).toContain(';Telefoon;06 1234 5678;');

      const limited = await c.token(['export']);
      const json = (await (await admin('/export/intakes.json', limited)).json()) as Json[];
      expect(Object.keys(json[0]!)).toEqual([
        'id',
        'ontvangen_op_lokaal',
        'ontvangen_op',
        'flow',
        'flow_versie',
        'zichtbaar_voor',
        'voor_iemand_anders',
        'samen_ingevuld',
        'taal',
        'toestemming_versie',
        'toestemming_op_lokaal',
        'toestemming_op',
        'antwoord_voor-wie',
        'antwoord_reden',
        'antwoord_interesses',
        'antwoord_drempels',
        'afgehandeld_op_lokaal',
        'afgehandeld_op',
        'afgehandeld_door',
      ]);
      expect(json.find((r) => r.id === host.id)).toMatchObject({ antwoord_reden: ['praatje', 'hulp-bij-iets'], zichtbaar_voor: 'host' });
      expect(json.find((r) => r.id === professional.id)).toMatchObject({ antwoord_reden: null });
      expect(JSON.stringify(json)).not.toContain('ZQX');

      const xlsx = Buffer.from(await (await admin('/export/intakes.xlsx', full)).arrayBuffer());
      const sheet = [...readXlsx(xlsx).sheets.values()][0]!;
      expect(sheet).toHaveLength(3);
      const audit = (await c.store.audit.list(SITE)).map((e) => e.action);
      expect(audit).toEqual(expect.arrayContaining(['export.intakes.sensitive', 'export.intakes']));
    });

    it('deletes intakes whole after the retention period (12 months by default)', async () => {
      const received = Date.parse('2025-01-10T10:00:00Z');
      c = await startTestCollector({ backend, intakeKeys: keysFor('k1'), clock: () => received });
      const envelope = intakeEnvelope();
      expect((await submit(envelope)).status).toBe(201);
      const early = await purge(c.store, { now: new Date('2026-01-09T10:00:00Z'), actor: 'cli', site: SITE });
      expect(early.find((l) => l.action === 'purge.intake')).toMatchObject({ months: 12, count: 0 });
      const due = await purge(c.store, { now: new Date('2026-01-11T10:00:00Z'), actor: 'cli', site: SITE });
      expect(due.find((l) => l.action === 'purge.intake')).toMatchObject({ count: 1 });
      expect(await c.store.intakes.get(SITE, envelope.id)).toBeNull();
      expect(await c.countRows('submissions')).toBe(0);
    });

    it('erases one intake on request (scope admin), audited', async () => {
      c = await startTestCollector({ backend, intakeKeys: keysFor('k1') });
      const envelope = intakeEnvelope();
      expect((await submit(envelope)).status).toBe(201);
      const del = (token: string) => admin(`/intakes/${envelope.id}`, token, { method: 'DELETE' });
      expect((await del(await c.token(['read', 'moderate', 'export', 'sensitive']))).status).toBe(403);
      const adminToken = await c.token(['admin']);
      expect((await del(adminToken)).status).toBe(204);
      expect((await del(adminToken)).status).toBe(404);
      expect(await c.countRows('submissions')).toBe(0);
      expect((await c.store.audit.list(SITE)).some((e) => e.action === 'intake.delete' && e.target === envelope.id)).toBe(true);
    });

    it('counts choices per topic for reports, without personal data', async () => {
      c = await startTestCollector({ backend, intakeKeys: keysFor('k1') });
      expect((await submit(intakeEnvelope())).status).toBe(201);
      expect(
        (
          await submit(
            intakeEnvelope(
              { answers: { themas: ['wonen', 'taal'] }, visibility: 'professional', forSomeoneElse: false },
              { consent: undefined },
            ),
          )
        ).status,
      ).toBe(201);
      const summary = (await (await admin('/intakes/summary', await c.token(['read']))).json()) as Json;
      expect(summary).toMatchObject({ intakes: 2, forSomeoneElse: 1, unreadable: 0, visibility: { professional: 1, host: 1 } });
      const themas = summary.questions.find((q: Json) => q.id === 'themas');
      expect(themas).toMatchObject({ sensitive: true, counts: { wonen: 2, geld: 1, taal: 1, vervoer: 0 } });
      expect(summary.questions.map((q: Json) => q.id)).not.toContain('zichtbaar');
      expect(summary.questions.find((q: Json) => q.id === 'voor-wie').counts).toEqual({ self: 0, other: 1, together: 0 });
      expect(JSON.stringify(summary)).not.toMatch(/ZQX|1234|[0-9a-f]{8}-[0-9a-f]{4}-7/);
    });
  });
}

describe('intake sealing', () => {
  const ring = toKeyring(keysFor('k1', 'k2'));
  const keys = ring.get(SITE)!;

  it('opens only on the row it was sealed for, and not after tampering', () => {
    const sealed = seal(keys, SITE, 'id-1', { themas: ['wonen'] });
    expect(unseal(keys, SITE, 'id-1', sealed)).toEqual({ themas: ['wonen'] });
    expect(() => unseal(keys, SITE, 'id-2', sealed)).toThrow(IntakeSealError);
    expect(() => unseal(keys, 'de-eik', 'id-1', sealed)).toThrow(IntakeSealError);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('x' + Buffer.from(parts[4]!, 'base64url').toString('latin1'), 'latin1').toString('base64url');
    expect(() => unseal(keys, SITE, 'id-1', parts.join('.'))).toThrow(IntakeSealError);
    expect(() => unseal(ring.get(SITE)!.slice(1), SITE, 'id-1', sealed)).toThrow(/"k1".*not configured/);
  });

  it('refuses keys that are not 32 bytes, and a config with an unknown key shape', async () => {
    expect(() => toKeyring({ [SITE]: [{ id: 'k1', key: randomBytes(16).toString('base64') }] })).toThrow(/32 random bytes/);
    await expect(openCollector({ dbPath: ':memory:', intakeKeys: { [SITE]: [] } })).rejects.toThrow(/at least one key/);
  });
});
