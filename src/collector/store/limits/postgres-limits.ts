/**
 * PostgreSQL side of the limits part (see limits.ts). Rate-limit takes and render-token claims are
 * batched on the bookkeeping pool (see ../postgres-part.ts): those that arrive meanwhile share one
 * statement.
 */
import type { LimitsStore } from './limits.js';
import { Batcher } from '../postgres-batch.js';
import { PostgresPart, type PostgresHandle } from '../postgres-part.js';
import { rateOutcome, USE_KEYS, type UseTable } from '../projections.js';
import type { PowUse, RateOutcome, RateTake, RenderTokenUse } from '../types.js';

/**
 * Rate-limit takes of a batch, one row per bucket with `n` takes (GCRA as in `takeRateToken` of
 * the SQLite store, applied n times at once): the existing rows are locked first and read, and
 * `allowed` of the n takes fit. A row with `then_bucket` is the first take of chains whose second
 * take is that bucket's (a client's, then its site's): the second bucket (a row without `n`) is
 * taken as often as the first ones allowed, so a client over its own limit uses none of its site's.
 * Only first buckets that existed feed their second one here; for a new one (first contact) the
 * caller takes the second bucket afterwards, because a first bucket that another transaction
 * created after our lock step is left as it is and not `counted`: those takes are sent again, and
 * then find the row.
 */
const TAKE_RATE_TOKENS = `WITH input AS (
    SELECT * FROM json_to_recordset($1::json)
      AS x(bucket text, key text, now float8, step float8, tolerance float8, n integer, then_bucket text, then_key text)),
  locked AS (
    SELECT r.bucket, r.key, r.tat FROM input i JOIN rate_buckets r ON r.bucket = i.bucket AND r.key = i.key
    ORDER BY r.bucket, r.key FOR UPDATE OF r),
  first AS (
    SELECT i.bucket, i.key, i.n, i.now, i.step, i.tolerance, i.then_bucket, i.then_key, l.tat AS old_tat
    FROM input i LEFT JOIN locked l USING (bucket, key) WHERE i.n IS NOT NULL),
  fed AS (
    SELECT then_bucket AS bucket, then_key AS key, sum(n_allowed)::integer AS n FROM (
      SELECT then_bucket, then_key, GREATEST(0, LEAST(n,
        floor((tolerance - (GREATEST(COALESCE(old_tat, now), now) - now)) / step + 1e-9)))::integer AS n_allowed
      FROM first WHERE then_bucket IS NOT NULL AND old_tat IS NOT NULL) f
    GROUP BY then_bucket, then_key),
  second AS (
    SELECT i.bucket, i.key, f.n, i.now, i.step, i.tolerance, l.tat AS old_tat
    FROM input i JOIN fed f USING (bucket, key) LEFT JOIN locked l USING (bucket, key) WHERE i.n IS NULL AND f.n > 0),
  counted AS (
    SELECT bucket, key, n, step, old_tat, GREATEST(COALESCE(old_tat, now), now) AS base,
      GREATEST(0, LEAST(n, floor((tolerance - (GREATEST(COALESCE(old_tat, now), now) - now)) / step + 1e-9)))::integer AS allowed
    FROM (SELECT bucket, key, n, now, step, tolerance, old_tat FROM first
          UNION ALL SELECT bucket, key, n, now, step, tolerance, old_tat FROM second) b),
  up AS (
    INSERT INTO rate_buckets AS b (bucket, key, tat, denied)
    SELECT bucket, key, CASE WHEN allowed > 0 THEN base + step * allowed ELSE old_tat END, allowed < n
    FROM counted ORDER BY bucket, key
    ON CONFLICT (bucket, key) DO UPDATE SET
      tat = CASE WHEN EXISTS (SELECT 1 FROM locked l WHERE l.bucket = b.bucket AND l.key = b.key) THEN excluded.tat ELSE b.tat END,
      denied = CASE WHEN EXISTS (SELECT 1 FROM locked l WHERE l.bucket = b.bucket AND l.key = b.key) THEN excluded.denied ELSE b.denied END
    RETURNING b.bucket, b.key, b.tat, (b.xmax = 0) AS inserted)
  SELECT up.bucket, up.key, up.tat, c.allowed, (c.old_tat IS NOT NULL) AS existed, (up.inserted OR c.old_tat IS NOT NULL) AS counted
  FROM up JOIN counted c USING (bucket, key)`;

/** One bucket's row of the statement: `n` takes (null: fed by the chains' first buckets). */
function groupOf(t: RateTake, n: number | null): TakeGroup {
  return {
    bucket: t.bucket,
    key: t.key,
    now: t.now,
    step: t.intervalMs,
    tolerance: t.intervalMs * t.burst,
    n,
    then_bucket: null,
    then_key: null,
  };
}

/** Render-token claims of a batch (distinct nonces); a no-op update, so RETURNING gives every owner. */
const CLAIM_RENDER_TOKENS = `INSERT INTO render_token_uses (nonce, site, submission_id, used_at)
  SELECT nonce, site, submission_id, used_at
  FROM json_to_recordset($1::json) AS x(nonce text, site text, submission_id text, used_at timestamptz) ORDER BY nonce
  ON CONFLICT (nonce) DO UPDATE SET nonce = render_token_uses.nonce RETURNING nonce, submission_id`;

/** A bucket's takes in one batch statement: one input row. */
interface TakeGroup {
  bucket: string;
  key: string;
  now: number;
  step: number;
  tolerance: number;
  /** How many takes; null for a chain's second bucket, which its first buckets feed. */
  n: number | null;
  then_bucket: string | null;
  then_key: string | null;
}

