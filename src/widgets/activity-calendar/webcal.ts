/** The `webcal:` address of an http(s) feed, for "abonneren". */
export function webcalUrl(feed: string, base?: string): string | undefined {
  try {
    const url = new URL(feed, base);
    return /^https?:$/.test(url.protocol) ? `webcal:${url.href.slice(url.protocol.length)}` : undefined;
  } catch {
    return undefined;
  }
}
