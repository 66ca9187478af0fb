/**
 * From an ICS `TZID` to something we can compute with. In order of trust:
 * 1. the TZID is an IANA name (also inside a path like `/mozilla.org/20050126_1/Europe/Amsterdam`);
 * 2. it is a Windows name ("W. Europe Standard Time") or an Outlook label
 *    ("(UTC+01:00) Amsterdam, Berlin, …") we can map to IANA;
 * 3. its VTIMEZONE names an IANA zone in `X-LIC-LOCATION`;
 * 4. its VTIMEZONE has STANDARD/DAYLIGHT rules: we compute offsets from those and the reader
 *    converts the times into the site's zone;
 * 5. nothing: the reader treats the times as the site's zone and warns.
 */
import type { ContentLine } from './ics-lines.js';
import { paramOf } from './ics-lines.js';
import { parseIcsDate, parseUtcOffset } from './ics-values.js';
import { ruleSlots } from './rule-slots.js';
import { parseRRule, type RecurrenceRule } from './rrule.js';
import { canonicalTimeZone, type OffsetAt } from './time-zone.js';
import { MS_PER_DAY, atTime, fromWallMs, wallMs, type LocalDateTime } from './wall-clock.js';
import { OUTLOOK_LABELS, WINDOWS_ZONES } from './windows-zones.js';

export interface Observance {
  readonly kind: 'STANDARD' | 'DAYLIGHT';
  /** Offsets in milliseconds. */
  readonly offsetFrom: number;
  readonly offsetTo: number;
  /** First onset, wall clock in `offsetFrom`. */
  readonly start: LocalDateTime;
  readonly rule?: RecurrenceRule;
  /** Extra onsets as instants. */
  readonly rdates: readonly number[];
}

export interface VTimezone {
  readonly tzid: string;
  readonly location?: string;
  readonly observances: readonly Observance[];
}

export type ZoneResolution =
  | { readonly kind: 'iana'; readonly zone: string; readonly mapped: boolean }
  | { readonly kind: 'vtimezone'; readonly offsets: OffsetAt }
  | { readonly kind: 'unknown' };

/** Reads one VTIMEZONE's properties and observances; undefined without a TZID or any usable observance. */
export function readVTimezone(
  props: readonly ContentLine[],
  observances: readonly { name: string; props: readonly ContentLine[] }[],
): VTimezone | undefined {
  const tzid = props.find((p) => p.name === 'TZID')?.value.trim();
  if (!tzid) return undefined;
  const location = props.find((p) => p.name === 'X-LIC-LOCATION')?.value.trim();
  const out: Observance[] = [];
  for (const o of observances) {
    if (o.name !== 'STANDARD' && o.name !== 'DAYLIGHT') continue;
    const get = (n: string) => o.props.find((p) => p.name === n);
    const from = parseUtcOffset(get('TZOFFSETFROM')?.value ?? '');
    const to = parseUtcOffset(get('TZOFFSETTO')?.value ?? '');
    const dtstart = parseIcsDate(get('DTSTART')?.value ?? '');
    if (to === undefined || !dtstart) continue;
    const offsetFrom = from ?? to;
    const start = dtstart.kind === 'date' ? atTime(dtstart.date) : dtstart.dateTime;
    const rrule = get('RRULE');
    const parsed = rrule ? parseRRule(rrule.value) : undefined;
    const rdates: number[] = [];
    for (const line of o.props.filter((p) => p.name === 'RDATE')) {
      for (const v of line.value.split(',')) {
        const d = parseIcsDate(v, paramOf(line, 'VALUE'));
        if (!d) continue;
        const local = d.kind === 'date' ? atTime(d.date) : d.dateTime;
        rdates.push(d.kind === 'date-time' && d.utc ? wallMs(local) : wallMs(local) - offsetFrom);
      }
    }
    out.push({
      kind: o.name,
      offsetFrom,
      offsetTo: to,
      start,
      rdates,
      ...(parsed?.ok && { rule: parsed.rule }),
    });
  }
  if (out.length === 0) return undefined;
  return { tzid, observances: out, ...(location && { location }) };
}

/** The latest onset of an observance at or before `instant`, or undefined. */
function lastOnset(o: Observance, instant: number): number | undefined {
  const toInstant = (slot: LocalDateTime) => wallMs(slot) - o.offsetFrom;
  let best: number | undefined;
  const consider = (t: number) => {
    if (t <= instant && (best === undefined || t > best)) best = t;
  };
  consider(toInstant(o.start));
  for (const t of o.rdates) consider(t);
  if (o.rule) {
    // Onsets are at most a year apart; look back a little over a year (or at the rule's end).
    let to = instant + o.offsetFrom + MS_PER_DAY;
    const until = o.rule.until;
    if (until) {
      const untilWall =
        until.kind === 'date' ? wallMs(until.date) + MS_PER_DAY : wallMs(until.dateTime) + (until.kind === 'utc' ? o.offsetFrom : 0);
      to = Math.min(to, untilWall);
    }
    const from = o.rule.count === undefined ? to - 400 * MS_PER_DAY : undefined;
    const { slots } = ruleSlots(o.rule, o.start, { to, instantOf: toInstant, maxWork: 200_000, ...(from !== undefined && { from }) });
    for (const s of slots) consider(toInstant(s));
  }
  return best;
}

