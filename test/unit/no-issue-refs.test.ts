/**
 * Comments say why in words. A pointer such as "(issue 7)", "see #12" or a requirement code
 * ("CAL-04", "REQ-3") means nothing to the next reader: the tracker and the requirement list it
 * points into are not part of the repository. This scans the code, tests, scripts, stories and demo
 * so such pointers do not come back. Test fixtures are left out: they are other people's data.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const FOLDERS = ['src', 'test', 'scripts', 'bench', 'stories', 'demo'];
const SKIP = new Set(['node_modules', 'fixtures', 'dist']);
const TEXT = /\.(?:[cm]?[jt]s|tsx|mdx?|html|css)$/;
const SELF = relative(ROOT, import.meta.filename);

/**
 * "(issue 7", "issue 4, item 1", "see issue 12", "issues 3 and 5", "issue #9", "PR #4", "see #12", "gh-12", and sections of
 * the seed requirements ("seeds §4.5"), which are not in the repository. Sections of a public standard ("RFC 5545 §3.3.10") are fine.
 */
const ISSUE = /\bissues? #?\d+\b|\b(?:PR|pull request|see|fixes|closes)\s*#\d+\b|\bgh-\d+\b|\bseeds?(?:[- ]requirements?)? §/i;

/**
 * A requirement code: capitals, a dash, digits ("CAL-04", "VOL-07", "EXP-02/03", "R-IB-3").
 * Names of public standards and time zones have the same shape and are allowed.
 */
const CODE = /(?<![\w-])[A-Z][A-Z0-9]{0,5}(?:-[A-Z]{1,4})?-\d{1,3}\b/g;
/**
 * A bare section of a two-level outline ("§4.6", "§4.4 F"): the seed requirements are numbered so.
 * RFC 5545's sections have three or four levels and may be cited on a line after the RFC's name.
 */
const SECTION = /§\s?\d+\.\d+(?![.\d])/;
const STANDARDS = /^(?:SHA|HKDF|AES|P|UTF|CRC|UTC|GMT|ISO|ES|ECMA|RFC|HTTP|TLS|WCAG|X)-/;

function files(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : files(path);
    return TEXT.test(entry.name) ? [path] : [];
  });
}

/** Every line of a text that points at an issue or a requirement code, as `file:line: text`. */
export function references(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) => {
    const codes = [...line.matchAll(CODE)].map((m) => m[0]).filter((code) => !STANDARDS.test(code));
    const section = SECTION.test(line) && !/\bRFC \d+/.test(line);
    return ISSUE.test(line) || codes.length > 0 || section ? [`${file}:${i + 1}: ${line.trim()}`] : [];
  });
}

describe('no pointers to issues or requirement codes', () => {
  const scanned = FOLDERS.flatMap((folder) => files(join(ROOT, folder))).filter((f) => relative(ROOT, f) !== SELF);

  it('scans the source, tests, scripts, stories and demo', () => {
    expect(scanned.length).toBeGreaterThan(400);
    expect(scanned.some((f) => f.includes(`${sep}src${sep}collector${sep}`))).toBe(true);
    expect(scanned.some((f) => f.includes(`${sep}stories${sep}`))).toBe(true);
  });

  it('recognises the shapes that have been used, and leaves standards and colours alone', () => {
    const hits = (line: string) => references('x.ts', line).length;
    for (const line of [
      '/** `<feedback-poll>` on the wire (issue 7): poll definitions */',
      '// — merged ideas and tags (issue 8, item 3) —',
      ' * see issue 12 for the reasons',
      '/** Who is there: wijkagent, budgetcoach … (CAL-11). */',
      ' * (issue 7, EXP-02/03/09/14): output',
      '// R-IB-3: the box must …',
      '// REQ-12',
      '// fixed in PR #41',
      ' * worded as in the survey report (seed-requirements §4.4 A and B).',
      ' * The built-in welcome intake (seeds §1.3 and §4.5): plain Dutch',
      ' * seeded with the roles of §4.6 and the host shifts',
    ])
      expect(hits(line), line).toBe(1);
    for (const line of [
      "const hash = 'SHA-256';",
      "  'UTC-11': 'Etc/GMT+11',",
      '      color: #000;',
      "  '\\r': '&#13;',",
      'ROLE=REQ-PARTICIPANT',
      '(UTF-8, CRC-32, AES-256-GCM, HKDF-SHA-256, P-256, ISO-8601)',
      'toMatch(/^[A-Z0-9ÀÖØ-Ý]/)',
      "ctx.addIssue({ code: 'custom' })",
      'const issues = result.error.issues;',
      ' * A DATE is floating (RFC 5545 §3.3.4): the same calendar day for every reader',
      "  'zone (§3.3.10: UNTIL is inclusive). ical.js matches neither.',",
      ' * Folds a content line at 75 octets (RFC 5545 §3.1), continuation lines',
    ])
      expect(hits(line), line).toBe(0);
  });

  it('finds none in the repository', () => {
    const found = scanned.flatMap((f) => references(relative(ROOT, f), readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });
});
