/**
 * One outgoing webhook POST with SSRF protection: only http(s), the host's addresses are resolved
 * and checked *for the connection itself* (a custom `lookup`, so DNS rebinding between a check and
 * the connect cannot slip through), redirects are not followed, and the answer is capped in time
 * and size.
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

/** Checks a webhook URL's form (not its addresses, which may change): http(s), no credentials. */
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
export function postJson(target: string, body: string, headers: Record<string, string>, options: SendOptions = {}): Promise<SendResult> {
  const problem = webhookUrlProblem(target);
  if (problem) return Promise.reject(new BlockedTargetError(`The webhook URL ${problem}`));
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
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
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
      const finish = () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      };
      response.on('data', (chunk: Buffer) => {
        const room = cap - size;
        if (room > 0) chunks.push(chunk.subarray(0, room));
        size += chunk.length;
        if (size >= cap) {
          // Enough read: the status is what counts; do not wait for (or buffer) the rest.
          response.removeAllListeners('data');
          request.destroy();
          finish();
        }
      });
      response.on('end', finish);
      response.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    request.end(body);
  });
}
