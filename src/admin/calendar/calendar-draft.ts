/**
 * The coordinator's calendar form as plain data: a schedule item ⇄ what the form edits.
 * Pure and DOM-free (unit-tested). Fields the form does not show (organiser, accessibility,
 * overrides other than cancellations …) are carried over unchanged from the stored item.
 *
 * Recurrence is offered in the forms coordinators use: once, weekly on chosen weekdays, every
 * other week, or monthly on "the first/second/…/last <weekday>". A stored rule of another shape
 * is kept as it is (`custom`) unless the coordinator picks one of these.
 */
import { parseLocalDate, weekday, type LocalDate } from '../../calendar/wall-clock.js';
import type { ActivityInput, ScheduleItemInput } from '../../schema/activity.js';
import { TRANSLATION_LANGS, type ActivityTranslations } from '../../schema/activity-texts.js';
import type { DraftTranslations } from '../polls/poll-draft.js';

/** The texts the form edits in English and Arabic next to the Dutch (the others are carried over). */
export const FORM_TEXTS = ['title', 'description', 'location', 'statusReason'] as const;
export type FormText = (typeof FORM_TEXTS)[number];

export type Repeat = 'none' | 'weekly' | 'biweekly' | 'monthly' | 'custom';
export type CostChoice = 'none' | 'free' | 'amount' | 'contribution';
export const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type WeekdayCode = (typeof WEEKDAY_CODES)[number];

/** One cancelled occurrence: its date (the slot's day) and why. */
export interface Cancellation {
  date: string;
  reason: string;
}

export interface CalendarDraft {
  kind: 'activity' | 'opening-hours';
  title: string;
  description: string;
  allDay: boolean;
  /** `YYYY-MM-DD`: the first occurrence. */
  date: string;
  /** `HH:mm`, for timed items. */
  startTime: string;
  endTime: string;
  /** All-day items: the last day (inclusive), optional. */
  endDate: string;
  repeat: Repeat;
  /** Weekly: the days (the start's weekday at least). */
  weekdays: WeekdayCode[];
  /** Dates without an occurrence (EXDATE, whole days). */
  exceptions: string[];
  cancellations: Cancellation[];
  /** The whole activity does not take place (any more). */
  cancelled: boolean;
  cancelReason: string;
  cost: CostChoice;
  /** Euros as typed, e.g. `2,50`. */
  amount: string;
  audience: string[];
  /** Places for "ik kom"; empty: no counting. */
  capacity: string;
  location: string;
  /** English and Arabic of the texts; `statusReason` is the cancel reason. Absent: none typed. */
  textsIn?: Partial<Record<FormText, DraftTranslations>>;
}

/** The draft's Dutch of a form text. */
const dutchOf = (d: CalendarDraft, key: FormText) => (key === 'statusReason' ? (d.cancelled ? d.cancelReason : '') : d[key]).trim();

/**
 * The stored translations with the form's laid over them; a translation of a text without Dutch is
 * dropped, and so is a language with nothing left.
 */
function translationsOf(d: CalendarDraft, stored: ActivityTranslations | undefined): ActivityTranslations | undefined {
  const langs = TRANSLATION_LANGS.flatMap((lang) => {
    const texts: Record<string, string | undefined> = { ...stored?.[lang] };
    for (const key of FORM_TEXTS) texts[key] = (dutchOf(d, key) && (d.textsIn?.[key]?.[lang] ?? texts[key])?.trim()) || undefined;
    const kept = Object.entries(texts).filter(([, v]) => v);
    return kept.length ? [[lang, Object.fromEntries(kept)]] : [];
  });
  return langs.length ? Object.fromEntries(langs) : undefined;
}

/** The stored item the draft came from (without its id), or nothing for a new one. */
export type StoredItem = Omit<ScheduleItemInput, 'id'> & { id?: string };

const pad = (n: number) => String(n).padStart(2, '0');
const codeOf = (date: LocalDate): WeekdayCode => WEEKDAY_CODES[weekday(date) - 1]!;

/** The nth weekday of its month: 1…4, or -1 for the last one (a fifth one is always the last). */
export function nthWeekday(date: LocalDate): number {
  const n = Math.ceil(date.day / 7);
  return n >= 5 ? -1 : n;
}

