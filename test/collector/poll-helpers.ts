/** Shared by the feedback-poll collector tests and the report tests. */
import { activitySchema, uuidv7 } from '../../src/schema/index.js';
import { ORIGIN, postJson, SITE, type TestCollector } from './helpers.js';

/** A `feedback-poll` envelope with the given payload fields. */
export function pollEnvelope(data: Record<string, unknown>, overrides: Record<string, unknown> = {}) {
  return {
    id: uuidv7(),
    site: SITE,
    widget: 'feedback-poll',
    schemaVersion: 1,
    sentAt: new Date().toISOString(),
    locale: 'nl',
    data: { kind: 'poll-response', ...data },
    trap: { honeypot: '', elapsedMs: 1500 },
    ...overrides,
  };
}

/**
 * The report's fixture: responses in February and March 2026 (received at those instants through
 * `setNow`, which moves the collector's clock), one ticked story, a weekly activity.
 */

export async function seedReportData(c: TestCollector, token: string, setNow: (iso: string) => void) {
  const send = async (at: string, data: Record<string, unknown>) => {
    setNow(at);
    const envelope = pollEnvelope(data, { sentAt: at });
    const answer = await postJson(`${c.url}/v1/sites/${SITE}/submissions`, envelope, { origin: ORIGIN });
    if (answer.status !== 201) throw new Error(`${answer.status} ${await answer.text()}`);
    return envelope.id;
  };
  // Previous period (February): 1 of 2 agree with "ken-buurtbewoners".
  await send('2026-02-10T10:00:00Z', { pollId: 'impact', statements: { 'ken-buurtbewoners': 'eens' } });
  await send('2026-02-11T10:00:00Z', { pollId: 'impact', statements: { 'ken-buurtbewoners': 'oneens' } });
  // This period (March): 2 of 3 with an opinion agree, one "weet niet".
  await send('2026-03-02T10:00:00Z', {
    pollId: 'impact',
    statements: { 'ken-buurtbewoners': 'helemaal-eens' },
    respondentType: 'bezoeker',
  });
  await send('2026-03-03T10:00:00Z', { pollId: 'impact', statements: { 'ken-buurtbewoners': 'eens' }, respondentType: 'vrijwilliger' });
  await send('2026-03-04T10:00:00Z', { pollId: 'impact', statements: { 'ken-buurtbewoners': 'neutraal' } });
  await send('2026-03-05T10:00:00Z', { pollId: 'impact', statements: { 'ken-buurtbewoners': 'weet-niet' } });
  const story = await send('2026-03-06T10:00:00Z', {
    pollId: 'impact',
    story: 'Ik voel me meer verbonden met de buurt, ik leer elke week nieuwe mensen kennen.',
    respondentType: 'buurtbewoner',
  });
  await send('2026-03-07T10:00:00Z', { pollId: 'impact', story: 'Niet gekozen verhaal <script>' });
  await send('2026-03-08T10:00:00Z', { pollId: 'welkom', answer: 'heel-goed', mode: 'kiosk' });
  const tick = await fetch(`${c.url}/v1/admin/sites/${SITE}/poll-responses/${story}/story`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ selected: true }),
  });
  if (tick.status !== 200) throw new Error('tick failed');
  // A weekly activity on Mondays from 2 February: 5 held in March up to the 31st, one cancelled.
  const item = activitySchema.parse({
    id: uuidv7(),
    title: 'Koffieochtend',
    start: '2026-02-02T10:00',
    end: '2026-02-02T12:00',
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO', exdates: [] },
    overrides: [{ recurrenceId: '2026-03-16T10:00', status: 'gaat-niet-door' }],
  });
  await c.store.activities.create({ id: item.id, site: SITE, data: item }, '2026-01-01T00:00:00.000Z');
}
