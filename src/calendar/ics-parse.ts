/**
 * A forgiving RFC 5545 reader for the feeds centres already keep (Google, Outlook/Exchange,
 * Apple, Nextcloud, Thunderbird …). It never throws: what it cannot read becomes a warning and
 * the rest still comes through. Events come out normalised: every time is a wall-clock string
 * in one IANA zone per event, the way `src/schema/activity.ts` stores them; `ics-import.ts`
 * turns them into activities.
 */
import { DEFAULT_TIME_ZONE } from './constants.js';
import { assemble } from './ics-events.js';
import { paramOf, splitUnescaped, unescapeText, type ContentLine } from './ics-lines.js';
import { buildTree, collect, first, fnv1a, type Component } from './ics-tree.js';
import { readVTimezone, resolveTzid, type VTimezone, type ZoneResolution } from './ics-timezone.js';
import { parseIcsDate, parseIcsDuration, type IcsDuration } from './ics-values.js';
import { parseRRule } from './rrule.js';
import { canonicalTimeZone, toInstantWith, toLocal } from './time-zone.js';
import type { LocalDate, LocalDateTime } from './wall-clock.js';

export type IcsWarningCode =
  | 'bad-line'
  | 'repaired-line'
  | 'missing-end'
  | 'stray-end'
  | 'no-calendar'
  | 'missing-dtstart'
  | 'bad-date'
  | 'missing-uid'
  | 'unknown-tzid'
  | 'tzid-mapped'
  | 'tzid-vtimezone'
  | 'unsupported-rrule'
  | 'multiple-rrules'
  | 'duplicate-uid'
  | 'orphan-override'
  | 'period-rdate'
  | 'end-before-start'
  | 'truncated';

export interface IcsWarning {
  /** `warning`: something was dropped or guessed; `info`: read fine, here is how. */
  readonly severity: 'warning' | 'info';
  readonly code: IcsWarningCode;
  readonly message: string;
  readonly line?: number;
  readonly uid?: string;
}

export type IcsStatus = 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';

/** A RECURRENCE-ID instance, in its master's zone and form. */
export interface IcsOverride {
  readonly recurrenceId: string;
  readonly start: string;
  readonly end?: string;
  readonly status?: IcsStatus;
  readonly summary?: string;
  readonly description?: string;
  readonly location?: string;
  /** COMMENT: the reason when the instance is cancelled. */
  readonly comment?: string;
  /** `RANGE=THISANDFUTURE`: the change holds for every later occurrence too. */
  readonly thisAndFuture?: boolean;
  readonly line: number;
}

export interface IcsEvent {
  readonly uid: string;
  readonly line: number;
  readonly sequence: number;
  readonly summary?: string;
  readonly description?: string;
  readonly location?: string;
  readonly url?: string;
  /** The organiser's display name (CN), never the address. */
  readonly organizer?: string;
  readonly comment?: string;
  readonly categories: readonly string[];
  readonly status?: IcsStatus;
  /**
   * The IANA zone all of this event's wall-clock strings are in. All-day events are floating
   * dates and get the reader's zone (`defaultTimeZone`), never the feed's X-WR-TIMEZONE.
   */
  readonly timeZone: string;
  readonly allDay: boolean;
  /** `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm:ss`. */
  readonly start: string;
  /** Timed: exclusive end. All-day: the last day, inclusive (DTEND minus one day). */
  readonly end?: string;
  readonly rrule?: string;
  readonly exdates: readonly string[];
  readonly rdates: readonly string[];
  readonly overrides: readonly IcsOverride[];
}

export interface IcsCalendar {
  readonly name?: string;
  readonly description?: string;
  readonly prodId?: string;
  /** X-WR-TIMEZONE when it is a valid IANA zone. */
  readonly timeZone?: string;
  readonly events: IcsEvent[];
  readonly warnings: IcsWarning[];
}

