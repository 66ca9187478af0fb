/**
 * One vote per visitor per idea, decided by the collector, not only by the browser: the visitor is
 * a keyed hash of address, user agent, site and idea. The key is made fresh for each UTC day and
 * shared by every instance (it lives with the other secrets), and the hashes are forgotten with
 * the render-token uses after about a day, so what is stored identifies no one and cannot be
 * linked across days. The cost: the same visitor may vote for the same idea again the next day.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Store } from './store/types.js';

const PRUNE_EVERY_MS = 3600_000;
const FORGET_AFTER_MS = 24 * 3600_000 + 60_000;

export class VoteVisitors {
  private keys = new Map<string, string>();
  private lastPrune = 0;

  constructor(
    private readonly store: Store,
    private readonly clock: () => number,
  ) {}

  private async key(day: string): Promise<string> {
    let key = this.keys.get(day);
    if (!key) {
      key = await this.store.secret(`vote-visitor-key:${day}`, randomBytes(32).toString('base64url'));
      this.keys = new Map([[day, key]]); // yesterday's key is not needed in memory any more
    }
    return key;
  }

  /**
   * Claims the visitor's vote for the idea for this vote id; false when the visitor already voted
   * for it today under another id (a retry of the same vote is true).
   */
  async claim(vote: { site: string; ideaId: string; voteId: string }, visitor: { ip: string; userAgent: string }): Promise<boolean> {
    const now = this.clock();
    const day = new Date(now).toISOString().slice(0, 10);
    const hash = createHmac('sha256', await this.key(day))
      .update(`${vote.site}\n${vote.ideaId}\n${visitor.ip}\n${visitor.userAgent}`)
      .digest('base64url');
    // The render-token replay store: a unique key → the first id that claimed it, pruned after a day.
    const owner = await this.store.limits.claimRenderToken({
      nonce: `vote.${hash}`,
      site: vote.site,
      submissionId: vote.voteId,
      usedAt: new Date(now).toISOString(),
    });
    if (now - this.lastPrune >= PRUNE_EVERY_MS) {
      this.lastPrune = now;
      await this.store.limits.pruneRenderTokenUses(new Date(now - FORGET_AFTER_MS).toISOString());
    }
    return owner === vote.voteId;
  }
}
