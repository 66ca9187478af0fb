/**
 * Local wall-clock time of an instant in a site's zone, fast enough for a million rows: the
 * zone's offset is looked up once per 15-minute bucket.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
/** Zone offsets per 15-minute bucket of UTC time, per zone; bounded, cleared when full. */
const offsets = new Map<string, Map<number, number>>();
const BUCKET_MS = 15 * 60 * 1000;
const MAX_CACHED_BUCKETS = 50_000;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The zone's offset from UTC at `ms`, in ms. `formatToParts` costs microseconds, which adds up to
 * seconds over a million rows, so the offset is computed once per 15-minute bucket: zone
 * transitions happen on quarter hours (all tzdata rules since 1970), so a bucket has one offset.
 */
function offsetAt(ms: number, timeZone: string): number {
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  const bucket = Math.floor(ms / BUCKET_MS);
  let offset = zone.get(bucket);
  if (offset === undefined) {
    const start = bucket * BUCKET_MS;
    const p = Object.fromEntries(
      formatterFor(timeZone)
        .formatToParts(new Date(start))
        .map((x) => [x.type, x.value]),
    );
    const local = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
    offset = local - start;
    if (zone.size >= MAX_CACHED_BUCKETS) zone.clear();
    zone.set(bucket, offset);
  }
  return offset;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The minute of the last instant read (`YYYY-MM-DDTHH:MM:`), its start and its zone's offset. */
const lastMinute = { prefix: '', timeZone: '', startMs: 0, offsetMs: 0 };

const digit = (text: string, at: number) => {
  const d = text.charCodeAt(at) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
};

/** The wall-clock time in the zone, as milliseconds read as UTC; null when there is none. */
export function localDateTimeMs(iso: string | null, timeZone: string): number | null {
  if (!iso) return null;
  // Instants come as `Date#toISOString()`, and an export's rows in time order: one that shares
  // its minute with the one before only needs its seconds read (Date.parse and the offset lookup
  // per cell were a tenth of a million-row CSV export).
  const canonical = iso.length === 24 && iso[16] === ':' && iso[19] === '.' && iso[23] === 'Z';
  if (canonical && timeZone === lastMinute.timeZone && iso.startsWith(lastMinute.prefix)) {
    const seconds = digit(iso, 17) * 10 + digit(iso, 18);
    const millis = digit(iso, 20) * 100 + digit(iso, 21) * 10 + digit(iso, 22);
    if (seconds < 60 && millis >= 0) return lastMinute.startMs + seconds * 1000 + millis + lastMinute.offsetMs;
  }
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const offsetMs = offsetAt(ms, timeZone);
  if (canonical) {
    // Offsets change on quarter hours, so the whole minute has this one.
    Object.assign(lastMinute, { prefix: iso.slice(0, 17), timeZone, startMs: Math.floor(ms / 60_000) * 60_000, offsetMs });
  }
  return ms + offsetMs;
}

/** `YYYY-MM-DD HH:mm` in the given zone: unambiguous, sortable, and read as a date by Excel. */
export function formatLocalDateTime(iso: string | null, timeZone: string): string {
  const ms = localDateTimeMs(iso, timeZone);
  if (ms === null) return '';
  const local = new Date(ms);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}
