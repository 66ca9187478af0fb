/** Filtering, search and month selection over the loaded ideas: plain functions, no DOM. */
import type { AdminIdea } from '../schema/admin.js';
import type { IdeaStatus } from '../schema/constants.js';

export interface IdeaFilter {
  status: IdeaStatus | '';
  published: 'yes' | 'no' | '';
  /** `YYYY-MM-DD`, inclusive, in the browser's time zone; '' for open. */
  from: string;
  to: string;
  category: string;
  /** A coordinator's tag; '' for any. */
  tag: string;
  search: string;
}

export const emptyFilter = (): IdeaFilter => ({ status: '', published: '', from: '', to: '', category: '', tag: '', search: '' });

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
  return fold([idea.text, idea.category, idea.role, idea.name, idea.contact, idea.publicAnswer, idea.statusReason, idea.status, ...idea.tags].filter(Boolean).join(' \n '));
}

/** Every word of the search must occur somewhere in the idea. */
export function matchesSearch(idea: AdminIdea, search: string): boolean {
  const words = fold(search).split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const haystack = searchable(idea);
  return words.every((w) => haystack.includes(w));
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
    const day = localDay(idea.createdAt);
    if (f.from && day < f.from) return false;
    if (f.to && day > f.to) return false;
    return matchesSearch(idea, f.search);
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
