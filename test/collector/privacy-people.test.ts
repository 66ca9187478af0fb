/** Subject access and erasure per person, and no IP or user-agent stored; on every backend. */
import { createHmac, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { IDEA_CONSENT_TEXT_VERSION } from '../../src/schema/index.js';
import {
  BACKENDS,
  ideaEnvelope,
  postJson,
  publishedIdea,
  startTestCollector,
  tablesContaining,
  voteEnvelope,
  type TestCollector,
  ORIGIN,
} from './helpers.js';

describe.each(BACKENDS)('people: subject access and erasure (%s)', (backend) => {
  let c: TestCollector;
  afterEach(() => c?.close());

  async function submit(text: string, contact: string, name = 'Anna de Vries') {
    const envelope = ideaEnvelope(
      { consent: { textVersion: IDEA_CONSENT_TEXT_VERSION, givenAt: new Date().toISOString() } },
      { text, name, contact },
    );
    expect((await postJson(`${c.url}/v1/sites/${c.site}/submissions`, envelope)).status).toBe(201);
    return envelope.id;
  }

  const admin = (path: string, token: string, init: RequestInit = {}) =>
    fetch(`${c.url}/v1/admin/sites/${c.site}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
    });
  const show = (contact: string, token: string) => admin('/people', token, { method: 'POST', body: JSON.stringify({ contact }) });
  const erase = (body: unknown, token: string, headers: Record<string, string> = {}) =>
    admin('/people/erase', token, { method: 'POST', body: JSON.stringify(body), headers });

  it('finds everything about a person by e-mail or phone in any spelling; admin scope only; audited without the contact', async () => {
    c = await startTestCollector({ backend });
    const token = await c.token(['admin']);
    const a1 = await submit('Een breicafé', 'Anna@Example.nl');
    const a2 = await submit('Een moestuin', ' anna@example.nl');
    const p1 = await submit('Een klusdag', '06-12345678', 'Piet');
    const p2 = await submit('Een repaircafé', '+31 6 1234 5678', 'Piet');
    await submit('Iets anders', 'iemand@example.nl', 'Iemand');

    const anna = await show('ANNA@example.NL', token);
    expect(anna.status).toBe(200);
    const annaBody = await anna.json();
    expect(annaBody).toMatchObject({ site: c.site, contact: { kind: 'email' }, matched: { ideas: 2 } });
    expect(annaBody.ideas.map((i: { id: string }) => i.id).sort()).toEqual([a1, a2].sort());
    expect(annaBody.ideas[0]).toMatchObject({ name: 'Anna de Vries', consentVersion: IDEA_CONSENT_TEXT_VERSION });

    const piet = await (await show('0031612345678', token)).json();
    expect(piet.matched).toEqual({ ideas: 2, volunteerSignups: 0, volunteerApplications: 0, intakes: 0 });
    expect(piet.ideas.map((i: { id: string }) => i.id).sort()).toEqual([p1, p2].sort());
    expect((await (await show('nobody@example.nl', token)).json()).matched).toEqual({
      ideas: 0,
      volunteerSignups: 0,
      volunteerApplications: 0,
      intakes: 0,
    });

    expect((await show('anna@example.nl', await c.token(['read', 'moderate', 'export']))).status).toBe(403);
    expect((await show('geen contact', token)).status).toBe(422);
    expect((await admin('/people', token, { method: 'POST', body: '{}' })).status).toBe(422);

    expect((await show(' anna@EXAMPLE.nl', token)).status).toBe(200);
    // Refused requests (403, 422) are not look-ups; the four that ran are audited with a keyed hash.
    const audit = (await c.store.audit.list(c.site)).filter((e) => e.action === 'people.show');
    expect(audit.map((e) => e.rowCount)).toEqual([2, 2, 0, 2]);
    expect(audit[0]!.target).toMatch(/^contact [0-9a-f]{32}$/);
    expect(audit[3]!.target).toBe(audit[0]!.target); // the same person, spelled differently
    expect(audit[1]!.target).not.toBe(audit[0]!.target);
    expect(JSON.stringify(await c.store.audit.list(c.site)).toLowerCase()).not.toContain('anna');
  });

  it('erases personal data everywhere with a receipt, keeps the idea text unless asked, deletes whole records when asked', async () => {
    c = await startTestCollector({ backend });
    const token = await c.token(['admin']);
    const a1 = await submit('Een breicafé', 'anna@example.nl');
    const other = await submit('Iets anders', 'iemand@example.nl', 'Iemand');

    expect((await erase({ contact: 'anna@example.nl' }, token, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await erase({ contact: 'anna@example.nl' }, await c.token(['read', 'moderate', 'export']))).status).toBe(403);
    expect((await erase({ contact: 'anna@example.nl', extra: 1 }, token)).status).toBe(422);

    const res = await erase({ contact: 'ANNA@example.nl' }, token);
    expect(res.status).toBe(200);
    const receipt = await res.json();
    expect(receipt).toEqual({
      receiptId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      erasedAt: expect.any(String),
      site: c.site,
      matched: { ideas: 1, volunteerSignups: 0, volunteerApplications: 0, intakes: 0 },
      removedFields: ['ideas.name', 'ideas.contact', 'ideas.consentVersion', 'ideas.consentGivenAt', 'ideas.consentHash'],
    });
    expect(await tablesContaining(c.store, 'anna@example.nl')).toEqual([]);
    expect(await tablesContaining(c.store, 'Anna de Vries')).toEqual([]);
    expect(await c.store.ideas.get(c.site, a1)).toMatchObject({ text: 'Een breicafé', name: null, contact: null, consentHash: null });
    expect((await c.store.ideas.get(c.site, other))!.contact).toBe('iemand@example.nl');
    // Erasing again finds nobody: an idempotent, still audited request.
    expect((await (await erase({ contact: 'anna@example.nl' }, token)).json()).matched).toEqual({
      ideas: 0,
      volunteerSignups: 0,
      volunteerApplications: 0,
      intakes: 0,
    });

    // Whole records: the idea, its envelope and its votes.
    const pietIdea = await publishedIdea(c, await c.token(), 'Piet zijn idee');
    const pietEnvelope = ideaEnvelope(
      { consent: { textVersion: IDEA_CONSENT_TEXT_VERSION, givenAt: new Date().toISOString() } },
      { text: 'Een klusdag met Piet', name: 'Piet', contact: '06-12345678' },
    );
    expect((await postJson(`${c.url}/v1/sites/${c.site}/submissions`, pietEnvelope)).status).toBe(201);
    await c.store.ideas.moderate(c.site, pietEnvelope.id, { published: true }, new Date().toISOString());
    expect(
      (await postJson(`${c.url}/v1/sites/${c.site}/ideas/${pietEnvelope.id}/votes`, voteEnvelope(pietEnvelope.id), { origin: ORIGIN }))
        .status,
    ).toBe(201);
    const whole = await (await erase({ contact: '+31612345678', includeContent: true }, token)).json();
    expect(whole).toMatchObject({ matched: { ideas: 1 }, removedFields: ['ideas.*'] });
    expect(await c.store.ideas.get(c.site, pietEnvelope.id)).toBeNull();
    expect(await tablesContaining(c.store, 'Een klusdag met Piet')).toEqual([]);
    expect(await tablesContaining(c.store, pietEnvelope.id)).toEqual([]); // no vote or envelope left
    expect(await c.store.ideas.get(c.site, pietIdea)).not.toBeNull();

    const audit = (await c.store.audit.list(c.site)).filter((e) => e.action.startsWith('people.erase'));
    expect(audit.map((e) => [e.action, e.rowCount])).toEqual([
      ['people.erase', 1],
      ['people.erase', 0],
      ['people.erase-records', 1],
    ]);
    expect(audit[0]!.target).toBe(`receipt ${receipt.receiptId} contact ${audit[1]!.target!.split(' contact ')[1]}`);
    expect(JSON.stringify(audit)).not.toMatch(/anna|12345678/i);
  });

  it("hashes contacts in the audit log with the operator's key, kept outside the database", async () => {
    const auditKey = 'k'.repeat(24) + randomBytes(12).toString('hex');
    c = await startTestCollector({ backend, auditKey });
    const token = await c.token(['admin']);
    await submit('Een breicafé', 'anna@example.nl');
    expect((await erase({ contact: 'Anna@Example.nl' }, token)).status).toBe(200);
    const [entry] = (await c.store.audit.list(c.site)).filter((e) => e.action === 'people.erase');
    const expected = createHmac('sha256', auditKey).update('email:anna@example.nl').digest('hex').slice(0, 32);
    expect(entry!.target).toMatch(new RegExp(`contact ${expected}$`));
    // No key for these hashes sits in the database beside the log.
    expect(await tablesContaining(c.store, 'people-audit-key')).toEqual([]);
    expect(await tablesContaining(c.store, auditKey)).toEqual([]);
  });

  it('stores no client IP address and no user-agent anywhere', async () => {
    c = await startTestCollector({ backend, trustProxy: true });
    const token = await c.token(['admin']);
    const ip = '203.0.113.77';
    const ua = 'ZqxjDistinctiveBrowser/9.9';
    const headers = { 'x-forwarded-for': ip, 'user-agent': ua, origin: ORIGIN };
    const envelope = ideaEnvelope({}, { text: 'Idee via een proxy' });
    expect((await postJson(`${c.url}/v1/sites/${c.site}/submissions`, envelope, headers)).status).toBe(201);
    await c.store.ideas.moderate(c.site, envelope.id, { published: true }, new Date().toISOString());
    expect((await postJson(`${c.url}/v1/sites/${c.site}/ideas/${envelope.id}/votes`, voteEnvelope(envelope.id), headers)).status).toBe(201);
    expect((await admin('/export/ideas.csv', token, { headers })).status).toBe(200);
    expect((await show('anna@example.nl', token)).status).toBe(200);
    expect(await c.countRows('rate_buckets')).toBeGreaterThan(0); // the limiter did see the request
    expect(await tablesContaining(c.store, ip)).toEqual([]);
    expect(await tablesContaining(c.store, ua)).toEqual([]);
    expect(await tablesContaining(c.store, 'Zqxj')).toEqual([]);
  });
});
