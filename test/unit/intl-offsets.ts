/**
 * The oracle for zone offsets: what the runtime's own Intl (ICU and its zone data, which Node and
 * Chromium each ship and update) says, with no remembering of answers. Shared by the unit tests and
 * `test/browser/zone-rule.test.ts`; no test framework here.
 */

/** A zone's offset at any instant, to the second (Intl drops milliseconds), from one formatter. */
export function intlOffsets(timeZone: string): (instant: number) => number {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    era: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (instant) => {
    const second = Math.floor(instant / 1000) * 1000;
    const p = Object.fromEntries(f.formatToParts(second).map((x) => [x.type, x.value]));
    // Not `Date.UTC`, which reads years below 100 as 19xx.
    const d = new Date(0);
    d.setUTCFullYear(p.era === 'BC' ? 1 - Number(p.year) : Number(p.year), Number(p.month) - 1, Number(p.day));
    d.setUTCHours(Number(p.hour), Number(p.minute), Number(p.second));
    return d.getTime() - second;
  };
}
