/**
 * The impact report through real HTTP on every backend: figures for a period (activities held,
 * % eens with n, comparison with the previous period, ticked stories), HTML with a CSP that allows
 * only its hashed style, the same figures as JSON, and the `read` scope.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, SITE, startTestCollector, type TestCollector } from './helpers.js';
import { seedReportData } from './poll-helpers.js';
import { noticePostgresSkipped } from './pg.js';

noticePostgresSkipped('impact report tests');

type Json = Record<string, any>;

let nowMs = Date.parse('2026-03-10T12:00:00Z');

for (const backend of BACKENDS) {
  describe(`impact report (${backend})`, () => {
    let c: TestCollector;
    let token: string;
    beforeEach(async () => {
      c = await startTestCollector({ backend, clock: () => nowMs });
      token = await c.token(['read', 'moderate']);
      await seedReportData(c, token, (iso) => (nowMs = Date.parse(iso)));
      nowMs = Date.parse('2026-04-15T12:00:00Z');
    });
    afterEach(async () => c.close());

    const get = (path: string, headers: Record<string, string> = {}) =>
      fetch(`${c.url}/v1/admin/sites/${SITE}/${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });

    it('gives the figures of the period as JSON, against the previous period', async () => {
      const answer = await get('report.json?from=2026-03-01&to=2026-03-31');
      expect(answer.status).toBe(200);
      const r = (await answer.json()) as Json;
      expect(r.period).toEqual({ from: '2026-03-01', to: '2026-03-31', days: 31 });
      expect(r.previousPeriod).toEqual({ from: '2026-01-29', to: '2026-02-28' });
      expect(r.output.activities).toEqual({ held: 4, cancelled: 1, previousHeld: 4, byTitle: [{ title: 'Koffieochtend', held: 4 }] });
      expect(r.output.volunteers).toBeNull();
      const [impact] = r.outcome;
      expect(impact).toMatchObject({ id: 'impact', stem: 'Door de activiteiten van Buurthuiskamer De Linde …', n: 6, previousN: 2 });
      expect(impact.statements[0]).toMatchObject({
        id: 'ken-buurtbewoners',
        current: { percentAgree: 66.7, n: 3 },
        previous: { percentAgree: 50, n: 2 },
        change: 16.7,
        dontKnow: 1,
      });
      expect(r.quickPolls).toEqual([expect.objectContaining({ id: 'welkom', n: 1, previousN: 0 })]);
      expect(r.reach).toMatchObject({ n: 7, kiosk: 1, inline: 6 });
      expect(r.stories).toEqual([
        expect.objectContaining({ story: expect.stringContaining('elke week nieuwe mensen'), respondentType: 'buurtbewoner' }),
      ]);
      expect(r.questions).toEqual([
        'Herken je de cijfers in de praktijk?',
        'Kunnen we ze verklaren?',
        'Wat vinden we ervan?',
        'Wat betekent dat voor de toekomst?',
      ]);
      // The same object through content negotiation.
      const negotiated = (await (await get('report?from=2026-03-01&to=2026-03-31', { accept: 'application/json' })).json()) as Json;
      expect(negotiated.outcome).toEqual(r.outcome);
    });

    it('serves a printable HTML page whose CSP allows only its own hashed style', async () => {
      const answer = await get('report?from=2026-03-01&to=2026-03-31', { accept: 'text/html' });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await answer.text();
      const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
      const hash = createHash('sha256').update(style).digest('base64');
      const csp = answer.headers.get('content-security-policy')!;
      expect(csp).toContain(`style-src 'sha256-${hash}'`);
      expect(csp).toContain("default-src 'none'");
      expect(html).not.toMatch(/<script|style="/);
      expect(style).toContain('@page { size: A4');
      for (const text of [
        '66,7%',
        '50%',
        '+16,7 procentpunt',
        'Herken je de cijfers in de praktijk?',
        'Wat betekent dat voor de toekomst?',
        'Nog geen gegevens.',
        'elke week nieuwe mensen',
      ]) {
        expect(html).toContain(text);
      }
      expect(html).not.toContain('Niet gekozen verhaal');
      expect((html.match(/<svg /g) ?? []).length).toBeGreaterThan(5);
      expect(html).toContain('<svg role="img" aria-label="66,7% eens, vorige periode 50%"');
    });

    it('needs a token with read for this site, and valid dates', async () => {
      expect((await fetch(`${c.url}/v1/admin/sites/${SITE}/report`)).status).toBe(401);
      const other = await c.token(['read'], { site: 'elders' }).catch(() => null);
      if (other)
        expect((await fetch(`${c.url}/v1/admin/sites/${SITE}/report`, { headers: { authorization: `Bearer ${other}` } })).status).toBe(403);
      expect((await get('report.json?from=2026-03-31&to=2026-03-01')).status).toBe(422);
      // Without dates: the twelve months up to today.
      const r = (await (await get('report.json')).json()) as Json;
      expect(r.period).toMatchObject({ from: '2025-04-16', to: '2026-04-15' });
    });
  });
}
