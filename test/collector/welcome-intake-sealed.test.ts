/**
 * Intakes sealed in the browser: the collector publishes each site's public key, opens what the
 * widget sealed with it (the widget's own WebCrypto code, `src/core/seal.ts`, run here on Node's
 * WebCrypto), checks it like a plain intake and seals the sensitive answers at rest. A second,
 * independent sealer written on OpenSSL (`node:crypto`) proves the wire format is the documented
 * one, not just whatever both sides of this project happen to agree on.
 */
import { createCipheriv, createECDH, hkdfSync, randomBytes, webcrypto } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { IntakeKeysConfig } from '../../src/collector/intake-crypto.js';
import { intakeConsentVersion } from '../../src/collector/submissions/welcome-intake.js';
import { sealTo } from '../../src/core/seal.js';
import { DEFAULT_INTAKE_FLOW, sealedIntakeAad, uuidv7, type IntakePublicKey } from '../../src/schema/index.js';
import { BACKENDS, SITE, postJson, startTestCollector, tablesContaining, type TestCollector } from './helpers.js';
import { noticePostgresSkipped } from './pg.js';

noticePostgresSkipped('sealed welcome intake tests');

const KEYS = { k1: randomBytes(32).toString('base64'), k2: randomBytes(32).toString('base64') };
const keysFor = (...ids: (keyof typeof KEYS)[]): IntakeKeysConfig => ({ [SITE]: ids.map((id) => ({ id, key: KEYS[id] })) });

const TALENT = 'Ik repareer graag fietsen-SLX';
const PHONE = '06 8765 4321';

function payload() {
  return {
    kind: 'intake',
    flow: { id: 'welkom', version: 1 },
    answers: {
      reden: ['praatje'],
      talenten: TALENT,
      themas: ['zorg', 'geld'],
      contact: { channel: 'phone', detail: PHONE },
      toestemming: true,
    },
    visibility: 'professional',
    forSomeoneElse: false,
    assisted: true,
  };
}

function envelope(data: unknown, id = uuidv7()) {
  const now = new Date().toISOString();
  return {
    id,
    site: SITE,
    widget: 'welcome-intake',
    schemaVersion: 1,
    sentAt: now,
    locale: 'nl',
    consent: { textVersion: intakeConsentVersion(DEFAULT_INTAKE_FLOW), givenAt: now },
    data,
    trap: { honeypot: '', elapsedMs: 30000 },
  };
}