/** All onsets of an observance in `[from, to]` (instants). */
function onsetsBetween(o: Observance, from: number, to: number): number[] {
  const toInstant = (slot: LocalDateTime) => wallMs(slot) - o.offsetFrom;
  const out = [toInstant(o.start), ...o.rdates].filter((t) => t >= from && t <= to);
  if (o.rule) {
    const { slots } = ruleSlots(o.rule, o.start, {
      from: from + o.offsetFrom - MS_PER_DAY,
      to: to + o.offsetFrom + MS_PER_DAY,
      instantOf: toInstant,
      maxWork: 200_000,
    });
    for (const s of slots) {
      const t = toInstant(s);
      if (t >= from && t <= to) out.push(t);
    }
  }
  return out;
}

/**
 * Offsets from a VTIMEZONE's observances: the observance with the latest onset at or before the
 * instant wins. Onsets are worked out once per calendar year and cached, so a feed with
 * thousands of times in a custom zone stays fast.
 */
export function vtimezoneOffsets(vtz: VTimezone): OffsetAt {
  const years = new Map<number, { t: number; offset: number }[]>();
  const earliest = [...vtz.observances].sort((a, b) => wallMs(a.start) - wallMs(b.start))[0]!;
  const pointsFor = (year: number) => {
    let points = years.get(year);
    if (!points) {
      const from = wallMs({ year, month: 1, day: 1 }) - 2 * MS_PER_DAY;
      const to = wallMs({ year: year + 1, month: 1, day: 1 }) + 2 * MS_PER_DAY;
      points = [];
      for (const o of vtz.observances) {
        const before = lastOnset(o, from);
        if (before !== undefined) points.push({ t: before, offset: o.offsetTo });
        for (const t of onsetsBetween(o, from, to)) points.push({ t, offset: o.offsetTo });
      }
      points.sort((a, b) => a.t - b.t);
      if (years.size > 200) years.clear();
      years.set(year, points);
    }
    return points;
  };
  return (instant) => {
    const points = pointsFor(fromWallMs(instant).year);
    let offset = earliest.offsetFrom; // before every onset: the first observance's "from"
    for (const p of points) {
      if (p.t > instant) break;
      offset = p.offset;
    }
    return offset;
  };
}

const AREAS = ['Europe', 'America', 'Asia', 'Africa', 'Australia', 'Pacific', 'Atlantic', 'Indian', 'Antarctica'];

/** An IANA name inside a TZID: the whole of it, or its last two or three path segments. */
function ianaIn(tzid: string): string | undefined {
  const direct = canonicalTimeZone(tzid);
  if (direct && /[/]|^UTC$/.test(direct)) return direct;
  const segments = tzid.split('/').filter(Boolean);
  for (const n of [3, 2]) {
    if (segments.length >= n) {
      const zone = canonicalTimeZone(segments.slice(-n).join('/'));
      if (zone) return zone;
    }
  }
  return direct;
}

function pick(candidates: string | readonly string[], preferred: string): string | undefined {
  const list = typeof candidates === 'string' ? [candidates] : candidates;
  const valid = list.map((z) => canonicalTimeZone(z)).filter((z): z is string => !!z);
  return valid.includes(preferred) ? preferred : valid[0];
}

/** "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna" → an IANA zone of one of the cities. */
function outlookLabel(tzid: string, preferred: string): string | undefined {
  const m = /^\((?:UTC|GMT)[^)]*\)\s*(.+)$/i.exec(tzid);
  if (!m) return undefined;
  const label = m[1]!.trim();
  const known = OUTLOOK_LABELS[label.toLowerCase()];
  if (known) return canonicalTimeZone(known);
  const found: string[] = [];
  for (const city of label
    .split(/[,:]/)
    .map((c) => c.trim())
    .filter(Boolean)) {
    for (const area of AREAS) {
      const zone = canonicalTimeZone(`${area}/${city.replace(/\s+/g, '_')}`);
      if (zone && !found.includes(zone)) found.push(zone);
    }
  }
  return pick(found, preferred);
}

/**
 * Resolves a TZID. `preferred` (the site zone) wins when a Windows name or Outlook label covers
 * several IANA zones and it is one of them.
 */
export function resolveTzid(rawTzid: string, vtimezones: ReadonlyMap<string, VTimezone>, preferred: string): ZoneResolution {
  const tzid = rawTzid.trim().replace(/^"|"$/g, '');
  const iana = ianaIn(tzid);
  if (iana) return { kind: 'iana', zone: iana, mapped: iana !== tzid };
  const windows = WINDOWS_ZONES[tzid] ?? WINDOWS_ZONES[tzid.replace(/\s+/g, ' ')];
  const fromWindows = windows ? pick(windows, preferred) : undefined;
  if (fromWindows) return { kind: 'iana', zone: fromWindows, mapped: true };
  const fromLabel = outlookLabel(tzid, preferred);
  if (fromLabel) return { kind: 'iana', zone: fromLabel, mapped: true };
  const vtz = vtimezones.get(tzid) ?? vtimezones.get(rawTzid);
  const location = vtz?.location ? canonicalTimeZone(vtz.location) : undefined;
  if (location) return { kind: 'iana', zone: location, mapped: true };
  if (vtz) return { kind: 'vtimezone', offsets: vtimezoneOffsets(vtz) };
  return { kind: 'unknown' };
}
