/**
 * The store's feedback-poll part: the polls a site keeps, responses with their envelopes,
 * retention of their free text, and the stories a coordinator ticks for the impact report. One
 * implementation per backend (sqlite-polls.ts, postgres-polls.ts); reached as `store.polls`.
 */
import type { PollDefinition } from '../../../schema/index.js';
import type {
  InsertOutcome,
  NewPollResponse,
  PollDefinitionRecord,
  PollResponseQuery,
  PollResponseRecord,
  SubmissionRecord,
} from '../types.js';

export interface PollsStore {
  /** Creates or replaces the site's poll with `poll.id`. */
  putDefinition(site: string, poll: PollDefinition, now: string): Promise<PollDefinitionRecord>;
  getDefinition(site: string, id: string): Promise<PollDefinitionRecord | null>;
  /** The site's stored polls, oldest first (the built-in defaults are added by the routes). */
  listDefinitions(site: string): Promise<PollDefinitionRecord[]>;
  /** Stores the envelope and the response in one transaction, like `IdeasStore.insert`. */
  insertResponse(submission: SubmissionRecord, response: NewPollResponse): Promise<InsertOutcome>;
  /** The site's responses received in `[receivedFrom, receivedBefore)`, oldest first. */
  listResponses(site: string, query: PollResponseQuery): Promise<PollResponseRecord[]>;
  /**
   * Retention: removes the free text (comment and story; a ticked story is unticked) of the site's
   * poll responses received before the instant, from the response and its stored envelope; the
   * answers stay for the figures. Returns how many responses had text (or would, with `dryRun`).
   */
  purgeTexts(site: string, receivedBefore: string, options: { dryRun: boolean }): Promise<number>;
  /** Ticks (only a response that has a story) or unticks it for the impact report; null when there is no such response. */
  selectStory(site: string, id: string, selected: boolean): Promise<PollResponseRecord | null>;
}