/** The format as documented, on OpenSSL: a fresh P-256 pair, HKDF-SHA-256 (salt: its public point), AES-256-GCM. */
function opensslSeal(key: IntakePublicKey, aad: string, value: unknown): string {
  const fresh = createECDH('prime256v1');
  const freshPublic = fresh.generateKeys();
  const recipient = Buffer.concat([Buffer.from([4]), Buffer.from(key.key.x, 'base64url'), Buffer.from(key.key.y, 'base64url')]);
  const aes = Buffer.from(hkdfSync('sha256', fresh.computeSecret(recipient), freshPublic, 'buurtkit-intake-seal-v1', 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', aes, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return ['bk1', key.keyId, freshPublic.toString('base64url'), iv.toString('base64url'), body.toString('base64url')].join('.');
}

for (const backend of BACKENDS) {
  describe(`welcome intake sealed in the browser (${backend})`, () => {
    let c: TestCollector;
    afterEach(async () => c?.close());

    const submit = (body: unknown) => postJson(`${c.url}/v1/sites/${SITE}/submissions`, body);
    const publicKey = async () => {
      const res = await fetch(`${c.url}/v1/sites/${SITE}/intake-key`);
      expect(res.status).toBe(200);
      return (await res.json()) as IntakePublicKey;
    };
    const readIntake = async (id: string) => {
      const token = await c.token(['read', 'sensitive']);
      const res = await fetch(`${c.url}/v1/admin/sites/${SITE}/intakes/${id}`, { headers: { authorization: `Bearer ${token}` } });
      return (await res.json()) as { answers: Record<string, unknown>; sensitiveAnswers: string; assisted: boolean };
    };

    it('publishes a P-256 public key that WebCrypto imports, and opens what the widget sealed with it', async () => {
      c = await startTestCollector({ backend, intakeKeys: keysFor('k1') });
      const key = await publicKey();
      expect(key).toMatchObject({ keyId: 'k1', alg: 'ECDH-P256+HKDF-SHA256+A256GCM', key: { kty: 'EC', crv: 'P-256' } });
      expect(Object.keys(key.key).sort()).toEqual(['crv', 'kty', 'x', 'y']); // never the private `d`
      await webcrypto.subtle.importKey('jwk', key.key, { name: 'ECDH', namedCurve: 'P-256' }, true, []);
      // Stable: derived from the configured key, the same on every instance and after a restart.
      const again = await (await fetch(`${c.url}/v1/sites/${SITE}/intake-key`)).json();
      expect(again).toEqual(key);

      const id = uuidv7();
      const sealed = await sealTo(key, sealedIntakeAad(SITE, id), payload());
      expect(sealed).not.toContain('fietsen');
      const body = envelope({ kind: 'sealed', sealed }, id);
      expect(JSON.stringify(body)).not.toMatch(/fietsen|8765|zorg|praatje/);
      expect((await submit(body)).status).toBe(201);
      expect((await submit(body)).status).toBe(200); // the same envelope again: a duplicate, no second row
      const read = await readIntake(id);
      expect(read.sensitiveAnswers).toBe('included');
      expect(read.assisted).toBe(true);
      expect(read.answers).toEqual(payload().answers);
      // At rest the sensitive answers are sealed with the site key, as for a plain intake.
      for (const secret of [TALENT, '8765 4321', '"zorg"']) expect(await tablesContaining(c.store, secret)).toEqual([]);
      if (backend === 'sqlite') {
        await c.app.close();
        const bytes = Buffer.concat([c.dbPath, `${c.dbPath}-wal`].filter(existsSync).map((f) => readFileSync(f))).toString('latin1');
        for (const secret of ['fietsen-SLX', '8765 4321']) expect(bytes).not.toContain(secret);
      }
    });

    it('opens the documented format sealed by an independent implementation (OpenSSL)', async () => {
      c = await startTestCollector({ backend, intakeKeys: keysFor('k1') });
      const id = uuidv7();
      const sealed = opensslSeal(await publicKey(), sealedIntakeAad(SITE, id), payload());
      expect((await submit(envelope({ kind: 'sealed', sealed }, id))).status).toBe(201);
      expect((await readIntake(id)).answers).toEqual(payload().answers);
    });

    it('refuses with 422 what does not open: another envelope, a changed byte, an unknown key; checks the opened answers', async () => {
      c = await startTestCollector({ backend, intakeKeys: keysFor('k1') });
      const key = await publicKey();
      const issues = async (body: unknown) => {
        const res = await submit(body);
        expect(res.status).toBe(422);
        return ((await res.json()) as { issues: { path: string; code?: string }[] }).issues;
      };
      // Sealed for one envelope, replayed in another: the additional data differs.
      const sealed = await sealTo(key, sealedIntakeAad(SITE, uuidv7()), payload());
      expect(await issues(envelope({ kind: 'sealed', sealed }))).toEqual([
        expect.objectContaining({ path: 'data.sealed', code: 'sealed' }),
      ]);
      const id = uuidv7();
      const good = await sealTo(key, sealedIntakeAad(SITE, id), payload());
      const parts = good.split('.');
      const body = Buffer.from(parts[4]!, 'base64url');
      body[3] = body[3]! ^ 1;
      const changed = [...parts.slice(0, 4), body.toString('base64url')].join('.');
      expect(await issues(envelope({ kind: 'sealed', sealed: changed }, id))).toEqual([expect.objectContaining({ path: 'data.sealed' })]);
      const unknown = await sealTo({ ...key, keyId: 'gone' }, sealedIntakeAad(SITE, id), payload());
      expect(await issues(envelope({ kind: 'sealed', sealed: unknown }, id))).toEqual([expect.objectContaining({ path: 'data.sealed' })]);
      // Opened, the answers are checked against the flow like a plain intake: contact without consent.
      const noConsent = { ...payload(), answers: { ...payload().answers, toestemming: undefined } };
      const id2 = uuidv7();
      const withoutConsent = {
        ...envelope({ kind: 'sealed', sealed: await sealTo(key, sealedIntakeAad(SITE, id2), noConsent) }, id2),
        consent: undefined,
      };
      expect((await issues(withoutConsent)).map((i) => i.path)).toContain('data.answers.toestemming');
      expect(await c.store.intakes.get(SITE, id)).toBeNull();
    });

    it('after a key rotation, intakes sealed with the old public key still open; a site without a key answers 503', async () => {
      c = await startTestCollector({ backend, intakeKeys: keysFor('k1') });
      const old = await publicKey();
      await c.close();
      c = await startTestCollector({ backend, intakeKeys: keysFor('k2', 'k1') });
      expect((await publicKey()).keyId).toBe('k2');
      const id = uuidv7();
      expect((await submit(envelope({ kind: 'sealed', sealed: await sealTo(old, sealedIntakeAad(SITE, id), payload()) }, id))).status).toBe(
        201,
      );
      expect((await readIntake(id)).answers).toEqual(payload().answers);
      await c.close();
      c = await startTestCollector({ backend });
      const res = await fetch(`${c.url}/v1/sites/${SITE}/intake-key`);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { code?: string; error?: string }).error ?? '').not.toBe('');
    });
  });
}
