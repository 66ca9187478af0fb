/**
 * PostgreSQL side of the limits part (see limits.ts). Rate-limit takes and render-token claims are
 * batched on the bookkeeping pool (see postgres-part.ts): those that arrive meanwhile share one
 * statement.
 */
import type { LimitsStore } from './limits.js';
import { Batcher } from './postgres-batch.js';
import { PostgresPart, type PostgresHandle } from './postgres-part.js';
import { rateOutcome, USE_KEYS, type UseTable } from './projections.js';
import type { PowUse, RateOutcome, RateTake, RenderTokenUse } from './types.js';

/**
 * Rate-limit takes of a batch, one row per bucket with `n` takes (GCRA as in `takeRateToken` of
 * the SQLite store, applied n times at once): the existing rows are locked first and read, and
 * `allowed` of the n takes fit. A bucket that another transaction created after our lock step
 * (first contact on two instances at once) is left as it is and not `counted`: those takes are
 * sent again, and then find the row.
 */
const TAKE_RATE_TOKENS = `WITH input AS (
    SELECT * FROM json_to_recordset($1::json) AS x(bucket text, key text, now float8, step float8, tolerance float8, n integer)),
  locked AS (
    SELECT r.bucket, r.key, r.tat FROM input i JOIN rate_buckets r ON r.bucket = i.bucket AND r.key = i.key
    ORDER BY r.bucket, r.key FOR UPDATE OF r),
  counted AS (
    SELECT i.bucket, i.key, i.n, i.step, l.tat AS old_tat, GREATEST(COALESCE(l.tat, i.now), i.now) AS base,
      GREATEST(0, LEAST(i.n, floor((i.tolerance - (GREATEST(COALESCE(l.tat, i.now), i.now) - i.now)) / i.step + 1e-9)))::integer AS allowed
    FROM input i LEFT JOIN locked l USING (bucket, key)),
  up AS (
    INSERT INTO rate_buckets AS b (bucket, key, tat, denied)
    SELECT bucket, key, CASE WHEN allowed > 0 THEN base + step * allowed ELSE old_tat END, allowed < n
    FROM counted ORDER BY bucket, key
    ON CONFLICT (bucket, key) DO UPDATE SET
      tat = CASE WHEN EXISTS (SELECT 1 FROM locked l WHERE l.bucket = b.bucket AND l.key = b.key) THEN excluded.tat ELSE b.tat END,
      denied = CASE WHEN EXISTS (SELECT 1 FROM locked l WHERE l.bucket = b.bucket AND l.key = b.key) THEN excluded.denied ELSE b.denied END
    RETURNING b.bucket, b.key, b.tat, (b.xmax = 0) AS inserted)
  SELECT up.bucket, up.key, up.tat, c.allowed, (up.inserted OR c.old_tat IS NOT NULL) AS counted
  FROM up JOIN counted c USING (bucket, key)`;

/** Render-token claims of a batch (distinct nonces); a no-op update, so RETURNING gives every owner. */
const CLAIM_RENDER_TOKENS = `INSERT INTO render_token_uses (nonce, site, submission_id, used_at)
  SELECT nonce, site, submission_id, used_at
  FROM json_to_recordset($1::json) AS x(nonce text, site text, submission_id text, used_at timestamptz) ORDER BY nonce
  ON CONFLICT (nonce) DO UPDATE SET nonce = render_token_uses.nonce RETURNING nonce, submission_id`;

export class PostgresLimits extends PostgresPart implements LimitsStore {
  private readonly rateBatches: Batcher<RateTake, RateOutcome>;
  private readonly tokenClaims: Batcher<RenderTokenUse, string>;

  constructor(handle: PostgresHandle) {
    super(handle);
    this.rateBatches = new Batcher({ run: (takes) => this.takeRateTokens(takes), maxInFlight: 2, maxItems: 1000 });
    this.tokenClaims = new Batcher({ run: (uses) => this.claimRenderTokens(uses), maxInFlight: 2, maxItems: 1000 });
  }

  takeRateToken(t: RateTake): Promise<RateOutcome> {
    // Batched: the takes that arrive meanwhile share one statement on the bookkeeping pool.
    return this.rateBatches.add(t);
  }

