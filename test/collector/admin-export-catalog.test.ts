/**
 * The coordinator page's download menu against the collector itself: every choice is a file the
 * collector serves, and every export file the collector serves is offered exactly once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EXPORT_DATASETS, exportPath } from '../../src/admin/exports/export-catalog.js';
import { SITE, startTestCollector, type TestCollector } from './helpers.js';

const FORMATS = ['csv', 'xlsx', 'json', 'ndjson'] as const;
/** Every export file name the collector could serve; those it does must be in the menu. */
const NAMES = ['ideas', 'intakes', 'volunteer', 'volunteer-signups', 'volunteer-hours', 'volunteer-applications', 'activities', 'all'];

describe('the download menu', () => {
  let c: TestCollector;
  afterEach(() => c?.close());

  it('offers each export the collector serves once, in every format it serves', async () => {
    c = await startTestCollector({ listen: false });
    const token = await c.token(['read', 'export', 'sensitive']);
    const get = (path: string) => c.app.inject({ url: `/v1/admin/sites/${SITE}${path}`, headers: { authorization: `Bearer ${token}` } });

    const offered = new Map<string, string>();
    for (const dataset of EXPORT_DATASETS) {
      for (const format of dataset.formats) {
        const path = exportPath({ dataset, format, delimiter: 'semicolon', from: '2026-01-01', to: '2026-12-31', poll: 'welkom' });
        const answer = await get(path);
        expect(answer.statusCode, `${dataset.id} ${format}: ${path}`).toBe(200);
        const file = path.split('?')[0]!;
        expect(offered.get(file), `${file} offered twice`).toBeUndefined();
        offered.set(file, `${dataset.id} ${format}`);
      }
    }

    const served = [
      ...NAMES.flatMap((name) => FORMATS.map((format) => `/export/${name}.${format}`)),
      ...['results', 'responses'].flatMap((table) => FORMATS.map((format) => `/polls/welkom/export/${table}.${format}`)),
    ];
    for (const file of served) {
      const answer = await get(`${file}${file.includes('activities') ? '?from=2026-01-01&to=2026-12-31' : ''}`);
      if (answer.statusCode !== 404) expect(offered.has(file), `${file} (${answer.statusCode}) is served but not offered`).toBe(true);
    }
  });
});