/** What the form can say about a rule; `custom` for anything else. */
export function readRepeat(rrule: string | undefined): { repeat: Repeat; weekdays: WeekdayCode[] } {
  if (!rrule) return { repeat: 'none', weekdays: [] };
  const parts = Object.fromEntries(rrule.split(';').map((p) => p.split('=') as [string, string]));
  const known = Object.keys(parts).every((k) => ['FREQ', 'INTERVAL', 'BYDAY'].includes(k));
  const days = (parts['BYDAY'] ?? '').split(',').filter(Boolean);
  if (known && parts['FREQ'] === 'WEEKLY' && days.every((d) => (WEEKDAY_CODES as readonly string[]).includes(d))) {
    const interval = parts['INTERVAL'] ?? '1';
    if (interval === '1') return { repeat: 'weekly', weekdays: days as WeekdayCode[] };
    if (interval === '2' && days.length <= 1) return { repeat: 'biweekly', weekdays: days as WeekdayCode[] };
  }
  if (known && parts['FREQ'] === 'MONTHLY' && !parts['INTERVAL'] && /^(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$/.test(parts['BYDAY'] ?? '')) {
    return { repeat: 'monthly', weekdays: [] };
  }
  return { repeat: 'custom', weekdays: [] };
}

/** The rule for a draft's choice, from its start date; undefined for `none` (and kept for `custom`). */
export function ruleOf(draft: Pick<CalendarDraft, 'repeat' | 'weekdays' | 'date'>, stored?: string): string | undefined {
  const date = parseLocalDate(draft.date);
  if (!date) return undefined;
  const own = codeOf(date);
  switch (draft.repeat) {
    case 'weekly': {
      const days = WEEKDAY_CODES.filter((d) => d === own || draft.weekdays.includes(d));
      return `FREQ=WEEKLY;BYDAY=${days.join(',')}`;
    }
    case 'biweekly':
      return `FREQ=WEEKLY;INTERVAL=2;BYDAY=${own}`;
    case 'monthly':
      return `FREQ=MONTHLY;BYDAY=${nthWeekday(date)}${own}`;
    case 'custom':
      return stored;
    default:
      return undefined;
  }
}

/** `2,50` or `2.50` or `3` → cents; undefined when it is not an amount. */
export function parseEuros(text: string): number | undefined {
  const m = /^\s*€?\s*(\d{1,5})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

export const formatEuros = (cents: number) => `${Math.floor(cents / 100)},${pad(cents % 100)}`;

/** A new, empty draft starting on `date`. */
export function newDraft(kind: CalendarDraft['kind'], date: string): CalendarDraft {
  return {
    kind,
    title: '',
    description: '',
    allDay: false,
    date,
    startTime: kind === 'opening-hours' ? '10:00' : '14:00',
    endTime: kind === 'opening-hours' ? '12:00' : '16:00',
    endDate: '',
    repeat: 'weekly',
    weekdays: [],
    exceptions: [],
    cancellations: [],
    cancelled: false,
    cancelReason: '',
    cost: 'none',
    amount: '',
    audience: [],
    capacity: '',
    location: '',
  };
}

/** The form's view of a stored item. */
export function draftOf(item: StoredItem): CalendarDraft {
  const activity = item.kind !== 'opening-hours' ? (item as Partial<ActivityInput>) : undefined;
  const allDay = item.allDay ?? false;
  const { repeat, weekdays } = readRepeat(item.recurrence?.rrule);
  const cost = activity?.cost;
  const registration = activity?.registration;
  return {
    kind: item.kind === 'opening-hours' ? 'opening-hours' : 'activity',
    title: item.title,
    description: item.description ?? '',
    allDay,
    date: item.start.slice(0, 10),
    startTime: allDay ? '' : item.start.slice(11, 16),
    endTime: !allDay && item.end ? item.end.slice(11, 16) : '',
    endDate: allDay && item.end ? item.end.slice(0, 10) : '',
    repeat,
    weekdays,
    exceptions: (item.recurrence?.exdates ?? []).map((d) => d.slice(0, 10)),
    cancellations: (item.overrides ?? [])
      .filter((o) => o.status === 'gaat-niet-door' && !o.start && !o.end)
      .map((o) => ({ date: o.recurrenceId.slice(0, 10), reason: o.statusReason ?? '' })),
    cancelled: item.status === 'gaat-niet-door',
    cancelReason: item.statusReason ?? '',
    cost: cost ? cost.kind : 'none',
    amount: cost && cost.kind !== 'free' ? formatEuros(cost.amount) : '',
    audience: [...(activity?.audience ?? [])],
    capacity: registration?.kind === 'capacity' ? String(registration.capacity) : '',
    location: item.location ?? '',
    textsIn: Object.fromEntries(FORM_TEXTS.map((k) => [k, { en: item.translations?.en?.[k] ?? '', ar: item.translations?.ar?.[k] ?? '' }])),
  };
}

export interface DraftIssue {
  /** The form field: `title`, `date`, `startTime`, `endTime`, `amount`, `capacity`, `cancelReason`. */
  field: string;
  key: 'required' | 'invalidAmount' | 'invalidCapacity' | 'endBeforeStart';
}

/** What the browser checks before sending (the collector checks everything again). */
export function checkDraft(d: CalendarDraft): DraftIssue[] {
  const issues: DraftIssue[] = [];
  if (!d.title.trim()) issues.push({ field: 'title', key: 'required' });
  if (!parseLocalDate(d.date)) issues.push({ field: 'date', key: 'required' });
  if (!d.allDay && !/^\d{2}:\d{2}$/.test(d.startTime)) issues.push({ field: 'startTime', key: 'required' });
  if (!d.allDay && d.endTime && d.endTime <= d.startTime) issues.push({ field: 'endTime', key: 'endBeforeStart' });
  if (d.allDay && d.endDate && d.endDate < d.date) issues.push({ field: 'endDate', key: 'endBeforeStart' });
  if ((d.cost === 'amount' || d.cost === 'contribution') && !parseEuros(d.amount)) issues.push({ field: 'amount', key: 'invalidAmount' });
  if (d.capacity.trim() && !/^[1-9]\d{0,3}$/.test(d.capacity.trim())) issues.push({ field: 'capacity', key: 'invalidCapacity' });
  return issues;
}

/** Where a collector 422 path points in the form. */
export function fieldOfPath(path: string): string {
  const [head, second] = path.split('.');
  if (head === 'start') return 'date';
  if (head === 'end') return 'endTime';
  if (head === 'cost') return 'amount';
  if (head === 'registration') return 'capacity';
  if (head === 'statusReason') return 'cancelReason';
  if (head === 'recurrence') return second === 'exdates' ? 'exceptions' : 'repeat';
  if (head === 'overrides') return 'cancellations';
  return head ?? '';
}

/** The body to PUT or POST: the stored item with the form's fields laid over it. */
export function itemOf(d: CalendarDraft, stored?: StoredItem): Record<string, unknown> {
  const { id: _id, ...base } = (stored ?? {}) as StoredItem & Record<string, unknown>;
  const startTime = d.startTime || '00:00';
  const start = d.allDay ? d.date : `${d.date}T${startTime}`;
  const end = d.allDay ? d.endDate || undefined : d.endTime ? `${d.date}T${d.endTime}` : undefined;
  const rrule = ruleOf(d, stored?.recurrence?.rrule);
  const slot = (date: string) => (d.allDay ? date : `${date}T${startTime}`);
  // Overrides other than plain cancellations (moves, changed titles) stay as they were.
  const otherOverrides = (stored?.overrides ?? []).filter((o) => !(o.status === 'gaat-niet-door' && !o.start && !o.end));
  const cancellations = d.cancellations
    .filter((c) => parseLocalDate(c.date))
    .map((c) => ({
      recurrenceId: slot(c.date),
      status: 'gaat-niet-door' as const,
      ...(c.reason.trim() && { statusReason: c.reason.trim() }),
    }));
  const item: Record<string, unknown> = {
    ...base,
    kind: d.kind,
    title: d.title.trim(),
    description: d.description.trim() || undefined,
    allDay: d.allDay,
    start,
    end,
    recurrence:
      rrule || stored?.recurrence?.rdates?.length
        ? {
            ...stored?.recurrence,
            rrule,
            exdates: [...new Set(d.exceptions.filter((x) => parseLocalDate(x)))].sort(),
          }
        : undefined,
    overrides: [...otherOverrides, ...cancellations],
    status: d.cancelled ? 'gaat-niet-door' : 'gaat-door',
    statusReason: d.cancelled ? d.cancelReason.trim() || undefined : undefined,
    location: d.location.trim() || undefined,
    translations: translationsOf(d, stored?.translations),
  };
  if (d.kind === 'activity') {
    const cents = parseEuros(d.amount);
    item['cost'] =
      d.cost === 'free'
        ? { kind: 'free' }
        : (d.cost === 'amount' || d.cost === 'contribution') && cents
          ? { kind: d.cost, amount: cents }
          : undefined;
    item['audience'] = d.audience;
    const capacity = Number(d.capacity.trim());
    const link = (stored as Partial<ActivityInput> | undefined)?.registration;
    const stays = link?.kind === 'link' ? link : undefined;
    item['registration'] = d.capacity.trim() && capacity > 0 ? { kind: 'capacity', capacity } : stays;
  } else {
    for (const key of [
      'category',
      'audience',
      'cost',
      'fundingNote',
      'accessibility',
      'accessibilityNote',
      'organiser',
      'hostOrganisation',
      'newcomers',
      'registration',
    ]) {
      delete item[key];
    }
  }
  // JSON has no undefined: leave those keys out, so the collector's defaults apply.
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined));
}
