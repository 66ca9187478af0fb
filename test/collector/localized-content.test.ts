/**
 * Texts in several languages through the coordinator routes and the store, on every backend: a
 * poll and a volunteer role keep their English and Arabic, a plain Dutch text stays valid, the
 * public routes serve the translations, and the exports carry them (Dutch first).
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/schema/index.js';
import { BACKENDS, ORIGIN, SITE, startTestCollector, type TestCollector } from './helpers.js';

describe.each(BACKENDS)('content in several languages (%s)', (backend) => {
  let c: TestCollector;
  afterEach(() => c?.close());

  it('stores, serves and exports a poll and a role with their translations', async () => {
    c = await startTestCollector({ backend, listen: false });
    const token = await c.token(['read', 'moderate', 'export']);
    const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) =>
      c.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/json' } : {}) },
        ...(payload ? { payload: JSON.stringify(payload) } : {}),
      });

    const question = { nl: 'Wat drink je?', en: 'What do you drink?', ar: 'ماذا تشرب؟' };
    const options = [
      { value: 'thee', label: { nl: 'Thee', en: 'Tea', ar: '' } },
      { value: 'koffie', label: 'Koffie' },
    ];
    expect((await call('PUT', `/v1/admin/sites/${SITE}/polls/drinken`, { kind: 'choice', question, options })).statusCode).toBe(200);
    // An empty translation is "not given"; the plain Dutch label stays a string.
    const poll = (await c.app.inject({ url: `/v1/sites/${SITE}/polls/drinken` })).json();
    expect(poll).toMatchObject({
      question,
      options: [
        { value: 'thee', label: { nl: 'Thee', en: 'Tea' } },
        { value: 'koffie', label: 'Koffie' },
      ],
    });
    expect(poll.options[0].label).not.toHaveProperty('ar');
    // Dutch is required, and nothing but nl, en and ar.
    expect((await call('PUT', `/v1/admin/sites/${SITE}/polls/leeg`, { kind: 'yes-no', question: { en: 'Only English' } })).statusCode).toBe(
      422,
    );
    expect(
      (await call('PUT', `/v1/admin/sites/${SITE}/polls/fr`, { kind: 'yes-no', question: { nl: 'Ja?', fr: 'Oui ?' } })).statusCode,
    ).toBe(422);

    const results = await call('GET', `/v1/admin/sites/${SITE}/polls/drinken/export/results.json`);
    expect(results.json()[0]).toMatchObject({ tekst: 'Wat drink je?', tekst_en: 'What do you drink?', tekst_ar: 'ماذا تشرب؟' });

    const name = { nl: 'Gastvrouw of gastheer', en: 'Host of the day', ar: 'مضيف أو مضيفة اليوم' };
    const role = await call('POST', `/v1/admin/sites/${SITE}/volunteer/roles`, { name, whatYouDo: 'Koffie zetten.' });
    expect(role.statusCode).toBe(201);
    const roster = (await c.app.inject({ url: `/v1/sites/${SITE}/volunteer` })).json();
    expect(roster.roles.find((r: { id: string }) => r.id === role.json().id)).toMatchObject({ name, whatYouDo: 'Koffie zetten.' });
  });

  it('stores, serves and exports a shift’s own title with its translations', async () => {
    c = await startTestCollector({ backend, listen: false });
    const token = await c.token(['read', 'moderate', 'export']);
    const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) =>
      c.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/json' } : {}) },
        ...(payload ? { payload: JSON.stringify(payload) } : {}),
      });
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(Date.now() + 3 * 86_400_000);

    const role = (await call('POST', `/v1/admin/sites/${SITE}/volunteer/roles`, { name: 'Keukenhulp' })).json();
    const title = { nl: 'Soep koken voor de buurtmaaltijd', en: 'Cooking soup for the neighbourhood meal', ar: 'طبخ الحساء لوجبة الحي' };
    const shift = await call('POST', `/v1/admin/sites/${SITE}/volunteer/shifts`, {
      roleId: role.id,
      title,
      start: `${date}T09:45`,
      end: `${date}T12:15`,
      capacity: 2,
    });
    expect(shift.statusCode).toBe(201);
    // Dutch is required in a shift's title too.
    expect(
      (
        await call('POST', `/v1/admin/sites/${SITE}/volunteer/shifts`, {
          roleId: role.id,
          title: { en: 'Only English' },
          start: `${date}T09:45`,
          end: `${date}T12:15`,
          capacity: 1,
        })
      ).statusCode,
    ).toBe(422);
    // A plain Dutch title (as stored before translations existed) stays valid.
    expect(
      (
        await call('POST', `/v1/admin/sites/${SITE}/volunteer/shifts`, {
          roleId: role.id,
          title: 'Afwassen',
          start: `${date}T13:00`,
          end: `${date}T14:00`,
          capacity: 1,
        })
      ).statusCode,
    ).toBe(201);

    const roster = (await c.app.inject({ url: `/v1/sites/${SITE}/volunteer` })).json();
    const shown = roster.occurrences.filter((o: { shiftId: string }) => o.shiftId === shift.json().id);
    expect(shown.map((o: { title: unknown }) => o.title)).toEqual([title]);

    const cancelToken = randomBytes(32).toString('base64url');
    const sent = await c.app.inject({
      method: 'POST',
      url: `/v1/sites/${SITE}/submissions`,
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      payload: JSON.stringify({
        id: uuidv7(),
        site: SITE,
        widget: 'volunteer-signup',
        schemaVersion: 1,
        sentAt: new Date().toISOString(),
        locale: 'ar',
        data: {
          kind: 'shifts',
          shifts: [{ shiftId: shift.json().id, date }],
          firstName: 'Fatima',
          contact: 'fatima@example.nl',
          cancelToken,
        },
        trap: { honeypot: '', elapsedMs: 9000 },
      }),
    });
    expect(sent.statusCode).toBe(201);
    const own = (
      await c.app.inject({
        method: 'POST',
        url: `/v1/sites/${SITE}/volunteer/manage`,
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        payload: JSON.stringify({ token: cancelToken, action: 'view' }),
      })
    ).json();
    expect(own.signups.map((s: { title: unknown }) => s.title)).toEqual([title]);

    // Coordinators read the Dutch; the export adds the English and Arabic; a reminder carries the volunteer's language.
    const csv = (await call('GET', `/v1/admin/sites/${SITE}/export/volunteer-signups.csv?from=${date}&to=${date}`)).body
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    const header = csv[0]!.split(';');
    const row = csv[1]!.split(';');
    expect(['Dienst', 'Dienst in het Engels', 'Dienst in het Arabisch'].map((h) => row[header.indexOf(h)])).toEqual([
      title.nl,
      title.en,
      title.ar,
    ]);
    const reminders = (await call('GET', `/v1/admin/sites/${SITE}/volunteer/reminders?withinHours=${24 * 5}`)).json().reminders;
    expect(reminders.map((r: { title: string; localTitle: string }) => [r.title, r.localTitle])).toEqual([[title.nl, title.ar]]);
  });
});
