/**
 * The store's ideas part: ideas with their envelopes, moderation, merging and tags, exports,
 * retention and erasure of their personal data, and votes. One implementation per backend
 * (sqlite-ideas.ts, postgres-ideas.ts); reached as `store.ideas`.
 */
import type { AdminIdea, IdeaModeration, IdeaSort, IdeaTagChange, IdeaTagCount, PublishedIdea } from '../../../schema/index.js';
import type { ExportQuery, IdeaQuery, InsertOutcome, MergeOutcome, NewIdea, NewVote, SubmissionRecord, VoteOutcome } from '../types.js';

export interface IdeasStore {
  /** Stores the envelope and the idea in one transaction; duplicates are decided by the id's key. */
  insert(submission: SubmissionRecord, idea: NewIdea): Promise<InsertOutcome>;
  get(site: string, id: string): Promise<AdminIdea | null>;
  list(site: string, query: IdeaQuery): Promise<AdminIdea[]>;
  listPublished(site: string, sort: IdeaSort, limit: number): Promise<PublishedIdea[]>;
  moderate(site: string, id: string, changes: IdeaModeration, now: string): Promise<AdminIdea | null>;
  count(site: string, query: ExportQuery): Promise<number>;
  /** Streams ideas oldest first, in pages, without holding the database busy between pages. */
  export(site: string, query: ExportQuery): AsyncIterable<AdminIdea>;
  /**
   * Merges duplicates into `target`, atomically and all or nothing: each leaves the public list
   * and its votes count towards the target; texts and votes stay where they are, so `unmerge`
   * restores it exactly. Groups are one level deep: the target must not be merged itself, and a
   * duplicate must not be merged elsewhere or have ideas merged into it (this also rules out
   * cycles). A duplicate already merged into this target is left as it is (a retry).
   */
  merge(site: string, target: string, ids: readonly string[], now: string): Promise<MergeOutcome>;
  /** Undoes a merge; null when the site has no idea with this id that is merged. */
  unmerge(site: string, id: string, now: string): Promise<{ idea: AdminIdea; from: string } | null>;
  /** Adds and removes (normalised) tags on one idea; null when the site has no such idea. */
  changeTags(site: string, id: string, change: IdeaTagChange, now: string): Promise<AdminIdea | null>;
  /**
   * The site's tags, most ideas first, then by tag. An idea counts for a tag when it has the tag
   * or is merged into an idea that has it (each idea once).
   */
  listTags(site: string): Promise<IdeaTagCount[]>;
  /**
   * Retention: removes name, contact and consent from the site's ideas received before the given
   * instant (and from the envelope, where an instance of the previous release wrote a copy); the
   * idea text stays. Idempotent. Returns how many ideas had personal data removed (or would
   * have, with `dryRun`, which changes nothing).
   */
  purgeContacts(site: string, receivedBefore: string, options: { dryRun: boolean }): Promise<number>;
  /** Ids and contact details of the site's ideas that have one (people look-up matches in code). */
  listContacts(site: string): Promise<{ id: string; contact: string }[]>;
  /**
   * Erasure for one person: removes name, contact and consent from these ideas (idea and stored
   * envelope), or with `includeContent` deletes them whole (envelope, idea and its votes).
   * Returns how many of the ids were the site's ideas.
   */
  erase(site: string, ids: readonly string[], options: { includeContent: boolean }): Promise<number>;
  /** Adds a vote to a published idea of the site. */
  addVote(vote: NewVote): Promise<VoteOutcome>;
}
