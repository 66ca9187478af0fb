import type { PluralMessage } from '../../core/localize.js';

/** Dutch texts of the week, day and month views; they load with those views (see `strings.ts`). */
export const periodNl = {
  prevWeek: 'Vorige week',
  nextWeek: 'Volgende week',
  prevMonth: 'Vorige maand',
  nextMonth: 'Volgende maand',
  prevDay: 'Vorige dag',
  nextDay: 'Volgende dag',
  todayButton: 'Vandaag',
  weekOf: 'Week van {from} tot en met {to}',
  emptyDay: 'Op deze dag is er niets.',
  /** A day of a period the collector could not give: not "nothing", but not known. */
  dayNotLoaded: 'Niet geladen.',
  dayCount: { one: '{count} activiteit', other: '{count} activiteiten' } as PluralMessage,
  /** Of a month cell's activities, how many do not take place (read by screen readers). */
  dayCancelled: { one: '{count} gaat niet door', other: '{count} gaan niet door' } as PluralMessage,
};

export type PeriodStrings = typeof periodNl;
