/** The all-widgets workbook: one sheet per widget, audited with its rows. */
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, ideaEnvelope, ORIGIN, postJson, SITE, startTestCollector, type TestCollector } from './helpers.js';
import { pollEnvelope } from './poll-helpers.js';
import { readXlsx } from './xlsx-reader.js';

let c: TestCollector | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

describe.each(BACKENDS)('export all widgets as one workbook on %s', (backend) => {
  it("has a sheet per widget with its rows, needs the export scope, and is audited with every sheet's count", async () => {
    c = await startTestCollector({ backend });
    const submit = (body: unknown) => postJson(`${c!.url}/v1/sites/${SITE}/submissions`, body, { origin: ORIGIN });
    expect((await submit(ideaEnvelope({}, { text: 'Een moestuin achter het buurthuis' }))).status).toBe(201);
    expect((await submit(ideaEnvelope({}, { text: '=1+1 een formule' }))).status).toBe(201);
    expect((await submit(pollEnvelope({ pollId: 'welkom', answer: 'goed' }))).status).toBe(201);

    const get = (token: string) =>
      fetch(`${c!.url}/v1/admin/sites/${SITE}/export/all.xlsx`, { headers: { authorization: `Bearer ${token}` } });
    expect((await get(await c.token(['read']))).status).toBe(403);
    const answer = await get(await c.token(['export']));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-disposition')).toMatch(/^attachment; filename="buurtkit-de-linde-alles-\d{4}-\d\d-\d\d\.xlsx"$/);
    const { sheets } = readXlsx(Buffer.from(await answer.arrayBuffer()));
    expect([...sheets.keys()]).toEqual(['Ideeën', 'Welkomstgesprekken', 'Peilingen', 'Vrijwilligers', 'Uren per jaar', 'Activiteiten']);
    const texts = (name: string) =>
      sheets
        .get(name)!
        .slice(1)
        .map((row) => row.cells.map((cell) => cell.value));
    expect(texts('Ideeën')).toHaveLength(2);
    expect(texts('Ideeën').flat()).toContain('Een moestuin achter het buurthuis');
    // Text that looks like a formula stays text as it was typed: an inline string is never a formula.
    const formula = sheets
      .get('Ideeën')!
      .flatMap((row) => row.cells)
      .find((cell) => cell.value === '=1+1 een formule');
    expect(formula).toMatchObject({ type: 'inlineStr' });
    expect(texts('Peilingen')).toHaveLength(1);
    expect(texts('Peilingen').flat()).toContain('🙂 Goed');
    for (const empty of ['Welkomstgesprekken', 'Vrijwilligers', 'Activiteiten']) expect(texts(empty), empty).toEqual([]);

    const [entry] = (await c.store.audit.list(SITE)).filter((a) => a.action.startsWith('export.all'));
    expect(entry).toMatchObject({ action: 'export.all', rowCount: 3 });
    expect(entry!.target).toBe('all.xlsx ideas=2 intakes=0 polls=1 signups=0 sessions=0');
  });
});
