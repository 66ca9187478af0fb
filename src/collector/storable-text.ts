/** Text both backends can store: the check every body that is written gets, envelope or not. */
import type { FieldIssue } from '../schema/index.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * NUL characters cannot be stored by PostgreSQL (text or jsonb) and have no place in typed text,
 * nor do lone surrogates; they are refused with a 422 on both backends, so the two behave the same and an outbox never
 * retries a submission that can only fail.
 */
export function storableTextIssues(value: unknown, path: string[] = []): FieldIssue[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return [{ path: path.join('.'), message: 'Contains a NUL character', code: 'invalid_character' }];
    // Half a surrogate pair is no character: SQLite would store invalid UTF-8 other tools cannot
    // read, and PostgreSQL refuses it. No keyboard makes one, so it is refused rather than altered.
    if (LONE_SURROGATE.test(value))
      return [{ path: path.join('.'), message: 'Contains half of a character (a lone surrogate)', code: 'invalid_character' }];
    return [];
  }
  if (Array.isArray(value)) return value.flatMap((v, n) => storableTextIssues(v, [...path, String(n)]));
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => storableTextIssues(v, [...path, k]));
  return [];
}