  /** A batch of takes: the same bucket's takes counted together, the first `allowed` of them pass. */
  private async takeRateTokens(takes: RateTake[]): Promise<RateOutcome[]> {
    const groups = new Map<string, { bucket: string; key: string; now: number; step: number; tolerance: number; n: number }>();
    const groupKey = (t: RateTake) => `${t.bucket}\u0000${t.key}`;
    for (const t of takes) {
      const g = groups.get(groupKey(t));
      if (g) {
        g.n++;
        g.now = Math.max(g.now, t.now);
      } else {
        groups.set(groupKey(t), { bucket: t.bucket, key: t.key, now: t.now, step: t.intervalMs, tolerance: t.intervalMs * t.burst, n: 1 });
      }
    }
    const { rows } = await this.query(TAKE_RATE_TOKENS, [JSON.stringify([...groups.values()])], undefined, this.bookkeeping);
    const answers = new Map(
      rows.map((r) => [`${r.bucket}\u0000${r.key}`, { tat: Number(r.tat), allowed: Number(r.allowed), counted: r.counted === true }]),
    );
    const again = takes.filter((t) => !answers.get(groupKey(t))!.counted);
    const retried = again.length ? await this.takeRateTokens(again) : [];
    const passed = new Map<string, number>();
    let retriedNext = 0;
    return takes.map((t) => {
      const answer = answers.get(groupKey(t))!;
      if (!answer.counted) return retried[retriedNext++]!;
      const n = passed.get(groupKey(t)) ?? 0;
      passed.set(groupKey(t), n + 1);
      return rateOutcome(t, answer.tat, n >= answer.allowed);
    });
  }

  async pruneRateBuckets(now: number): Promise<void> {
    await this.query('DELETE FROM rate_buckets WHERE tat < $1::float8', [now], undefined, this.bookkeeping);
  }

  claimRenderToken(use: RenderTokenUse): Promise<string> {
    // Batched with the claims that arrive meanwhile, on the bookkeeping pool (see `bookkeeping`).
    return this.tokenClaims.add(use);
  }

  /**
   * A batch of render-token claims in one statement; a nonce twice in the batch is claimed once,
   * by the first of them, and the others learn that owner (as they would one statement later).
   */
  private async claimRenderTokens(uses: RenderTokenUse[]): Promise<string[]> {
    const first = new Map<string, RenderTokenUse>();
    for (const use of uses) if (!first.has(use.nonce)) first.set(use.nonce, use);
    const rows = [...first.values()].map((u) => ({ nonce: u.nonce, site: u.site, submission_id: u.submissionId, used_at: u.usedAt }));
    const { rows: owners } = await this.query(CLAIM_RENDER_TOKENS, [JSON.stringify(rows)], undefined, this.bookkeeping);
    const ownerOf = new Map(owners.map((r) => [String(r.nonce), String(r.submission_id)]));
    return uses.map((use) => ownerOf.get(use.nonce)!);
  }

  pruneRenderTokenUses(before: string): Promise<number> {
    return this.pruneUses('render_token_uses', before);
  }

  claimPowChallenge(use: PowUse): Promise<string> {
    return this.claimOnce('pow_uses', use.challenge, use);
  }

  prunePowUses(before: string): Promise<number> {
    return this.pruneUses('pow_uses', before);
  }

  /**
   * Claims a render token's nonce or a proof-of-work challenge for one submission; returns the id
   * of the submission that holds it (this one, or an earlier one). A no-op update rather than DO
   * NOTHING, so RETURNING also gives the existing row.
   */
  private async claimOnce(table: UseTable, key: string, use: { site: string; submissionId: string; usedAt: string }): Promise<string> {
    const column = USE_KEYS[table];
    const { rows } = await this.query(
      `INSERT INTO ${table} (${column}, site, submission_id, used_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (${column}) DO UPDATE SET ${column} = ${table}.${column} RETURNING submission_id`,
      [key, use.site, use.submissionId, use.usedAt],
    );
    return String(rows[0]!.submission_id);
  }

  private async pruneUses(table: UseTable, before: string): Promise<number> {
    return (await this.query(`DELETE FROM ${table} WHERE used_at < $1`, [before])).rowCount ?? 0;
  }
}
