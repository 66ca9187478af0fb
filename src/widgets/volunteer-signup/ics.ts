/**
 * The confirmation's small iCalendar writer (UTC times, so no VTIMEZONE is needed), and the
 * personal link. Loaded with the confirmation, not with the list. No DOM; unit-tested in node.
 */

/** The page address with `#bk-cancel=…`: a fragment, so the token never reaches a web server's log. */
export function manageLink(pageUrl: string, token: string): string {
  const url = new URL(pageUrl);
  url.hash = `bk-cancel=${token}`;
  return url.toString();
}

const icsText = (s: string) => s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
const icsTime = (iso: string) =>
  new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

const encoder = new TextEncoder();

/** Folds lines longer than 75 octets (RFC 5545), never inside a UTF-8 character. */
function fold(line: string): string {
  let out = '';
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (octets + size > 75) {
      out += '\r\n ';
      octets = 1;
    }
    out += ch;
    octets += size;
  }
  return out;
}

export interface IcsShift {
  shiftId: string;
  date: string;
  title: string;
  start: string;
  end: string;
}

/** A calendar file with one event per shift; `note` (the personal link) goes in each description. */
export function shiftsIcs(shifts: readonly IcsShift[], note: string, now = Date.now()): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//buurtkit//volunteer-signup//NL', 'METHOD:PUBLISH'];
  for (const s of shifts) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${s.shiftId}-${s.date}@buurtkit`,
      `DTSTAMP:${icsTime(new Date(now).toISOString())}`,
      `DTSTART:${icsTime(s.start)}`,
      `DTEND:${icsTime(s.end)}`,
      `SUMMARY:${icsText(s.title)}`,
      `DESCRIPTION:${icsText(note)}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
