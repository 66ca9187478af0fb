/**
 * Merged ideas and tags over the loaded ideas: plain functions, no DOM. The collector keeps the
 * same rules (`planMerge`, `store.ideas.listTags`); these only arrange what it sent.
 */
import type { AdminIdea } from '../../schema/admin.js';
import { matchesSearch } from './idea-filter.js';

/** The ideas merged into `id`, oldest first. */
export function mergedInto(ideas: readonly AdminIdea[], id: string): AdminIdea[] {
  return ideas.filter((i) => i.mergedInto === id).sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
}

/** Every tag used on the loaded ideas, sorted: the suggestions of the tag input. */
export function knownTags(ideas: readonly AdminIdea[]): string[] {
  return [...new Set(ideas.flatMap((i) => i.tags))].sort();
}

/**
 * How many ideas each tag covers, most first: an idea counts when it has the tag or is merged into
 * an idea that has it, once (as `GET …/tags` counts).
 */
export function tagCounts(ideas: readonly AdminIdea[]): { tag: string; ideas: number }[] {
  const tagsOf = new Map(ideas.map((i) => [i.id, i.tags]));
  const counts = new Map<string, number>();
  for (const idea of ideas) {
    const tags = new Set([...idea.tags, ...(idea.mergedInto ? (tagsOf.get(idea.mergedInto) ?? []) : [])]);
    for (const tag of tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  return [...counts].map(([tag, n]) => ({ tag, ideas: n })).sort((a, b) => b.ideas - a.ideas || (a.tag < b.tag ? -1 : 1));
}

/**
 * Ideas the shown idea can be merged with, matching the search: never itself or a merged idea.
 * `into`: the shown idea goes into the candidate; `from`: the candidate goes into the shown idea
 * (when others are already merged into the shown one, groups stay one level deep).
 */
export function mergeCandidates(
  ideas: readonly AdminIdea[],
  idea: AdminIdea,
  search: string,
): { direction: 'into' | 'from'; ideas: AdminIdea[] } {
  const hasMerged = (id: string) => ideas.some((i) => i.mergedInto === id);
  const direction = hasMerged(idea.id) ? 'from' : 'into';
  const found = ideas.filter(
    (i) => i.id !== idea.id && !i.mergedInto && (direction === 'into' || !hasMerged(i.id)) && matchesSearch(i, search),
  );
  return { direction, ideas: found };
}

export interface MeetingEntry {
  idea: AdminIdea;
  /** How many ideas are merged into it (mentions of the same wish). */
  alsoMentioned: number;
}

/**
 * The agenda's entries for the month's ideas: a merged idea stands for the idea it was merged into,
 * so a wish that came back is on the agenda once, with how often it was mentioned.
 */
export function meetingEntries(all: readonly AdminIdea[], monthIdeas: readonly AdminIdea[]): MeetingEntry[] {
  const byId = new Map(all.map((i) => [i.id, i]));
  const seen = new Set<string>();
  const entries: MeetingEntry[] = [];
  for (const idea of monthIdeas) {
    const root = (idea.mergedInto && byId.get(idea.mergedInto)) || idea;
    if (seen.has(root.id)) continue;
    seen.add(root.id);
    entries.push({ idea: root, alsoMentioned: mergedInto(all, root.id).length });
  }
  return entries;
}

/**
 * Entries grouped by tag for the agenda: each entry under the tag of its own that is most common
 * among the entries (so it appears once), groups by size; entries without a tag last (tag '').
 */
export function groupByTag(entries: readonly MeetingEntry[]): { tag: string; entries: MeetingEntry[] }[] {
  const frequency = new Map<string, number>();
  for (const e of entries) for (const t of e.idea.tags) frequency.set(t, (frequency.get(t) ?? 0) + 1);
  const groups = new Map<string, MeetingEntry[]>();
  for (const e of entries) {
    const tag = [...e.idea.tags].sort((a, b) => frequency.get(b)! - frequency.get(a)! || (a < b ? -1 : 1))[0] ?? '';
    groups.set(tag, [...(groups.get(tag) ?? []), e]);
  }
  return [...groups]
    .map(([tag, list]) => ({ tag, entries: list }))
    .sort((a, b) => (a.tag === '' ? 1 : b.tag === '' ? -1 : b.entries.length - a.entries.length || (a.tag < b.tag ? -1 : 1)));
}
