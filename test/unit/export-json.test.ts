import { describe, expect, it } from 'vitest';
import { IDEA_EXPORT_KEYS, ideaExportRecord } from '../../src/collector/export/ideas.js';
import { jsonChunks } from '../../src/collector/export/json.js';
import type { AdminIdea } from '../../src/schema/index.js';

const collect = async (gen: AsyncGenerator<string>) => {
  let text = '';
  for await (const chunk of gen) text += chunk;
  return text;
};

const idea: AdminIdea = {
  id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  site: 's',
  text: 'Een "breicafé"\nop woensdag',
  category: null,
  role: 'bezoeker',
  wantsToHelp: true,
  name: null,
  contact: null,
  consentVersion: null,
  consentGivenAt: null,
  consentHash: null,
  locale: 'nl',
  published: false,
  status: 'ontvangen',
  statusReason: null,
  publicAnswer: null,
  votes: 3,
  createdAt: '2026-03-29T01:30:00.000Z',
  updatedAt: '2026-07-01T10:00:00.000Z',
  handledAt: null,
  handledBy: null,
  mergedInto: null,
  mergedAt: null,
  tags: [],
};

describe('JSON and NDJSON exports', () => {
  it('have the CSV and XLSX columns as keys, in their order, each local time followed by its instant', () => {
    const keys = Object.keys(ideaExportRecord(idea, 'Europe/Amsterdam'));
    expect(keys).toEqual(IDEA_EXPORT_KEYS);
    for (const k of keys.filter((k) => k.endsWith('_lokaal'))) {
      expect(keys[keys.indexOf(k) + 1]).toBe(k.replace(/_lokaal$/, ''));
    }
    expect(ideaExportRecord(idea, 'Europe/Amsterdam')).toMatchObject({
      ontvangen_op: '2026-03-29T01:30:00.000Z',
      ontvangen_op_lokaal: '2026-03-29 03:30', // after the clocks moved forward
      toestemming_op: null,
      toestemming_op_lokaal: null,
      gepubliceerd: false,
      wil_helpen: true,
      stemmen: 3,
    });
  });

  it('write a valid JSON array (also when empty) and one record per NDJSON line', async () => {
    const record = (n: number) => ({ n, text: `regel\n${n}` });
    expect(await collect(jsonChunks([], record, 'json'))).toBe('[]\n');
    expect(await collect(jsonChunks([], record, 'ndjson'))).toBe('');
    const json = await collect(jsonChunks([1, 2, 3], record, 'json'));
    expect(JSON.parse(json)).toEqual([record(1), record(2), record(3)]);
    expect(json.split('\n')).toHaveLength(6); // [, three records, ], and the final newline
    const ndjson = await collect(jsonChunks([1, 2, 3], record, 'ndjson'));
    expect(
      ndjson
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([record(1), record(2), record(3)]);
  });

  it('pull rows only as chunks are asked for (back-pressure reaches the source)', async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled++;
        yield { n: pulled, text: 'x'.repeat(100) };
      }
    }
    const chunks = jsonChunks(endless(), (r) => r, 'ndjson');
    const first = await chunks.next();
    expect(first.value.length).toBeGreaterThanOrEqual(64 * 1024);
    const afterOne = pulled;
    expect(afterOne).toBeLessThan(1000); // about one chunk's worth, not the whole (endless) source
    await chunks.next();
    expect(pulled).toBeLessThan(afterOne * 2 + 10);
    await chunks.return(undefined);
  });
});
