/**
 * The EU summer-time rule of `src/calendar/zone-rule.ts` against an oracle: the runtime's own Intl
 * by default, the tz database's source text in `zone-rule-tzdata.test.ts`. Shared by
 * `test/unit/zone-rule.test.ts` (Node) and `test/browser/zone-rule.test.ts` (Chromium). No test
 * framework here.
 */
import { RULE_YEARS, ruleOffset } from '../../src/calendar/zone-rule.js';
import { intlOffsets } from './intl-offsets.js';

const HOUR = 3_600_000;

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
