/** Registers `<activity-calendar>` (guarded: a second copy of the bundle does nothing). */
import { ActivityCalendar } from '../widgets/activity-calendar/activity-calendar.js';

ActivityCalendar.define('activity-calendar');

declare global {
  interface HTMLElementTagNameMap {
    'activity-calendar': ActivityCalendar;
  }
}
