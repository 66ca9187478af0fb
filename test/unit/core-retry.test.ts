import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_BACKOFF,
  MAX_RETRY_AFTER_MS,
  backoffDelay,
  classifyResponse,
  nextAttemptDelay,
  parseRetryAfter,
} from '../../src/core/retry.js';

describe('classifyResponse', () => {
  it('delivers on 2xx and on an opaque no-cors answer', () => {
    for (const s of [200, 201, 202, 204, 299]) expect(classifyResponse(s)).toBe('delivered');
    expect(classifyResponse(0, 'opaque')).toBe('delivered');
  });
  it('retries network-ish and server errors: 408, 429, 5xx', () => {
    for (const s of [408, 429, 500, 502, 503, 504, 599]) expect(classifyResponse(s)).toBe('retry');
  });
  it('rejects every other 4xx', () => {
    for (const s of [400, 401, 403, 404, 409, 413, 415, 422, 451]) expect(classifyResponse(s)).toBe('reject');
  });
  it('never drops on something unexpected', () => {
    for (const s of [0, 100, 301, 304]) expect(classifyResponse(s, 'basic')).toBe('retry');
  });
});

describe('backoffDelay (full jitter)', () => {
  it('doubles the ceiling per attempt up to the cap', () => {
    const max = (attempt: number) => backoffDelay(attempt, DEFAULT_BACKOFF, () => 1);
    expect([1, 2, 3, 4, 5].map(max)).toEqual([2000, 4000, 8000, 16000, 32000]);
    expect(max(9)).toBe(300_000);
    expect(max(50)).toBe(300_000);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0)).toBe(0);
    expect(backoffDelay(2, { baseMs: 100, capMs: 1000 }, () => 0.5)).toBe(100);
  });
  it('stays within [0, min(cap, base·2^(n-1))] for any random source', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: -1, max: 2, noNaN: true }), (attempt, r) => {
        const d = backoffDelay(attempt, DEFAULT_BACKOFF, () => r);
        const ceiling = Math.min(DEFAULT_BACKOFF.capMs, DEFAULT_BACKOFF.baseMs * 2 ** (attempt - 1));
        return Number.isInteger(d) && d >= 0 && d <= ceiling;
      }),
    );
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-22T12:00:00Z');
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('1', now)).toBe(1000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
  });
  it('reads an HTTP date, never negative', () => {
    expect(parseRetryAfter('Sun, 22 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 11:00:00 GMT', now)).toBe(0);
  });
  it('caps what a server may ask at a day', () => {
    expect(parseRetryAfter('99999999', now)).toBe(MAX_RETRY_AFTER_MS);
  });
  it('ignores what it cannot read', () => {
    for (const v of [null, undefined, '', 'soon', '-5', '1.5', 'Fri, 99 Foo']) expect(parseRetryAfter(v, now)).toBeUndefined();
  });
});

describe('nextAttemptDelay', () => {
  it('prefers the server’s Retry-After, else backoff', () => {
    expect(nextAttemptDelay(3, 5000, DEFAULT_BACKOFF, () => 1)).toBe(5000);
    expect(nextAttemptDelay(3, 0, DEFAULT_BACKOFF, () => 1)).toBe(0);
    expect(nextAttemptDelay(3, undefined, DEFAULT_BACKOFF, () => 1)).toBe(8000);
  });
});
