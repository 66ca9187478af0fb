/** Consent records: text version, SHA-256 of the text shown, and when; on every backend. */
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { IDEA_EXPORT_KEYS } from '../../src/collector/export/ideas.js';
import { collectorLogger } from '../../src/collector/logging.js';
import { CONSENT_TEXTS } from '../../src/schema/consent.js';
import { IDEA_CONSENT_TEXT_VERSION } from '../../src/schema/index.js';
import { BACKENDS, ideaEnvelope, postJson, startTestCollector, type TestCollector } from './helpers.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const GIVEN_AT = '2026-05-01T14:00:00.000+02:00';

describe.each(BACKENDS)('consent records (%s)', (backend) => {
  let c: TestCollector;
  let logs: string[];
  afterEach(() => c?.close());

  async function start() {
    logs = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    });
    c = await startTestCollector({ backend, logger: collectorLogger({ level: 'warn', stream }) });
    return c.token(['read', 'export']);
  }

  async function submit(locale: string, textVersion: string) {
    const envelope = ideaEnvelope({ locale, consent: { textVersion, givenAt: GIVEN_AT } }, { name: 'Anna', contact: 'anna@example.nl' });
    const res = await postJson(`${c.url}/v1/sites/${c.site}/submissions`, envelope);
    expect(res.status).toBe(201);
    return envelope.id;
  }

  const adminGet = (path: string, token: string) =>
    fetch(`${c.url}/v1/admin/sites/${c.site}${path}`, { headers: { authorization: `Bearer ${token}` } });

  it('stores the version, the hash of the text for that locale, and the time; shown to admins and in the CSV', async () => {
    const token = await start();
    const nl = await submit('nl', IDEA_CONSENT_TEXT_VERSION);
    const en = await submit('en-GB', IDEA_CONSENT_TEXT_VERSION);
    const texts = CONSENT_TEXTS[IDEA_CONSENT_TEXT_VERSION]!;

    const nlIdea = await (await adminGet(`/ideas/${nl}`, token)).json();
    expect(nlIdea).toMatchObject({
      consentVersion: IDEA_CONSENT_TEXT_VERSION,
      consentHash: sha256(texts.nl!),
      consentGivenAt: '2026-05-01T12:00:00.000Z',
    });
    expect((await (await adminGet(`/ideas/${en}`, token)).json()).consentHash).toBe(sha256(texts.en!));

    const csv = (await (await adminGet('/export/ideas.csv', token)).text()).slice(1).trimEnd().split('\r\n');
    // Found by its stable key; the header is its Dutch name.
    const column = IDEA_EXPORT_KEYS.indexOf('toestemming_hash');
    expect(csv[0]!.split(';')[column]).toBe('Controlegetal toestemmingstekst');
    expect(
      csv
        .slice(1)
        .map((line) => line.split(';')[column])
        .sort(),
    ).toEqual([sha256(texts.nl!), sha256(texts.en!)].sort());
  });

  it('accepts an unknown version with a null hash and logs it without personal data', async () => {
    const token = await start();
    const id = await submit('nl', 'idea-contact-2099-01');
    const idea = await (await adminGet(`/ideas/${id}`, token)).json();
    expect(idea).toMatchObject({ consentVersion: 'idea-contact-2099-01', consentHash: null, contact: 'anna@example.nl' });
    const warning = logs.find((line) => line.includes('consent text version not known'));
    expect(warning).toBeDefined();
    expect(warning).toContain('idea-contact-2099-01');
    expect(warning).not.toContain('anna@example.nl');
  });

  it('stores no consent and no hash when none was given', async () => {
    const token = await start();
    const envelope = ideaEnvelope();
    expect((await postJson(`${c.url}/v1/sites/${c.site}/submissions`, envelope)).status).toBe(201);
    const idea = await (await adminGet(`/ideas/${envelope.id}`, token)).json();
    expect(idea).toMatchObject({ consentVersion: null, consentHash: null, consentGivenAt: null });
  });
});