export interface ParseIcsOptions {
  /** The site's zone: used for floating times and unknown TZIDs (default Europe/Amsterdam). */
  readonly defaultTimeZone?: string;
  /** Input beyond this many characters is ignored (default 10 000 000). */
  readonly maxChars?: number;
  /** Events beyond this many are ignored (default 10 000). */
  readonly maxEvents?: number;
}

export type Resolved = { allDay: true; date: LocalDate } | { allDay: false; local: LocalDateTime; zone: string };

/** One VEVENT as read, before grouping by UID. */
export interface RawEvent {
  uid: string;
  line: number;
  sequence: number;
  text: Partial<Record<'summary' | 'description' | 'location' | 'url' | 'comment' | 'organizer', string>>;
  categories: string[];
  status?: IcsStatus;
  start: Resolved;
  dtend?: Resolved;
  duration?: IcsDuration;
  rrule?: string;
  exdates: Resolved[];
  rdates: Resolved[];
  recurrenceId?: Resolved;
  thisAndFuture?: boolean;
  /** The UID was made up from the content (the event had none). */
  madeUid?: boolean;
}

/** Parses ICS text into normalised events and warnings. Never throws. */
export function parseIcs(input: string, options: ParseIcsOptions = {}): IcsCalendar {
  const warnings: IcsWarning[] = [];
  const warn = (w: IcsWarning) => {
    if (warnings.length < 500) warnings.push(w);
  };
  const siteZone = canonicalTimeZone(options.defaultTimeZone ?? DEFAULT_TIME_ZONE) ?? DEFAULT_TIME_ZONE;
  const maxChars = options.maxChars ?? 10_000_000;
  let text = typeof input === 'string' ? input : '';
  if (text.length > maxChars) {
    warn({ severity: 'warning', code: 'truncated', message: `Only the first ${maxChars} characters were read` });
    text = text.slice(0, maxChars);
  }

  const root = buildTree(text, warn);
  const calendars = collect(root, 'VCALENDAR');
  if (calendars.length === 0) warn({ severity: 'info', code: 'no-calendar', message: 'No BEGIN:VCALENDAR; events were read anyway' });
  const calendarProp = (name: string) => {
    for (const c of calendars.length ? calendars : [root]) {
      const p = first(c, name);
      if (p) return unescapeText(p.value).trim() || undefined;
    }
    return undefined;
  };
  const wrZone = calendarProp('X-WR-TIMEZONE');
  const calendarZone = (wrZone && canonicalTimeZone(wrZone)) || siteZone;

  const vtimezones = new Map<string, VTimezone>();
  for (const c of collect(root, 'VTIMEZONE')) {
    const vtz = readVTimezone(c.props, c.children);
    if (vtz && !vtimezones.has(vtz.tzid)) vtimezones.set(vtz.tzid, vtz);
  }

  const resolutions = new Map<string, ZoneResolution>();
  const resolveZone = (tzid: string, line: number): ZoneResolution => {
    let r = resolutions.get(tzid);
    if (!r) {
      r = resolveTzid(tzid, vtimezones, siteZone);
      resolutions.set(tzid, r);
      if (r.kind === 'iana' && r.mapped) {
        warn({ severity: 'info', code: 'tzid-mapped', message: `TZID "${tzid}" read as ${r.zone}`, line });
      } else if (r.kind === 'vtimezone') {
        warn({
          severity: 'info',
          code: 'tzid-vtimezone',
          message: `TZID "${tzid}" is not a known zone; times were converted with its VTIMEZONE offsets into ${calendarZone}`,
          line,
        });
      } else if (r.kind === 'unknown') {
        warn({
          severity: 'warning',
          code: 'unknown-tzid',
          message: `TZID "${tzid}" is unknown and has no VTIMEZONE; times were read as ${calendarZone}`,
          line,
        });
      }
    }
    return r;
  };

  /** One DATE / DATE-TIME value of a property, with its zone resolved. */
  const resolve = (cl: ContentLine, value: string): Resolved | undefined => {
    const parsed = parseIcsDate(value, paramOf(cl, 'VALUE'));
    if (!parsed) return undefined;
    if (parsed.kind === 'date') return { allDay: true, date: parsed.date };
    if (parsed.utc) return { allDay: false, local: parsed.dateTime, zone: 'UTC' };
    const tzid = paramOf(cl, 'TZID');
    if (!tzid) return { allDay: false, local: parsed.dateTime, zone: calendarZone };
    const r = resolveZone(tzid, cl.line);
    if (r.kind === 'iana') return { allDay: false, local: parsed.dateTime, zone: r.zone };
    if (r.kind === 'vtimezone') {
      return { allDay: false, local: toLocal(toInstantWith(parsed.dateTime, r.offsets), calendarZone), zone: calendarZone };
    }
    return { allDay: false, local: parsed.dateTime, zone: calendarZone };
  };

  const raws: RawEvent[] = [];
  const maxEvents = options.maxEvents ?? 10_000;
  const vevents = collect(root, 'VEVENT');
  if (vevents.length > maxEvents) {
    warn({ severity: 'warning', code: 'truncated', message: `Only the first ${maxEvents} of ${vevents.length} events were read` });
  }
  const madeUids = new Map<string, number>();
  for (const ev of vevents.slice(0, maxEvents)) {
    const raw = readEvent(ev, resolve, warn);
    if (!raw) continue;
    if (raw.madeUid) {
      // Two events with the same content get the same made-up UID; number the later ones, in file order.
      const n = (madeUids.get(raw.uid) ?? 0) + 1;
      madeUids.set(raw.uid, n);
      if (n > 1) raw.uid = `${raw.uid}-${n}`;
      warn({
        severity: 'info',
        code: 'missing-uid',
        message: `Event at line ${raw.line} has no UID; made ${raw.uid} from its start, title, place and rule`,
        line: raw.line,
      });
    }
    raws.push(raw);
  }
  const events = assemble(raws, calendarZone, siteZone, warn);
  return {
    events,
    warnings,
    ...(calendarProp('X-WR-CALNAME') && { name: calendarProp('X-WR-CALNAME') }),
    ...(calendarProp('X-WR-CALDESC') && { description: calendarProp('X-WR-CALDESC') }),
    ...(calendarProp('PRODID') && { prodId: calendarProp('PRODID') }),
    ...(wrZone && canonicalTimeZone(wrZone) && { timeZone: canonicalTimeZone(wrZone) }),
  };
}

