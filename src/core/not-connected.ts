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

const told = new Set<string>();

/**
 * One console error per page and problem, for the website owner, naming the exact fix. Widgets
 * call it for every refused read or send; only the first reaches the console.
 */
export function tellSiteOwner(tag: string, endpoint: string, site: string, code: NotConnectedCode): void {
  const key = `${endpoint} ${site} ${code}`;
  if (told.has(key)) return;
  told.add(key);
  const origin = typeof location === 'undefined' ? '<your website>' : location.origin;
  const base = endpoint.replace(/\/+$/, '');
  const fix =
    code === 'origin_not_allowed'
      ? `The collector at ${base} does not accept this website (${origin}) for site "${site}". Allow it on the ` +
        `coordinator page (Websites) or with: buurtkit-collector site update ${site} --add-origin ${origin}`
      : code === 'site_not_found'
        ? `The collector at ${base} has no site "${site}". Check the site attribute for a typo, or create the site: ` +
          `buurtkit-collector site add ${site} --name "…" --origin ${origin}`
        : `${base} answered "not found" for the widget's requests. The endpoint attribute must be the collector's base ` +
          `address (such as https://collector.example.nl), without /v1/… or another path.`;
  console.error(`[buurtkit] <${tag}> is not connected correctly: nothing can be sent or loaded. ${fix}`);
}
