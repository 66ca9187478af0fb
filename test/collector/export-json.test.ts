/** JSON and NDJSON exports of ideas over HTTP, streamed and audited; on every backend. */
import { afterEach, describe, expect, it } from 'vitest';
import { IDEA_CONSENT_TEXT_VERSION } from '../../src/schema/index.js';
import { BACKENDS, ideaEnvelope, postJson, seedPlainIdeas, startTestCollector, type TestCollector } from './helpers.js';

describe.each(BACKENDS)('JSON and NDJSON export (%s)', (backend) => {
  let c: TestCollector;
  afterEach(() => c?.close());
  let now = Date.parse('2026-06-01T10:00:00.000Z');
  const clock = () => now;

  const get = (path: string, token: string) =>
    fetch(`${c.url}/v1/admin/sites/${c.site}/export/${path}`, { headers: { authorization: `Bearer ${token}` } });

  it('exports the declared fields as a JSON array and as NDJSON, each audited with its row count', async () => {
    c = await startTestCollector({ backend, clock });
    const token = await c.token(['export']);
    const withContact = ideaEnvelope(
      { consent: { textVersion: IDEA_CONSENT_TEXT_VERSION, givenAt: '2026-06-01T11:59:00+02:00' } },
      { text: 'Een "moestuin"\nachter', contact: 'anna@example.nl', wantsToHelp: true },
    );
    expect((await postJson(`${c.url}/v1/sites/${c.site}/submissions`, withContact)).status).toBe(201);
    now += 1000;
    const plain = ideaEnvelope({}, { text: 'Een breicafé' });
    expect((await postJson(`${c.url}/v1/sites/${c.site}/submissions`, plain)).status).toBe(201);
    now += 1000;

    const json = await get('ideas.json', token);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.headers.get('content-disposition')).toMatch(/filename="buurtkit-de-linde-ideeen-2026-06-01\.json"/);
    const records = await json.json();
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      id: withContact.id,
      ontvangen_op: '2026-06-01T10:00:00.000Z',
      ontvangen_op_lokaal: '2026-06-01 12:00',
      idee: 'Een "moestuin"\nachter',
      wil_helpen: true,
      gepubliceerd: false,
      contact: 'anna@example.nl',
      toestemming_versie: IDEA_CONSENT_TEXT_VERSION,
      toestemming_op: '2026-06-01T09:59:00.000Z',
      toestemming_op_lokaal: '2026-06-01 11:59',
      toestemming_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      stemmen: 0,
    });
    expect(records[1]).toMatchObject({ id: plain.id, contact: null, toestemming_op: null, toestemming_hash: null });

    const ndjson = await get('ideas.ndjson', token);
    expect(ndjson.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const text = await ndjson.text();
    expect(text.endsWith('\n')).toBe(true);
    expect(
      text
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual(records);

    expect((await get('ideas.json?delimiter=comma', token)).status).toBe(422);
    expect((await get('ideas.ndjson', await c.token(['read']))).status).toBe(403);
    const audit = (await c.store.audit.list(c.site)).filter((e) => e.action === 'export.ideas');
    expect(audit.map((e) => [e.target, e.rowCount])).toEqual([
      ['ideas.json', 2],
      ['ideas.ndjson', 2],
    ]);
  });

  it('streams many rows across pages and chunks to a slow reader, complete and in order', async () => {
    c = await startTestCollector({ backend, clock });
    const token = await c.token(['export']);
    const at = new Date(now).toISOString();
    const ids = await seedPlainIdeas(c, 1500, at);
    now += 1;
    const answer = await get('ideas.json', token);
    const reader = answer.body!.getReader();
    let text = '';
    let reads = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString('utf8');
      // A slow client on purpose (it waits for nothing): the pauses let the server's buffers fill, so the stream must pause.
      if (++reads % 4 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    expect(reads).toBeGreaterThan(1);
    expect(JSON.parse(text).map((r: { id: string }) => r.id)).toEqual(ids);
  });
});
