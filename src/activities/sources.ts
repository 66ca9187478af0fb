/**
 * Where the calendar's items come from: an ICS feed (read in the engine's chunk, its parser a
 * separate chunk loaded only then), or the collector's range route. Both resolve to items or throw. Items that are expanded
 * in the browser are read with the recurrence engine's chunk (`engine.ts`).
 */
import { checkAnswer } from '../core/not-connected.js';
import { loadEngine } from './engine.js';
import { readItems, readOccurrences, type ReadResult } from './items.js';

/** A public ICS feed: fetched while the engine chunk loads, and read there (`readIcs` in `schedule.ts`). */
export async function loadIcs(url: string, signal?: AbortSignal): Promise<ReadResult> {
  const [engine, res] = await Promise.all([loadEngine(), fetch(url, { signal })]);
  return engine.readIcs(res);
}

const activitiesUrl = (endpoint: string, site: string) => `${endpoint.replace(/\/+$/, '')}/v1/sites/${encodeURIComponent(site)}/activities`;

/** The collector's ICS feed of a site, for "Zet deze agenda in je telefoon". */
export const collectorFeedUrl = (endpoint: string, site: string) => `${activitiesUrl(endpoint, site)}.ics`;

/**
 * `GET {endpoint}/v1/sites/{site}/activities?from=…&to=…` → `{items: ScheduleItem[], remaining}`;
 * with `expand`, also the occurrences `from`–`to`, expanded by the collector (`expanded`).
 * Always revalidated (`no-cache`): places left, a cancellation or a just-added activity must not
 * wait for the browser's cache to expire.
 */
export async function loadCollector(
  endpoint: string,
  site: string,
  from: string,
  to: string,
  signal?: AbortSignal,
  expand = false,
): Promise<ReadResult> {
  const base = activitiesUrl(endpoint, site);
  const query = new URLSearchParams({ from, to, ...(expand && { expand: 'occurrences' }) });
  // A refusal (unknown site, website not allowed, wrong path) throws a ReadError naming it.
  const res = await checkAnswer(await fetch(`${base}?${query}`, { signal, cache: 'no-cache', headers: { Accept: 'application/json' } }));
  const json = (await res.json()) as { remaining?: unknown; occurrences?: unknown } | null;
  const remaining = json && typeof json.remaining === 'object' ? (json.remaining as ReadResult['remaining']) : undefined;
  // Expanded by the collector: no recurrence to read. Otherwise (an older collector) expand here.
  const served = expand && Array.isArray(json?.occurrences) ? (json.occurrences as unknown[]) : undefined;
  const result = served ? readItems(json) : (await loadEngine()).readSchedule(json);
  return { ...result, remaining, expanded: served && { occurrences: readOccurrences(served, result.problems), from, to } };
}
