/** The calendar's cost line; dates, times and money come from the shared formatter. */
import type { Cost } from '../../schema/activity.js';
import type { Formats } from '../../core/formats.js';

export { Formats } from '../../core/formats.js';

/** The cost line: "Gratis", "Kosten: € 5", "Eigen bijdrage € 3". */
export function costText(
  cost: Cost | undefined,
  fmt: Formats,
  t: (key: 'free' | 'price' | 'contribution', p?: Record<string, unknown>) => string,
): string | undefined {
  if (!cost) return undefined;
  if (cost.kind === 'free') return t('free');
  return t(cost.kind === 'amount' ? 'price' : 'contribution', { amount: fmt.money(cost.amount) });
}
