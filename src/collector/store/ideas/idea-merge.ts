/** The merge rules both stores apply, inside their transaction, to the rows they locked. */
import type { MergeOutcome, MergeProblem } from '../types.js';

/** What a store reads about the target and each duplicate before merging. */
export interface MergeCandidate {
  id: string;
  mergedInto: string | null;
  /** How many ideas are merged into this one. */
  mergedCount: number;
}

export type MergePlan = { outcome: 'go'; ids: string[] } | Exclude<MergeOutcome, { outcome: 'merged' }>;

/**
 * Decides a merge: the ids to merge now (duplicates removed, those already merged into the
 * target left out), or why it cannot be done. `rows` holds the site's ideas among target and ids.
 */
export function planMerge(target: string, ids: readonly string[], rows: readonly MergeCandidate[]): MergePlan {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const t = byId.get(target);
  if (!t) return { outcome: 'target-not-found' };
  if (t.mergedInto) return { outcome: 'target-merged', mergedInto: t.mergedInto };
  const problems: { id: string; problem: MergeProblem }[] = [];
  const go: string[] = [];
  for (const id of new Set(ids)) {
    const row = byId.get(id);
    const problem: MergeProblem | null =
      id === target
        ? 'same-as-target'
        : !row
          ? 'not-found'
          : row.mergedInto && row.mergedInto !== target
            ? 'merged-elsewhere'
            : row.mergedCount > 0
              ? 'has-merged-ideas'
              : null;
    if (problem) problems.push({ id, problem });
    else if (!row!.mergedInto) go.push(id);
  }
  return problems.length ? { outcome: 'rejected', problems } : { outcome: 'go', ids: go };
}
