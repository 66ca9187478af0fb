/**
 * Where the calendar's items come from: an ICS feed (its parser is a separate chunk, loaded only
 * here), or the collector's range route. Both resolve to items or throw.
 */
import { readItems, readOccurrences, type ReadResult } from './items.js';

/** A public ICS feed: fetched, parsed robustly, converted to the activity model. */
export async function loadIcs(url: string, signal?: AbortSignal): Promise<ReadResult> {
  const [{ importIcs }, res] = await Promise.all([import('../../calendar/ics-import.js'), fetch(url, { signal })]);
  if (!res.ok) throw new Error(`ICS feed answered ${res.status}`);
  const { activities, warnings } = importIcs(await res.text());
  const result = readItems(activities);
  return { items: result.items, problems: [...result.problems, ...warnings.map((w) => w.message)] };
}

/**
 * `GET {endpoint}/v1/sites/{site}/activities?from=…&to=…` → `{items: ScheduleItem[], remaining}`;
 * with `expand`, also the occurrences `from`–`to`, expanded by the collector (`expanded`).
 * Always revalidated (`no-cache`): places left, a cancellation or a just-added activity must not
 * wait for the browser's cache to expire.
 */
export async function loadCollector(endpoint: string, site: string, from: string, to: string, signal?: AbortSignal, expand = false): Promise<ReadResult> {
  const base = `${endpoint.replace(/\/+$/, '')}/v1/sites/${encodeURIComponent(site)}/activities`;
  const query = new URLSearchParams({ from, to, ...(expand && { expand: 'occurrences' }) });
  const res = await fetch(`${base}?${query}`, { signal, cache: 'no-cache', headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`collector answered ${res.status}`);
  const json = (await res.json()) as { remaining?: unknown; occurrences?: unknown };
  const remaining = json && typeof json.remaining === 'object' ? (json.remaining as ReadResult['remaining']) : undefined;
  const result = readItems(json);
  const occurrences = expand ? readOccurrences(json?.occurrences, result.problems) : undefined;
  return { ...result, remaining, expanded: occurrences && { occurrences, from, to } };
}
