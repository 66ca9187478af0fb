/**
 * The EU summer-time rule of `zone-offset.ts` against the runtime's own Intl (ICU and its zone
 * data, which Node and Chromium each ship and update): shared by `test/unit/zone-rule.test.ts`
 * (Node) and `test/browser/zone-rule.test.ts` (Chromium). No test framework here.
 */
import { RULE_YEARS, ruleOffset } from '../../src/calendar/zone-rule.js';

const HOUR = 3_600_000;

/** The offset Intl gives, to the second, from one formatter per zone. */
export function intlOffsets(timeZone: string): (instant: number) => number {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (instant) => {
    const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - instant;
  };
}

/**
 * Where the rule and an oracle (by default the runtime's Intl) disagree for a zone: each day of
 * `RULE_YEARS`, and each hour of every switch day with the second before it.
 */
export function ruleMismatches(timeZone: string, oracle: (instant: number) => number = intlOffsets(timeZone)): string[] {
  const intl = oracle;
  const wrong: string[] = [];
  const check = (instant: number) => {
    const [rule, real] = [ruleOffset(instant, timeZone), intl(instant)];
    if (rule !== real) wrong.push(`${timeZone} ${new Date(instant).toISOString()}: rule ${rule! / HOUR} h, oracle ${real / HOUR} h`);
  };
  for (let year = RULE_YEARS[0]; year <= RULE_YEARS[1]; year++) {
    for (let day = Date.UTC(year, 0, 1); day < Date.UTC(year + 1, 0, 1); day += 24 * HOUR) check(day + HOUR / 2);
    // The switch days (the days above catch a switch on another day): each hour, and a second before.
    for (const month of [2, 9]) {
      const last = Date.UTC(year, month + 1, 0);
      const sunday = last - new Date(last).getUTCDay() * 24 * HOUR;
      for (let t = sunday - 3 * HOUR; t < sunday + 24 * HOUR; t += HOUR) {
        check(t);
        check(t - 1000);
      }
    }
  }
  return wrong;
}
