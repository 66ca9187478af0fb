/**
 * The EU summer-time rule of `src/calendar/zone-rule.ts` against the tz database's own source text
 * (`test/fixtures/tz`, copied from eggert/tz, see its README): an oracle that does not go through
 * any ICU build. The test reads each zone's line in force from before `RULE_YEARS` on, follows
 * links, and works out the offsets from the named rules with a small reader of the zic format that
 * knows only the forms these zones use (`lastSun`, times in UTC) and refuses any other.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasRule, RULE_YEARS } from '../../src/calendar/zone-rule.js';
import { ruleMismatches } from './zone-rule-check.js';

const DIR = new URL('../fixtures/tz/', import.meta.url);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HOUR = 3_600_000;

interface RuleLine {
  from: number;
  to: number;
  month: number;
  on: string;
  at: string;
  save: number;
}

/** `1:00`, `-0:25:21`, `0` → milliseconds. */
function duration(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const [h = 0, m = 0, s = 0] = text.replace(/^-/, '').split(':').map(Number);
  return sign * ((h * 60 + m) * 60 + s) * 1000;
}

/** The rules, zones (their lines' fields) and links of tz source files. */
function readTzSource(files: string[]) {
  const rules = new Map<string, RuleLine[]>();
  const zones = new Map<string, string[][]>();
  const links = new Map<string, string>();
  let zone: string[][] | undefined;
  for (const file of files)
    for (const raw of readFileSync(new URL(file, DIR), 'utf8').split('\n')) {
      const line = raw.replace(/#.*/, '');
      if (!line.trim()) continue;
      const f = line.trim().split(/\s+/);
      if (/^\s/.test(line)) {
        zone!.push(f);
        continue;
      }
      zone = undefined;
      if (f[0] === 'Rule') {
        const from = Number(f[2]);
        const to = f[3] === 'only' ? from : f[3] === 'max' ? Infinity : Number(f[3]);
        const list = rules.get(f[1]!) ?? [];
        list.push({ from, to, month: MONTHS.indexOf(f[5]!), on: f[6]!, at: f[7]!, save: duration(f[8]!) });
        rules.set(f[1]!, list);
      } else if (f[0] === 'Zone') zones.set(f[1]!, (zone = [f.slice(2)]));
      else if (f[0] === 'Link') links.set(f[2]!, f[1]!);
    }
  return { rules, zones, links };
}

const tz = readTzSource(['europe', 'asia', 'backward']);

/** The offsets of a zone from the tz source, for instants in `RULE_YEARS`. */
function tzOffsets(name: string): (instant: number) => number {
  let target = name;
  while (tz.links.has(target)) target = tz.links.get(target)!;
  const lines = tz.zones.get(target);
  if (!lines) throw new Error(`${name}: no Zone ${target} in the tz source`);
  const [stdoff, ruleName, , ...until] = lines.at(-1)!;
  if (until.length) throw new Error(`${name}: its last line ends (${until.join(' ')})`);
  const before = lines.at(-2)?.slice(3) ?? [];
  if (before.length && Number(before[0]) >= RULE_YEARS[0])
    throw new Error(`${name}: its rules change in ${before[0]}, within the rule's years`);
  if (ruleName === '-') return () => duration(stdoff!);
  const rules = tz.rules.get(ruleName!);
  if (!rules) throw new Error(`${name}: no Rule ${ruleName}`);
  /** The switches of a year, as [instant, save]. */
  const switches = (year: number) =>
    rules
      .filter((r) => r.from <= year && year <= r.to)
      .map((r): [number, number] => {
        const at = /^(\d+):(\d\d)u$/.exec(r.at);
        if (r.on !== 'lastSun' || !at) throw new Error(`${name}: Rule ${ruleName} ${r.on} ${r.at} is a form this reader does not know`);
        const last = Date.UTC(year, r.month + 1, 0);
        return [last - new Date(last).getUTCDay() * 24 * HOUR + duration(`${at[1]}:${at[2]}`), r.save];
      })
      .sort((a, b) => a[0] - b[0]);
  return (instant) => {
    const year = new Date(instant).getUTCFullYear();
    const passed = [...switches(year - 1), ...switches(year)].filter(([t]) => t <= instant);
    return duration(stdoff!) + passed.at(-1)![1];
  };
}

describe('the EU summer-time rule against the tz database source (eggert/tz)', () => {
  const zones = [...tz.zones.keys(), ...tz.links.keys()].filter(hasRule);

  it('covers zones found in the source, the Netherlands and its neighbours among them', () => {
    expect(zones.length).toBeGreaterThanOrEqual(50);
    for (const zone of ['Europe/Amsterdam', 'Europe/Brussels', 'Europe/Berlin', 'Europe/London']) expect(zones).toContain(zone);
  });

  it(`gives the source's offsets on every day and every switch of ${RULE_YEARS.join('-')}`, () => {
    expect(zones.flatMap((zone) => ruleMismatches(zone, tzOffsets(zone)))).toEqual([]);
  });

  it('reads the source as it is meant: summer and winter, negative summer time, none, and what it cannot read', () => {
    const [winter, summer] = [Date.UTC(2026, 0, 15), Date.UTC(2026, 6, 15)];
    expect([tzOffsets('Europe/Amsterdam')(winter), tzOffsets('Europe/Amsterdam')(summer)]).toEqual([HOUR, 2 * HOUR]);
    // Ireland's standard time is summer time, with "negative" saving in winter (Rule Eire).
    expect([tzOffsets('Europe/Dublin')(winter), tzOffsets('Europe/Dublin')(summer)]).toEqual([0, HOUR]);
    // Dubai keeps +4 all year: the rule does not cover it, and the check says so.
    expect(tzOffsets('Asia/Dubai')(summer)).toBe(4 * HOUR);
    expect(ruleMismatches('Asia/Dubai', tzOffsets('Asia/Dubai'))).not.toEqual([]);
    // Moscow's and Moldova's rules changed within the rule's years: refused, not guessed.
    expect(() => tzOffsets('Europe/Moscow')).toThrow(/Moscow: its rules change in 2014/);
    expect(() => tzOffsets('Europe/Chisinau')).toThrow(/Chisinau/);
  });
});
