/**
 * Render tokens fetched ahead (by form-token.ts, loaded on demand), by token URL. Kept apart so the
 * outbox can take one when it stores a submission without loading the fetching code first.
 */
export interface FormToken {
  token: string;
  /** Local time (epoch ms) from when the collector accepts it. */
  usableAt: number;
}

export const readyFormTokens = new Map<string, FormToken>();

/** The token fetched ahead for `url`, if any; it is used once. */
export function takeReadyToken(url: string): FormToken | undefined {
  const token = readyFormTokens.get(url);
  readyFormTokens.delete(url);
  return token;
}
