/**
 * Texts in several languages through the coordinator routes and the store, on every backend: a
 * poll and a volunteer role keep their English and Arabic, a plain Dutch text stays valid, the
 * public routes serve the translations, and the exports carry them (Dutch first).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, SITE, startTestCollector, type TestCollector } from './helpers.js';

describe.each(BACKENDS)('content in several languages (%s)', (backend) => {
  let c: TestCollector;
  afterEach(() => c?.close());

  it('stores, serves and exports a poll and a role with their translations', async () => {
    c = await startTestCollector({ backend, listen: false });
    const token = await c.token(['read', 'moderate', 'export']);
    const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) =>
      c.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/json' } : {}) }, ...(payload ? { payload: JSON.stringify(payload) } : {}) });

    const question = { nl: 'Wat drink je?', en: 'What do you drink?', ar: 'ماذا تشرب؟' };
    const options = [{ value: 'thee', label: { nl: 'Thee', en: 'Tea', ar: '' } }, { value: 'koffie', label: 'Koffie' }];
    expect((await call('PUT', `/v1/admin/sites/${SITE}/polls/drinken`, { kind: 'choice', question, options })).statusCode).toBe(200);
    // An empty translation is "not given"; the plain Dutch label stays a string.
    const poll = (await c.app.inject({ url: `/v1/sites/${SITE}/polls/drinken` })).json();
    expect(poll).toMatchObject({ question, options: [{ value: 'thee', label: { nl: 'Thee', en: 'Tea' } }, { value: 'koffie', label: 'Koffie' }] });
    expect(poll.options[0].label).not.toHaveProperty('ar');
    // Dutch is required, and nothing but nl, en and ar.
    expect((await call('PUT', `/v1/admin/sites/${SITE}/polls/leeg`, { kind: 'yes-no', question: { en: 'Only English' } })).statusCode).toBe(422);
    expect((await call('PUT', `/v1/admin/sites/${SITE}/polls/fr`, { kind: 'yes-no', question: { nl: 'Ja?', fr: 'Oui ?' } })).statusCode).toBe(422);

    const results = await call('GET', `/v1/admin/sites/${SITE}/polls/drinken/export/results.json`);
    expect(results.json()[0]).toMatchObject({ tekst: 'Wat drink je?', tekst_en: 'What do you drink?', tekst_ar: 'ماذا تشرب؟' });

    const name = { nl: 'Gastvrouw of gastheer', en: 'Host of the day', ar: 'مضيف أو مضيفة اليوم' };
    const role = await call('POST', `/v1/admin/sites/${SITE}/volunteer/roles`, { name, whatYouDo: 'Koffie zetten.' });
    expect(role.statusCode).toBe(201);
    const roster = (await c.app.inject({ url: `/v1/sites/${SITE}/volunteer` })).json();
    expect(roster.roles.find((r: { id: string }) => r.id === role.json().id)).toMatchObject({ name, whatYouDo: 'Koffie zetten.' });
  });
});
