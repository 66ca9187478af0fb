/**
 * "This page is not connected correctly", told apart from "offline": the collector answers an
 * unknown site, a website that is not on the site's allow-list, and a wrong path with a refusal the
 * browser lets us read (`{error}` with the page's Origin echoed). A host that answers nothing, or
 * without CORS, stays a network error: offline or unreachable.
 */
export const NOT_CONNECTED_CODES = ['origin_not_allowed', 'site_not_found', 'not_found'] as const;
export type NotConnectedCode = (typeof NOT_CONNECTED_CODES)[number];

/** The refusal's code when `res` says the page is not connected correctly; reads a clone of the body. */
export async function notConnectedCode(res: Response): Promise<NotConnectedCode | undefined> {
  if (res.status !== 403 && res.status !== 404) return undefined;
  try {
    const code = ((await res.clone().json()) as { error?: unknown } | null)?.error;
    return NOT_CONNECTED_CODES.find((c) => c === code);
  } catch {
    return undefined;
  }
}

/** A read that failed: `code` when the collector refused the page (see above). */
export class ReadError extends Error {
  constructor(
    readonly status: number,
    readonly code?: NotConnectedCode,
  ) {
    super(code ? `collector refused: ${code}` : `collector answered ${status}`);
    this.name = 'ReadError';
  }
}

/** Throws a `ReadError` unless `res` is a 2xx. */
export async function checkAnswer(res: Response): Promise<Response> {
  if (res.ok) return res;
  throw new ReadError(res.status, await notConnectedCode(res));
}
