/**
 * Filtering, search and month selection over the loaded ideas, and the period, handled and search
 * filters every inbox list shares: plain functions, no DOM.
 */
import type { AdminIdea } from '../../schema/admin.js';
import type { IdeaStatus } from '../../schema/constants.js';

/** What every inbox list filters on. */
export interface ListFilter {
  /** `YYYY-MM-DD`, inclusive, in the browser's time zone; '' for open. */
  from: string;
  to: string;
  /** Handled (`yes`), not handled yet (`no`), or either. */
  handled: 'yes' | 'no' | '';
  search: string;
}

export interface IdeaFilter extends ListFilter {
  status: IdeaStatus | '';
  published: 'yes' | 'no' | '';
  category: string;
  /** A coordinator's tag; '' for any. */
  tag: string;
}

export const emptyFilter = (): IdeaFilter => ({
  status: '',
  published: '',
  from: '',
  to: '',
  category: '',
  tag: '',
  handled: '',
  search: '',
});

/** `YYYY-MM-DD` of an ISO instant in the browser's time zone. */
export function localDay(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Lower case without accents, so "ideeën" matches "ideeen". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('nl');
}

function searchable(idea: AdminIdea): string {
  return [idea.text, idea.category, idea.role, idea.name, idea.contact, idea.publicAnswer, idea.statusReason, idea.status, ...idea.tags]
    .filter(Boolean)
    .join(' \n ');
}

/** Every word of the search must occur somewhere in the text (case and accents aside). */
export function matchesWords(text: string, search: string): boolean {
  const words = fold(search).split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const haystack = fold(text);
  return words.every((w) => haystack.includes(w));
}

/** Every word of the search must occur somewhere in the idea. */
export const matchesSearch = (idea: AdminIdea, search: string): boolean => matchesWords(searchable(idea), search);

/** Whether an item received at `receivedAt` passes the period, handled and search filters; `text` is what the search reads. */
export function matchesList(item: { receivedAt: string; handledAt: string | null }, text: string, f: ListFilter): boolean {
  if (f.handled && (item.handledAt !== null) !== (f.handled === 'yes')) return false;
  const day = localDay(item.receivedAt);
  if (f.from && day < f.from) return false;
  if (f.to && day > f.to) return false;
  return matchesWords(text, f.search);
}

export function newestFirst(ideas: readonly AdminIdea[]): AdminIdea[] {
  return [...ideas].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

export function filterIdeas(ideas: readonly AdminIdea[], f: IdeaFilter): AdminIdea[] {
  return newestFirst(ideas).filter((idea) => {
    if (f.status && idea.status !== f.status) return false;
    if (f.published && idea.published !== (f.published === 'yes')) return false;
    if (f.category && (idea.category ?? '') !== f.category) return false;
    if (f.tag && !idea.tags.includes(f.tag)) return false;
    return matchesList({ receivedAt: idea.createdAt, handledAt: idea.handledAt }, searchable(idea), f);
  });
}

/** Categories that occur in the list, sorted. */
export function categoriesOf(ideas: readonly AdminIdea[]): string[] {
  return [...new Set(ideas.map((i) => i.category).filter((c): c is string => !!c))].sort();
}

/** `YYYY-MM` of an instant in the browser's time zone. */
export const monthOf = (iso: string) => localDay(iso).slice(0, 7);

/** The month's ideas, oldest first (the order they came in, as an agenda reads). */
export function ideasOfMonth(ideas: readonly AdminIdea[], month: string): AdminIdea[] {
  return newestFirst(ideas)
    .filter((i) => monthOf(i.createdAt) === month)
    .reverse();
}
