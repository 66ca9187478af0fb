/** SQLite side of the limits part (see limits.ts). */
import { takeInTurn, type LimitsStore } from './limits.js';
import { rateOutcome, USE_KEYS, type UseTable } from '../projections.js';
import { SqlitePart } from '../sqlite-part.js';
import type { Row } from '../sqlite-rows.js';
import type { PowUse, RateOutcome, RateTake, RenderTokenUse } from '../types.js';

export class SqliteLimits extends SqlitePart implements LimitsStore {
  async takeRateToken(t: RateTake): Promise<RateOutcome> {
    // GCRA in one atomic upsert: a request is allowed when, after adding one interval to the
    // bucket's arrival time, it is at most burst × interval ahead of now. SET sees the old row.
    const take = this.sql(
      `INSERT INTO rate_buckets (bucket, key, tat, denied) VALUES (@bucket, @key, @now + @interval, 0)
       ON CONFLICT (bucket, key) DO UPDATE SET
         denied = (max(tat, @now) + @interval - @now > @tolerance),
         tat = CASE WHEN max(tat, @now) + @interval - @now > @tolerance THEN tat ELSE max(tat, @now) + @interval END
       RETURNING tat, denied`,
    );
    const params = { bucket: t.bucket, key: t.key, now: t.now, interval: t.intervalMs, tolerance: t.intervalMs * t.burst };
    const row = (await this.groupCommit.run(() => take.get(params))) as Row;
    return rateOutcome(t, Number(row.tat), Number(row.denied) === 1);
  }

  takeRateTokens(chain: readonly RateTake[]): Promise<RateOutcome> {
    return takeInTurn(this, chain);
  }

  async pruneRateBuckets(now: number): Promise<void> {
    this.sql('DELETE FROM rate_buckets WHERE tat < ?').run(now);
  }

  claimRenderToken(use: RenderTokenUse): Promise<string> {
    return this.claimOnce('render_token_uses', use.nonce, use);
  }

  async pruneRenderTokenUses(before: string): Promise<number> {
    return this.pruneUses('render_token_uses', before);
  }

  claimPowChallenge(use: PowUse): Promise<string> {
    return this.claimOnce('pow_uses', use.challenge, use);
  }

  async prunePowUses(before: string): Promise<number> {
    return this.pruneUses('pow_uses', before);
  }

  /**
   * Claims a render token's nonce or a proof-of-work challenge for one submission; returns the id
   * of the submission that holds it (this one, or an earlier one). A no-op update rather than DO
   * NOTHING, so RETURNING also gives the existing row.
   */
  private async claimOnce(table: UseTable, key: string, use: { site: string; submissionId: string; usedAt: string }): Promise<string> {
    const column = USE_KEYS[table];
    const claim = this.sql(
      `INSERT INTO ${table} (${column}, site, submission_id, used_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (${column}) DO UPDATE SET ${column} = ${column} RETURNING submission_id`,
    ).pluck();
    return String(await this.groupCommit.run(() => claim.get(key, use.site, use.submissionId, use.usedAt)));
  }

  private pruneUses(table: UseTable, before: string): number {
    return this.sql(`DELETE FROM ${table} WHERE used_at < ?`).run(before).changes;
  }
}
