/**
 * Render tokens fetched ahead (by render-token.ts, loaded on demand), by token URL. Kept apart so the
 * outbox can take one when it stores a submission without loading the fetching code first.
 */
export interface RenderToken {
  token: string;
  /** Local time (epoch ms) from when the collector accepts it. */
  usableAt: number;
}

export const readyRenderTokens = new Map<string, RenderToken>();

/** The token fetched ahead for `url`, if any; it is used once. */
export function takeReadyToken(url: string): RenderToken | undefined {
  const token = readyRenderTokens.get(url);
  readyRenderTokens.delete(url);
  return token;
}