interface TakeAnswer {
  tat: number;
  allowed: number;
  existed: boolean;
  counted: boolean;
}

const bucketOf = (t: RateTake) => `${t.bucket}\u0000${t.key}`;

export class PostgresLimits extends PostgresPart implements LimitsStore {
  private readonly rateBatches: Batcher<readonly RateTake[], RateOutcome>;
  private readonly tokenClaims: Batcher<RenderTokenUse, string>;

  constructor(handle: PostgresHandle) {
    super(handle);
    this.rateBatches = new Batcher({ run: (chains) => this.takeChains(chains), maxInFlight: 2, maxItems: 1000 });
    this.tokenClaims = new Batcher({ run: (uses) => this.claimRenderTokens(uses), maxInFlight: 2, maxItems: 1000 });
  }

  takeRateToken(t: RateTake): Promise<RateOutcome> {
    // Batched: the takes that arrive meanwhile share one statement on the bookkeeping pool.
    return this.rateBatches.add([t]);
  }

  takeRateTokens(chain: readonly RateTake[]): Promise<RateOutcome> {
    // Both buckets of a chain in the same batched statement: one round trip, not one per bucket.
    return chain.length === 0 ? Promise.resolve({ allowed: true, retryAfterMs: 0 }) : this.rateBatches.add(chain);
  }

  /**
   * A batch of chains (one or two takes each) in one statement where it can be: the chains whose
   * first bucket is the same must go on to the same second bucket, and no bucket may be both a
   * first and a second one. Otherwise (no caller makes such batches) one take after another.
   */
  private async takeChains(chains: readonly (readonly RateTake[])[]): Promise<RateOutcome[]> {
    const firsts = new Map<string, TakeGroup>();
    const seconds = new Map<string, TakeGroup>();
    let oneStatement = chains.every((c) => c.length <= 2);
    for (const [first, second] of chains) {
      const g = firsts.get(bucketOf(first!));
      const thenKey = second ? bucketOf(second) : null;
      if (g) {
        g.n!++;
        g.now = Math.max(g.now, first!.now);
        if ((g.then_bucket === null ? null : `${g.then_bucket}\u0000${g.then_key}`) !== thenKey) oneStatement = false;
      } else {
        firsts.set(bucketOf(first!), {
          ...groupOf(first!, 1),
          then_bucket: second?.bucket ?? null,
          then_key: second?.key ?? null,
        });
      }
      if (second) {
        const s2 = seconds.get(thenKey!);
        if (s2) s2.now = Math.max(s2.now, second.now);
        else seconds.set(thenKey!, groupOf(second, null));
      }
    }
    if ([...seconds.keys()].some((k) => firsts.has(k))) oneStatement = false;
    if (!oneStatement) return this.takeChainsInTurn(chains);

    const { rows } = await this.query(
      TAKE_RATE_TOKENS,
      [JSON.stringify([...firsts.values(), ...seconds.values()])],
      undefined,
      this.bookkeeping,
    );
    const answers = new Map<string, TakeAnswer>(
      rows.map((r) => [
        `${r.bucket}\u0000${r.key}`,
        { tat: Number(r.tat), allowed: Number(r.allowed), existed: r.existed === true, counted: r.counted === true },
      ]),
    );
    // Each chain's place among its first bucket's takes, and among its second bucket's.
    const passedFirst = new Map<string, number>();
    const passedSecond = new Map<string, number>();
    const outcomes: (RateOutcome | undefined)[] = [];
    const again: { at: number; chain: readonly RateTake[] }[] = [];
    chains.forEach((chain, at) => {
      const [first, second] = chain as [RateTake, RateTake | undefined];
      const a = answers.get(bucketOf(first))!;
      if (!a.counted) return again.push({ at, chain }); // the row was created meanwhile: all again
      const n = passedFirst.get(bucketOf(first)) ?? 0;
      passedFirst.set(bucketOf(first), n + 1);
      if (n >= a.allowed || !second) return (outcomes[at] = rateOutcome(first, a.tat, n >= a.allowed));
      const b = a.existed ? answers.get(bucketOf(second)) : undefined;
      // A first contact did not feed its second bucket, and a second bucket created meanwhile
      // was not counted: that take alone goes again (the first one is made).
      if (!b?.counted) return again.push({ at, chain: [second] });
      const m = passedSecond.get(bucketOf(second)) ?? 0;
      passedSecond.set(bucketOf(second), m + 1);
      outcomes[at] = rateOutcome(second, b.tat, m >= b.allowed);
    });
    if (again.length) {
      const retried = await this.takeChains(again.map((r) => r.chain));
      again.forEach((r, n) => (outcomes[r.at] = retried[n]));
    }
    return outcomes as RateOutcome[];
  }

  /** The chains' first takes in one statement, then the rest of the chains whose first take passed. */
  private async takeChainsInTurn(chains: readonly (readonly RateTake[])[]): Promise<RateOutcome[]> {
    const outcomes = await this.takeChains(chains.map((chain) => [chain[0]!]));
    const rest = chains.map((chain, at) => ({ at, chain: chain.slice(1) })).filter((r) => r.chain.length && outcomes[r.at]!.allowed);
    if (rest.length) {
      const later = await this.takeChains(rest.map((r) => r.chain));
      rest.forEach((r, n) => (outcomes[r.at] = later[n]!));
    }
    return outcomes;
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
