/** Text both backends can store: the check every body that is written gets, envelope or not. */
import type { FieldIssue } from '../schema/index.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * NUL characters cannot be stored by PostgreSQL (text or jsonb) and have no place in typed text,
 * nor do lone surrogates; they are refused with a 422 on both backends, so the two behave the same and an outbox never
 * retries a submission that can only fail.
 */
export function storableTextIssues(value: unknown, path: string[] = []): FieldIssue[] {
  const issues: FieldIssue[] = [];
  collectTextIssues(value, [...path], issues);
  return issues;
}

/**
 * One path stack for the whole walk, joined only for an issue: this runs on every submission, and
 * copying the path and the issue lists at every field showed in the collector's CPU profile.
 */
function collectTextIssues(value: unknown, path: string[], issues: FieldIssue[]): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) issues.push({ path: path.join('.'), message: 'Contains a NUL character', code: 'invalid_character' });
    // Half a surrogate pair is no character: SQLite would store invalid UTF-8 other tools cannot
    // read, and PostgreSQL refuses it. No keyboard makes one, so it is refused rather than altered.
    else if (!isWellFormed(value))
      issues.push({ path: path.join('.'), message: 'Contains half of a character (a lone surrogate)', code: 'invalid_character' });
  } else if (Array.isArray(value)) {
    for (let n = 0; n < value.length; n++) {
      path.push(String(n));
      collectTextIssues(value[n], path, issues);
      path.pop();
    }
  } else if (isRecord(value)) {
    for (const key of Object.keys(value)) {
      path.push(key);
      collectTextIssues(value[key], path, issues);
      path.pop();
    }
  }
}

/** No lone surrogate (`String.prototype.isWellFormed`, in Node 20 but not in the ES2023 types). */
const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();
