/**
 * Activities in several languages through the coordinator routes and the store, on every backend:
 * the English and Arabic beside the Dutch are stored and read back by another collector instance,
 * an activity without translations (as all were before) stays valid, the public route serves them,
 * the export carries the titles in columns of their own, and the ICS feed (read with ical.js, not
 * our parser) keeps the Dutch SUMMARY with the translations beside it, or is in one language.
 */
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, SITE, startTestCollector, type TestCollector } from './helpers.js';

const translations = {
  en: { title: 'Coffee morning', description: 'Coffee and a chat', location: 'Main hall', fundingNote: 'Paid by the neighbourhood fund' },
  ar: { title: 'صباح القهوة', description: 'قهوة وحديث' },
};

describe.each(BACKENDS)('activities in several languages (%s)', (backend) => {
  let c: TestCollector;
  afterEach(() => c?.close());

  it('stores, serves, exports and writes to ICS an activity with its translations', async () => {
    c = await startTestCollector({ backend, listen: false });
    const token = await c.token(['read', 'moderate', 'export']);
    const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) =>
      c.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/json' } : {}) },
        ...(payload ? { payload: JSON.stringify(payload) } : {}),
      });

    const activity = {
      title: 'Koffieochtend',
      description: 'Koffie en een praatje',
      location: 'Grote zaal',
      fundingNote: 'Betaald door het buurtfonds',
      start: '2026-03-02T10:00',
      end: '2026-03-02T12:00',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO' },
      // An empty translation means "not given".
      translations: { ...translations, ar: { ...translations.ar, location: '  ' } },
    };
    const created = await call('POST', `/v1/admin/sites/${SITE}/activities`, activity);
    expect(created.statusCode).toBe(201);
    const plain = await call('POST', `/v1/admin/sites/${SITE}/activities`, { title: 'Breien', start: '2026-03-03T14:00' });
    expect(plain.statusCode).toBe(201);
    // Only English and Arabic, and only the texts that have them.
    expect(
      (await call('POST', `/v1/admin/sites/${SITE}/activities`, { ...activity, translations: { fr: { title: 'Café' } } })).statusCode,
    ).toBe(422);
    expect(
      (await call('POST', `/v1/admin/sites/${SITE}/activities`, { ...activity, translations: { en: { organiser: 'Henk' } } })).statusCode,
    ).toBe(422);

    // Read back by another instance on the same database: it is in the store.
    const other = await c.another();
    try {
      const read = await other.app.inject({
        url: `/v1/admin/sites/${SITE}/activities/${created.json().id}`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(read.json().data).toMatchObject({ title: 'Koffieochtend', translations });
      expect(read.json().data.translations.ar).not.toHaveProperty('location');
    } finally {
      await other.app.close();
    }

    const list = (await c.app.inject({ url: `/v1/sites/${SITE}/activities?from=2026-03-01&to=2026-03-08` })).json();
    const served = (id: string) => list.items.find((i: { title: string }) => i.title === id);
    expect(served('Koffieochtend')).toMatchObject({ translations });
    expect(served('Breien')).not.toHaveProperty('translations');

    const exported = (await call('GET', `/v1/admin/sites/${SITE}/export/activities.json?from=2026-03-01&to=2026-03-08`)).json();
    const rows = exported.occurrences as { title: string; title_en: string | null; title_ar: string | null }[];
    expect(rows.find((r) => r.title === 'Koffieochtend')).toMatchObject({ title_en: 'Coffee morning', title_ar: 'صباح القهوة' });
    expect(rows.find((r) => r.title === 'Breien')).toMatchObject({ title_en: null, title_ar: null });
    const csv = (await call('GET', `/v1/admin/sites/${SITE}/export/activities.csv?from=2026-03-01&to=2026-03-08`)).body.replace(
      /^\uFEFF/,
      '',
    );
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    const columns = header!.split(';');
    expect(columns.slice(columns.indexOf('Activiteit'), columns.indexOf('Activiteit') + 3)).toEqual([
      'Activiteit',
      'Activiteit in het Engels',
      'Activiteit in het Arabisch',
    ]);
    const coffee = lines.find((l) => l.includes('Koffieochtend'))!.split(';');
    expect(coffee[columns.indexOf('Activiteit in het Arabisch')]).toBe('صباح القهوة');

    const event = (ics: string, title: string) =>
      new ICAL.Component(ICAL.parse(ics))
        .getAllSubcomponents('vevent')
        .find(
          (e) => e.getFirstPropertyValue('summary') === title || e.getFirstPropertyValue('uid')?.toString().startsWith(created.json().id),
        );
    const feed = (await c.app.inject({ url: `/v1/sites/${SITE}/activities.ics` })).body;
    const dutch = event(feed, 'Koffieochtend')!;
    expect(dutch.getFirstPropertyValue('summary')).toBe('Koffieochtend');
    const extra = dutch.getAllProperties('x-buurtkit-summary').map((p) => [p.getParameter('language'), p.getFirstValue()]);
    expect(extra).toEqual([
      ['en', 'Coffee morning'],
      ['ar', 'صباح القهوة'],
    ]);
    expect(dutch.getAllProperties('x-buurtkit-location').map((p) => p.getFirstValue())).toEqual(['Main hall']);

    const arabic = event((await c.app.inject({ url: `/v1/sites/${SITE}/activities.ics?lang=ar` })).body, 'صباح القهوة')!;
    expect(arabic.getFirstPropertyValue('summary')).toBe('صباح القهوة');
    expect(arabic.getFirstPropertyValue('description')).toBe('قهوة وحديث');
    // No Arabic place was given: the Dutch one.
    expect(arabic.getFirstPropertyValue('location')).toBe('Grote zaal');
    expect(arabic.getAllProperties('x-buurtkit-summary')).toHaveLength(0);
    expect((await c.app.inject({ url: `/v1/sites/${SITE}/activities.ics?lang=fr` })).statusCode).toBe(422);
  });
});
