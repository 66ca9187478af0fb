/** The header of `<activity-calendar>`: whether the place is open (the filters load apart: `filter-panel.ts`). */
import { html, nothing } from 'lit';
import { dayAt } from '../../activities/days.js';
import type { Formats } from './format.js';
import type { OpenState } from './open-now.js';
import type { ViewContext } from './views.js';

type L = ViewContext['l'];

/** "Nu open, vandaag tot 12.00 uur." / "Nu gesloten. Morgen open om 10.00 uur." */
export function renderOpenStatus(l: L, fmt: Formats, state: OpenState, timeZone: string) {
  let text: string;
  if (state.state === 'open') text = state.until ? l.t('openNow', { time: fmt.time(state.until) }) : l.t('openNowNoEnd');
  else if (state.state === 'closed') {
    const time = fmt.time(state.next);
    text =
      state.inDays === 0
        ? l.t('openLaterToday', { time })
        : state.inDays === 1
          ? l.t('openTomorrow', { time })
          : l.t('openOn', { day: fmt.day(dayAt(state.next, timeZone)), time });
  } else return nothing;
  return html`<p part="open-status" class="open-status ${state.state}">${text}</p>`;
}
