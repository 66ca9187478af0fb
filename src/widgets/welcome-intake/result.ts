/**
 * The result screen of `<welcome-intake>`: what the place offers, today's hours, who to talk to.
 * Loaded on the last step (or once a kiosk is shown), apart from the sending half, which is in the
 * first download: without this module the visitor still gets the outcome of sending. Its Dutch
 * texts (`send-strings.ts`) and styles come along.
 */
import { html, nothing } from 'lit';
import type { LocalizeController } from '../../core/localize.js';
import { localText, type IntakeFlow } from '../../schema/welcome-intake-flow.js';
import type { IntakeResult } from './intake-sending-part.js';
import type { IntakeStrings } from './strings.js';

export { resultStyles } from './result.styles.js';
export { sendNl as resultNl } from './send-strings.js';

export function renderResult(
  l: LocalizeController<IntakeStrings>,
  flow: IntakeFlow,
  result: IntakeResult,
  contactPerson: string | undefined,
) {
  const { data } = result;
  const contact = contactPerson || localText(flow.contactPerson, l.locale);
  const note = result.delivered === 'sent' ? 'resultIntro' : result.stored ? 'resultQueued' : result.sealed ? 'storageFailed' : 'notStored';
  return html`<section part="result" class="result" aria-labelledby="result-title">
    <h3 id="result-title" class="result-title" tabindex="-1">${l.t('resultTitle')}</h3>
    <p class=${result.delivered === 'queued' && !result.stored ? 'error' : ''}>${l.t(note)}</p>
    ${
      data
        ? html`<h4>${l.t('activitiesTitle')}</h4>
          ${
            data.activities.length
              ? html`<ul part="activities" class="activities">
                ${data.activities.map(
                  (a) =>
                    html`<li><strong dir="auto">${a.title}</strong><br />${a.when}${a.location ? html` · <bdi>${a.location}</bdi>` : nothing}</li>`,
                )}
              </ul>`
              : html`<p>${l.t('noActivities')}</p>`
          }
          ${
            data.today
              ? html`<h4>${l.t('todayTitle')}</h4>
                <p class="today">
                  ${data.today.length ? data.today.map((b) => l.t('openToday', b)).join(', ') : l.t('closedToday')}
                </p>`
              : nothing
          }`
        : nothing
    }
    ${contact ? html`<h4>${l.t('contactTitle')}</h4><p class="contact" dir="auto">${contact}</p>` : nothing}
    <div part="nav" class="nav">
      <button type="button" part="button print" @click=${() => window.print()}>${l.t('print')}</button>
    </div>
  </section>`;
}
