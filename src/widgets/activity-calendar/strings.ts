/**
 * Texts of `<activity-calendar>`. Dutch is plain language (B1): short sentences, "je", times as
 * "10.00 uur". Every key can be overridden per instance (`strings`) and per locale
 * (`registerLocale`). Dutch is built in; English and Arabic load when a page asks for them, and the texts of the detail load with
 * the detail (`detail-strings.ts`), those of the week, day and month views with them
 * (`period-strings.ts`), those of the filters with the filters (`filter-strings.ts`).
 * Labels of data values are keyed `audience.*`, `access.*`, `role.*` and `category.*`; an unknown
 * value is shown as written.
 */
import type { DetailStrings } from './detail-strings.js';
import type { FilterStrings, LabelStrings } from './filter-strings.js';
import type { PeriodStrings } from './period-strings.js';

export const nl = {
  heading: 'Wat is er te doen?',
  loading: 'De agenda wordt geladen…',
  loadFailed: 'Kon de agenda niet laden. Probeer het later nog eens.',
  partFailed: 'Dit deel van de agenda kon niet laden. Kijk of je internet hebt en probeer het opnieuw.',
  empty: 'Er staat nu niets in de agenda.',
  viewsLabel: 'Weergave',
  'view.list': 'Binnenkort',
  'view.week': 'Week',
  'view.month': 'Maand',
  'view.day': 'Dag',
  upcoming: 'De komende {count} dagen',
  today: 'Vandaag',
  tomorrow: 'Morgen',
  openNow: 'Nu open, vandaag tot {time} uur.',
  openNowNoEnd: 'Nu open.',
  openLaterToday: 'Nu gesloten. Vandaag open om {time} uur.',
  openTomorrow: 'Nu gesloten. Morgen open om {time} uur.',
  openOn: 'Nu gesloten. Weer open op {day} om {time} uur.',
  openingHours: 'Open',
  filtersTitle: 'Kies wat je wilt zien',
  /** After the button while the filters are closed but on: how many choices hide activities. */
  filtersOn: '({count} gekozen)',
  allDay: 'Hele dag',
  timeRange: '{start} tot {end} uur',
  timeFrom: 'Vanaf {start} uur',
  cancelled: 'Gaat niet door',
  cancelledReason: 'Gaat niet door: {reason}',
  free: 'Gratis',
  price: 'Kosten: {amount}',
  contribution: 'Eigen bijdrage {amount}',
};

export type ListStrings = typeof nl;
/** Every key of the widget, the period views', the detail's and the filters' included. */
export type ActivityCalendarStrings = ListStrings & PeriodStrings & DetailStrings & FilterStrings & LabelStrings;

declare module '../../core/localize.js' {
  interface StringScopes {
    'activity-calendar': ActivityCalendarStrings;
  }
}
