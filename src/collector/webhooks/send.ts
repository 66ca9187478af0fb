/**
 * Outgoing HTTP (webhook POSTs, calendar feed GETs) with SSRF protection: only http(s), the host's
 * addresses are resolved and checked *for the connection itself* (a custom `lookup`, so DNS
 * rebinding between a check and the connect cannot slip through), a POST never follows a redirect
 * and a GET follows at most three, each checked again, and every answer is capped in time and size.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPublicAddress } from './address.js';

export interface SendOptions {
  /** Allow loopback and private targets (a self-hosted n8n on the LAN); off by default. */
  allowPrivateNetworks?: boolean;
  /** Whole request, from connect to the last byte read. */
  timeoutMs?: number;
  /** Bytes of the answer read at most; the rest is not waited for. */
  maxResponseBytes?: number;
}

export interface SendResult {
  status: number;
  /** The start of the answer, as text, at most `maxResponseBytes`. */
  body: string;
}

/** A target the collector refuses to call; never retried. */
export class BlockedTargetError extends Error {
  override readonly name = 'BlockedTargetError';
}

export const DEFAULT_SEND_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;

/** Checks an outgoing URL's form (not its addresses, which may change): http(s), no credentials. */
export function webhookUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must start with https:// (or http://)';
  if (url.username || url.password) return 'must not contain a user name or password';
  if (value.length > 2000) return 'is too long';
  return null;
}

function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const list = addresses as LookupAddress[];
      const refused = list.find((a) => !allowPrivate && !isPublicAddress(a.address));
      if (refused || list.length === 0) {
        const reason = refused ? `${hostname} resolves to ${refused.address}, a private or reserved address` : `${hostname} has no address`;
        return callback(new BlockedTargetError(reason), '', 4);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** POSTs `body` as JSON; resolves with any HTTP answer, rejects on refusal, network error or timeout. */
export async function postJson(
  target: string,
  body: string,
  headers: Record<string, string>,
  options: SendOptions = {},
): Promise<SendResult> {
  const answer = await exchange('POST', target, body, { 'content-type': 'application/json', ...headers }, options);
  return { status: answer.status, body: answer.body.toString('utf8') };
}

export interface FetchTextOptions extends SendOptions {
  /** Redirects followed, each target checked like the first (default 3). */
  maxRedirects?: number;
}

/**
 * GETs a text resource (a calendar feed) with the same protection; follows a few redirects, each
 * checked again. Rejects when the answer is larger than `maxResponseBytes` rather than cutting it.
 */
export async function getText(
  target: string,
  headers: Record<string, string>,
  options: FetchTextOptions = {},
): Promise<{ status: number; text: string; headers: Record<string, string | string[] | undefined> }> {
  let url = target;
  for (let hop = 0; ; hop++) {
    const answer = await exchange('GET', url, null, headers, options);
    const location = answer.headers.location;
    if (answer.status >= 300 && answer.status < 400 && typeof location === 'string') {
      if (hop >= (options.maxRedirects ?? 3)) throw new Error(`More than ${options.maxRedirects ?? 3} redirects`);
      url = new URL(location, url).href;
      continue;
    }
    if (answer.truncated) throw new Error(`The answer is larger than ${options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES} bytes`);
    return { status: answer.status, text: answer.body.toString('utf8'), headers: answer.headers };
  }
}

interface Exchange {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** The answer was longer than the cap; `body` holds its start. */
  truncated: boolean;
}

function exchange(
  method: 'GET' | 'POST',
  target: string,
  body: string | null,
  headers: Record<string, string>,
  options: SendOptions,
): Promise<Exchange> {
  const problem = webhookUrlProblem(target);
  if (problem) return Promise.reject(new BlockedTargetError(`The URL ${problem}`));
  const url = new URL(target);
  const allowPrivate = options.allowPrivateNetworks ?? false;
  // An address literal is connected to without any lookup, so it is checked here.
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(literal) && !allowPrivate && !isPublicAddress(literal)) {
    return Promise.reject(new BlockedTargetError(`${literal} is a private or reserved address`));
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  const cap = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(url, {
      method,
      headers: body === null ? headers : { 'content-length': Buffer.byteLength(body), ...headers },
      lookup: guardedLookup(allowPrivate),
      agent: false,
    });
    const timer = setTimeout(() => request.destroy(new Error(`No complete answer within ${timeoutMs} ms`)), timeoutMs);
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = (truncated: boolean) => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks), truncated });
      };
      response.on('data', (chunk: Buffer) => {
        const room = cap - size;
        if (room > 0) chunks.push(chunk.subarray(0, room));
        size += chunk.length;
        if (size >= cap) {
          // Enough read: do not wait for (or buffer) the rest.
          response.removeAllListeners('data');
          request.destroy();
          finish(size > cap);
        }
      });
      response.on('end', () => finish(false));
      response.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    request.end(body ?? undefined);
  });
}
