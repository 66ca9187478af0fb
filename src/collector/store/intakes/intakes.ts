/**
 * The store's welcome-intake part: intakes with their envelopes (the sensitive answers sealed, see
 * intake-crypto.ts), the flows coordinators save as versions, exports, retention and erasure. One
 * implementation per backend (sqlite-intakes.ts, postgres-intakes.ts); reached as `store.intakes`.
 */
import type { ExportQuery, InsertOutcome, IntakeFlowRecord, IntakeQuery, IntakeRecord, NewIntake, SubmissionRecord } from '../types.js';

export interface IntakesStore {
  /** Stores the envelope and the intake in one transaction; duplicates are decided by the id's key. */
  insert(submission: SubmissionRecord, intake: NewIntake): Promise<InsertOutcome>;
  get(site: string, id: string): Promise<IntakeRecord | null>;
  /** Newest first. */
  list(site: string, query: IntakeQuery): Promise<IntakeRecord[]>;
  count(site: string, query: ExportQuery): Promise<number>;
  /** Streams intakes oldest first, in pages. */
  export(site: string, query: ExportQuery): AsyncIterable<IntakeRecord>;
  /**
   * Saves a new version of the site's flow: one more than the highest stored, and at least
   * `minVersion` (so a stored flow never shares a version with the built-in one). Atomic.
   */
  saveFlow(
    site: string,
    flow: Record<string, unknown>,
    options: { actor: string; now: string; minVersion: number },
  ): Promise<IntakeFlowRecord>;
  /** One stored version, or the latest when `version` is undefined; null when there is none. */
  getFlow(site: string, version?: number): Promise<IntakeFlowRecord | null>;
  /** Every stored version, oldest first. */
  listFlows(site: string): Promise<IntakeFlowRecord[]>;
  /**
   * Retention: deletes the site's intakes received before the instant, whole (envelope and
   * intake). Returns how many (or would, with `dryRun`).
   */
  purge(site: string, receivedBefore: string, options: { dryRun: boolean }): Promise<number>;
  /** Erasure of one intake, whole (envelope and intake); false when the site has no such intake. */
  delete(site: string, id: string): Promise<boolean>;
}