function readEvent(
  ev: Component,
  resolve: (cl: ContentLine, value: string) => Resolved | undefined,
  warn: (w: IcsWarning) => void,
): RawEvent | undefined {
  const get = (name: string) => first(ev, name);
  const all = (name: string) => ev.props.filter((p) => p.name === name);
  const textOf = (name: string) => {
    const p = get(name);
    const v = p ? unescapeText(p.value).trim() : '';
    return v || undefined;
  };
  let uid = get('UID')?.value.trim();
  const dtstart = get('DTSTART');
  if (!dtstart) {
    warn({
      severity: 'warning',
      code: 'missing-dtstart',
      message: `Event at line ${ev.line} has no DTSTART and was skipped`,
      line: ev.line,
      ...(uid && { uid }),
    });
    return undefined;
  }
  const start = resolve(dtstart, dtstart.value);
  if (!start) {
    warn({
      severity: 'warning',
      code: 'bad-date',
      message: `DTSTART "${dtstart.value}" could not be read; event skipped`,
      line: dtstart.line,
      ...(uid && { uid }),
    });
    return undefined;
  }
  const madeUid = !uid;
  if (!uid) {
    // From the content, not the position: the same event keeps its id when others are added
    // above it, so a re-import updates it instead of adding a copy (Outlook Web App and
    // Microsoft CDO write events without UID).
    const zoneOf = (cl: ContentLine | undefined) => (cl ? `${paramOf(cl, 'TZID') ?? ''}:${cl.value.trim()}` : '');
    const content = [
      zoneOf(dtstart),
      textOf('SUMMARY') ?? '',
      textOf('LOCATION') ?? '',
      get('RRULE')?.value.replace(/\s+/g, '') ?? '',
      zoneOf(get('RECURRENCE-ID')),
    ].join('|');
    uid = `ics-${fnv1a(content)}${fnv1a([...content].reverse().join(''))}`;
  }

  const dates = (name: string): Resolved[] => {
    const out: Resolved[] = [];
    for (const cl of all(name)) {
      const period = paramOf(cl, 'VALUE')?.toUpperCase() === 'PERIOD';
      for (const part of cl.value.split(',')) {
        if (!part.trim()) continue;
        // An RDATE period contributes its start; the event's own length still applies.
        const value = part.includes('/') ? part.slice(0, part.indexOf('/')) : part;
        if (period || part.includes('/')) {
          warn({ severity: 'info', code: 'period-rdate', message: `${name} period read as its start time`, line: cl.line, uid: uid! });
        }
        const r = resolve(cl, value);
        if (r) out.push(r);
        else warn({ severity: 'warning', code: 'bad-date', message: `${name} value "${value}" ignored`, line: cl.line, uid: uid! });
      }
    }
    return out;
  };

  const rrules = all('RRULE');
  let rrule: string | undefined;
  if (rrules.length > 1)
    warn({ severity: 'warning', code: 'multiple-rrules', message: 'Only the first RRULE is used', line: rrules[1]!.line, uid });
  if (rrules[0]) {
    const parsed = parseRRule(rrules[0].value);
    // Stored without the spaces some writers put in lists, so every later reader accepts it.
    if (parsed.ok)
      rrule = rrules[0].value
        .replace(/\s+/g, '')
        .replace(/^RRULE:/i, '')
        .replace(/;+$/, '');
    else
      warn({
        severity: 'warning',
        code: 'unsupported-rrule',
        message: `RRULE not used (${parsed.error}); the event shows once`,
        line: rrules[0].line,
        uid,
      });
  }

  const dtend = get('DTEND');
  const durationLine = get('DURATION');
  const status = get('STATUS')?.value.trim().toUpperCase();
  const organizer = get('ORGANIZER');
  const recurrenceIdLine = get('RECURRENCE-ID');
  const recurrenceId = recurrenceIdLine ? resolve(recurrenceIdLine, recurrenceIdLine.value) : undefined;
  const thisAndFuture = !!recurrenceIdLine && paramOf(recurrenceIdLine, 'RANGE')?.toUpperCase() === 'THISANDFUTURE';
  const sequence = Number.parseInt(get('SEQUENCE')?.value ?? '0', 10);
  const text: RawEvent['text'] = {};
  for (const [key, name] of [
    ['summary', 'SUMMARY'],
    ['description', 'DESCRIPTION'],
    ['location', 'LOCATION'],
    ['comment', 'COMMENT'],
  ] as const) {
    const value = textOf(name);
    if (value) text[key] = value;
  }
  const url = get('URL')?.value.trim();
  if (url) text.url = url;
  const cn = organizer ? paramOf(organizer, 'CN')?.trim() : undefined;
  if (cn) text.organizer = cn;
  const end = dtend ? resolve(dtend, dtend.value) : undefined;
  const duration = durationLine ? parseIcsDuration(durationLine.value) : undefined;
  return {
    uid,
    line: ev.line,
    sequence: Number.isFinite(sequence) ? sequence : 0,
    text,
    categories: all('CATEGORIES').flatMap((cl) =>
      splitUnescaped(cl.value)
        .map((c) => unescapeText(c).trim())
        .filter(Boolean),
    ),
    ...(status === 'TENTATIVE' || status === 'CONFIRMED' || status === 'CANCELLED' ? { status } : {}),
    start,
    ...(end && { dtend: end }),
    ...(duration && { duration }),
    ...(rrule && { rrule }),
    exdates: dates('EXDATE'),
    rdates: dates('RDATE'),
    ...(recurrenceId && { recurrenceId }),
    ...(recurrenceId && thisAndFuture && { thisAndFuture }),
    ...(madeUid && { madeUid }),
  };
}
