/**
 * Render tokens: a widget asks `GET /v1/sites/:site/render-token` when it is shown and sends the token
 * with its submission (header `Buurtkit-Render-Token`). The token is signed by the collector and holds
 * the *server's* time of issue, so "at least 2 s between showing the form and sending it" is judged
 * by the server's clock only. Each token is good for one submission: its nonce is claimed in the
 * database together with the submission id, so a retry of the same submission passes and a replay
 * under a new id does not.
 *
 * Offline and late sends: a token lives 24 hours, and when a widget has none, or an old or used one
 * (answer 428), its outbox fetches a fresh token and tries again; a token younger than 2 s gets 429
 * with Retry-After, which the outbox honours. So an idea typed offline is accepted a few seconds
 * after the network returns, while a script must fetch, wait and spend a token per submission.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ApiError, tooManyRequests } from './http.js';
import type { Store } from './store/types.js';

export const RENDER_TOKEN_HEADER = 'buurtkit-render-token';
/**
 * The header's name in releases before the render token had one name everywhere. Still read when
 * the new header is absent, so a widget build from the earlier release keeps working against this
 * collector during an upgrade; to be dropped in the release after.
 */
export const LEGACY_RENDER_TOKEN_HEADER = 'buurtkit-form-token';
/**
 * The token route's name in earlier releases, answered as well for the same reason.
 */
export const LEGACY_RENDER_TOKEN_PATH = '/v1/sites/:site/form-token';

/** Earliest submit after the token was issued. */
export const RENDER_TOKEN_MIN_AGE_MS = 2_000;
export const RENDER_TOKEN_LIFETIME_MS = 24 * 3600_000;

const TOKEN_PATTERN = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

export interface RenderTokenAnswer {
  token: string;
  /** When the token may first be used and when it stops being accepted (server time, ISO). */
  notBefore: string;
  expiresAt: string;
}

export type RenderTokenMode = 'required' | 'off';

/** How often an instance forgets expired uses; once an hour keeps the table small enough. */
const PRUNE_EVERY_MS = 3600_000;

export class RenderTokens {
  private secret: string | undefined;
  private lastPrune = 0;

  constructor(
    private readonly store: Store,
    private readonly clock: () => number,
  ) {}

  private async key(): Promise<string> {
    // The stored secret's name and the MAC's domain below keep their earlier wording ("form-token"):
    // they are persisted or signed, and tokens issued by an instance still on the earlier release
    // must stay valid on an upgraded one.
    this.secret ??= await this.store.secret('form-token', randomBytes(32).toString('base64url'));
    return this.secret;
  }

  private async mac(site: string, issued: string, nonce: string): Promise<Buffer> {
    return createHmac('sha256', await this.key())
      .update(`form-token:${site}:${issued}:${nonce}`)
      .digest();
  }

  async issue(site: string): Promise<RenderTokenAnswer> {
    const now = this.clock();
    const issued = now.toString(36);
    const nonce = randomBytes(16).toString('base64url');
    const token = `${issued}.${nonce}.${(await this.mac(site, issued, nonce)).toString('base64url')}`;
    return {
      token,
      notBefore: new Date(now + RENDER_TOKEN_MIN_AGE_MS).toISOString(),
      expiresAt: new Date(now + RENDER_TOKEN_LIFETIME_MS).toISOString(),
    };
  }

  /**
   * Accepts the token for this submission or throws: 428 when it is missing, not valid for this
   * site, expired or used by another submission (the widget fetches a new one), 429 with
   * Retry-After when it is younger than the minimum.
   */
  async check(site: string, headers: Record<string, string | string[] | undefined>, submissionId: string): Promise<void> {
    // The current header, else the earlier release's.
    const header = headers[RENDER_TOKEN_HEADER] ?? headers[LEGACY_RENDER_TOKEN_HEADER];
    const token = typeof header === 'string' ? header.trim() : '';
    if (!token)
      throw refused('render_token_required', 'Send a render token (GET /v1/sites/:site/render-token) in the Buurtkit-Render-Token header');
    const m = TOKEN_PATTERN.exec(token);
    const expected = m ? await this.mac(site, m[1]!, m[2]!) : undefined;
    const given = m ? Buffer.from(m[3]!, 'base64url') : undefined;
    if (!m || !expected || given!.length !== expected.length || !timingSafeEqual(given!, expected)) {
      throw refused('render_token_invalid', 'The render token is not valid for this site; fetch a new one');
    }
    const age = this.clock() - parseInt(m[1]!, 36);
    if (age > RENDER_TOKEN_LIFETIME_MS) throw refused('render_token_expired', 'The render token has expired; fetch a new one');
    if (age < RENDER_TOKEN_MIN_AGE_MS) {
      const wait = Math.max(1, Math.ceil((RENDER_TOKEN_MIN_AGE_MS - Math.max(0, age)) / 1000));
      throw tooManyRequests(wait, 'Sent too soon after the form was shown; try again shortly', 'too_fast');
    }
    const owner = await this.store.limits.claimRenderToken({
      nonce: m[2]!,
      site,
      submissionId,
      usedAt: new Date(this.clock()).toISOString(),
    });
    if (owner !== submissionId) throw refused('render_token_used', 'This render token was already used; fetch a new one');
    const now = this.clock();
    if (now - this.lastPrune >= PRUNE_EVERY_MS) {
      this.lastPrune = now;
      // A use older than the lifetime belongs to a token that can no longer be presented.
      await this.store.limits.pruneRenderTokenUses(new Date(now - RENDER_TOKEN_LIFETIME_MS - 60_000).toISOString());
    }
  }
}

function refused(code: string, message: string): ApiError {
  return new ApiError(428, code, message);
}
