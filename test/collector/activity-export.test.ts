/**
 * Export of activities and "ik kom" attendance for a period, and the impact-report figures
 * (`activityOutput`), through real HTTP on every backend.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activityOutput } from '../../src/collector/export/activities.js';
import { BACKENDS, SITE, postJson, startTestCollector, type TestCollector } from './helpers.js';
import { attendanceEnvelope } from './attendance-helpers.js';
import { noticePostgresSkipped } from './pg.js';

noticePostgresSkipped('activity export tests');

type Json = Record<string, any>;

const KOKEN = {
  title: 'Samen koken',
  start: '2026-03-06T17:30',
  end: '2026-03-06T20:00',
  recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=FR' },
  overrides: [{ recurrenceId: '2026-04-03T17:30', status: 'gaat-niet-door', statusReason: 'Goede Vrijdag' }],
  category: 'eten-en-drinken',
  registration: { kind: 'capacity', capacity: 15 },
};
const CREATIEF = { title: '=1+1 creatief', start: '2026-03-10T14:00', end: '2026-03-10T16:00' };
const INLOOP = {
  kind: 'opening-hours',
  title: 'Inloop',
  start: '2026-03-02T10:00',
  end: '2026-03-02T12:00',
  recurrence: { rrule: 'FREQ=DAILY' },
};

for (const backend of BACKENDS) {
  describe(`activity export (${backend})`, () => {
    let c: TestCollector;
    let now = Date.parse('2026-03-01T09:00:00Z');
    let koken: Json;
    let exporter: string;

    beforeEach(async () => {
      now = Date.parse('2026-03-01T09:00:00Z');
      c = await startTestCollector({ backend, clock: () => now });
      const token = await c.token(['read', 'moderate']);
      exporter = await c.token(['export']);
      const create = async (body: unknown) => {
        const answer = await postJson(`${c.url}/v1/admin/sites/${SITE}/activities`, body, { authorization: `Bearer ${token}` });
        expect(answer.status).toBe(201);
        return (await answer.json()) as Json;
      };
      koken = await create(KOKEN);
      await create(CREATIEF);
      await create(INLOOP);
      // "Ik kom" before the sessions, through the public route; then time moves past them.
      const attend = async (occurrence: string, places: number) => {
        const answer = await postJson(
          `${c.url}/v1/sites/${SITE}/activities/${koken.data.id}/attendance`,
          attendanceEnvelope(koken.data.id, { occurrence, places }),
        );
        expect(answer.status).toBe(201);
      };
      await attend('2026-03-06T17:30', 3);
      await attend('2026-03-06T17:30', 2);
      await attend('2026-03-13T17:30', 1);
      await attend('2026-04-10T17:30', 4);
      now = Date.parse('2026-04-11T09:00:00Z');
    });
    afterEach(async () => c.close());

    const get = (path: string, token = exporter) =>
      fetch(`${c.url}/v1/admin/sites/${SITE}/export/${path}`, { headers: { authorization: `Bearer ${token}` } });

    it('JSON: occurrences of activities with counts, and the output figures, audited', async () => {
      const answer = await get('activities.json?from=2026-03-01&to=2026-04-10');
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(answer.headers.get('content-disposition')).toBe(
        'attachment; filename="buurtkit-de-linde-activiteiten-2026-03-01-2026-04-10.json"',
      );
      const body = (await answer.json()) as Json;
      expect(body.output).toMatchObject({
        site: SITE,
        from: '2026-03-01',
        to: '2026-04-10',
        activitiesHeld: 2,
        sessionsHeld: 6,
        sessionsPlanned: 0,
        sessionsCancelled: 1,
        participants: 10,
        responses: 4,
      });
      expect(body.output.perActivity).toEqual([
        {
          activityId: koken.id,
          title: 'Samen koken',
          category: 'eten-en-drinken',
          sessionsHeld: 5,
          sessionsCancelled: 1,
          participants: 10,
        },
        expect.objectContaining({ title: '=1+1 creatief', sessionsHeld: 1, participants: 0 }),
      ]);
      expect(body.occurrences.map((o: Json) => [o.start, o.title, o.status, o.places])).toEqual([
        ['2026-03-06 17:30', 'Samen koken', 'gaat-door', 5],
        ['2026-03-10 14:00', '=1+1 creatief', 'gaat-door', 0],
        ['2026-03-13 17:30', 'Samen koken', 'gaat-door', 1],
        ['2026-03-20 17:30', 'Samen koken', 'gaat-door', 0],
        ['2026-03-27 17:30', 'Samen koken', 'gaat-door', 0],
        ['2026-04-03 17:30', 'Samen koken', 'gaat-niet-door', 0],
        ['2026-04-10 17:30', 'Samen koken', 'gaat-door', 4],
      ]);
      expect(body.occurrences[0]).toMatchObject({
        capacity: 15,
        responses: 2,
        held: true,
        end: '2026-03-06 20:00',
        occurrence: '2026-03-06T17:30:00',
      });
      // The same figures for the impact report, without HTTP.
      expect(await activityOutput(c.store, SITE, '2026-03-01', '2026-04-10', new Date(now))).toEqual(body.output);
      const audit = await c.store.audit.list(SITE);
      expect(audit.at(-1)).toMatchObject({ action: 'export.activities', target: 'activities.json', rowCount: 7 });
    });

    it('CSV for Dutch Excel: BOM, semicolons, Dutch headers, formulas neutralised; a period counts only its own', async () => {
      const answer = await get('activities.csv?from=2026-03-01&to=2026-03-10');
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const bytes = new Uint8Array(await answer.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = new TextDecoder().decode(bytes).trimEnd().split('\r\n');
      expect(lines).toEqual([
        'Begin;Begin (UTC);Eind;Eind (UTC);Activiteit;Activiteit in het Engels;Activiteit in het Arabisch;Soort;Gaat door;Reden;Geweest;Plekken;Aangemeld (ik kom);Aanmeldingen;Activiteit (kenmerk);Keer (kenmerk)',
        `2026-03-06 17:30;2026-03-06T16:30:00.000Z;2026-03-06 20:00;2026-03-06T19:00:00.000Z;Samen koken;;;eten-en-drinken;ja;;ja;15;5;2;${koken.id};2026-03-06T17:30:00`,
        expect.stringMatching(
          /^2026-03-10 14:00;2026-03-10T13:00:00.000Z;2026-03-10 16:00;2026-03-10T15:00:00.000Z;'=1\+1 creatief;;;;ja;;ja;;0;0;/,
        ),
      ]);
      const comma = await (await get('activities.csv?from=2026-04-03&to=2026-04-03&delimiter=comma')).text();
      expect(comma.split('\r\n')[1]).toBe(
        `2026-04-03 17:30,2026-04-03T15:30:00.000Z,2026-04-03 20:00,2026-04-03T18:00:00.000Z,Samen koken,,,eten-en-drinken,nee,Goede Vrijdag,nee,15,0,0,${koken.id},2026-04-03T17:30:00`,
      );
      expect(await activityOutput(c.store, SITE, '2026-04-01', '2026-04-30', new Date(now))).toMatchObject({
        sessionsHeld: 1,
        sessionsCancelled: 1,
        participants: 4,
      });
    });

    it('needs the export scope and a valid period', async () => {
      const reader = await c.token(['read', 'moderate']);
      expect((await get('activities.csv?from=2026-03-01&to=2026-03-10', reader)).status).toBe(403);
      expect((await get('activities.csv?from=2026-03-10&to=2026-03-01')).status).toBe(422);
      expect((await get('activities.json?from=2026-03-01')).status).toBe(422);
      expect((await get('activities.json?from=2026-03-01&to=2036-03-10')).status).toBe(422);
      await expect(activityOutput(c.store, 'nope', '2026-03-01', '2026-03-02')).rejects.toThrow('no site');
    });
  });
}
