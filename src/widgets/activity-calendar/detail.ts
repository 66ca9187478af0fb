/**
 * The detail of one occurrence, in a native modal `<dialog>`: everything the model says, and "zet
 * in je agenda", "ik kom". A separate chunk with the ICS writer and the attendance code, loaded when a
 * visitor first opens a detail.
 */
import { html, nothing } from 'lit';
import type { Occurrence } from '../../schema/activity.js';
import { googleCalendarUrl, writeIcsOccurrence } from '../../calendar/ics-write.js';
import { toLocal } from '../../calendar/time-zone.js';
import { attendanceStyles, type AttendanceController } from './attendance.js';
import { detailStyles } from './detail.styles.js';
import { costText } from './format.js';
import type { CalendarItem } from './items.js';
import { label, timeText, type ViewContext } from './views.js';

export { detailNl } from './detail-strings.js';
export { AttendanceController } from './attendance.js';

/** The dialog's and "ik kom"'s styles, for the host to adopt when this chunk has loaded. */
export const detailSheets = [detailStyles, attendanceStyles];

const row = (term: string, value: unknown) => (value ? html`<dt>${term}</dt><dd>${value}</dd>` : nothing);

/** A `data:` link for the "zet in je agenda" download, written in the browser. */
export function icsHref(item: CalendarItem, o: Occurrence): string {
  return `data:text/calendar;charset=utf-8,${encodeURIComponent(writeIcsOccurrence(item, o))}`;
}

const slug = (text: string) => text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'activiteit';

/** `attendance`: the "ik kom" block for items with a capacity (absent: the plain capacity text). */
export function renderDetail(
  ctx: ViewContext,
  item: CalendarItem,
  o: Occurrence,
  feed: string | undefined,
  onClose: () => void,
  attendance?: { controller: AttendanceController; nowMs: number },
) {
  const { l, fmt } = ctx;
  const title = o.title ?? item.title;
  const day = toLocal(Date.parse(o.start), o.timeZone);
  const when = `${fmt.day(day)}, ${timeText(ctx, o)}`;
  const place = [o.room ?? item.room, o.location ?? item.location].filter(Boolean).join(', ');
  const organiser = [item.organiser, item.hostOrganisation].filter(Boolean).join(', ');
  const present = (item.present ?? []).map((p) => (p.name ? `${p.name} (${label(l, 'role', p.role)})` : label(l, 'role', p.role))).join(', ');
  const access = [...(item.accessibility ?? []).map((a) => label(l, 'access', a)), item.accessibilityNote].filter(Boolean).join(', ');
  const audience = (item.audience ?? []).map((a) => label(l, 'audience', a)).join(', ');
  const reg = item.registration;
  const description = o.description ?? item.description;
  const date = `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
  return html`<div class="detail-body">
    <h3 id="detail-title" class="detail-title ${o.status === 'gaat-niet-door' ? 'is-cancelled' : ''}">${title}</h3>
    ${o.status === 'gaat-niet-door'
      ? html`<p part="cancelled" class="cancel-note">${o.statusReason ? l.t('cancelledReason', { reason: o.statusReason }) : l.t('cancelled')}</p>`
      : nothing}
    ${o.note ? html`<p>${o.note}</p>` : nothing}
    <dl class="facts">
      ${row(l.t('when'), when)} ${row(l.t('where'), place)} ${row(l.t('cost'), costText(item.cost, fmt, (k, p) => l.t(k, p)))}
      ${row(l.t('funding'), item.fundingNote)} ${row(l.t('audience'), audience)} ${row(l.t('accessibility'), access)}
      ${row(l.t('organiser'), organiser)} ${row(l.t('present'), present)}
    </dl>
    ${description ? html`<p class="description">${description}</p>` : nothing}
    ${item.newcomers
      ? html`<p part="newcomers" class="newcomers">
          ${l.t('newcomers', { name: item.newcomers.contactName })} ${item.newcomers.contact ?? ''} ${item.newcomers.note ?? ''}
        </p>`
      : nothing}
    ${reg?.kind === 'link'
      ? html`<p><a part="link" href=${reg.url} target="_blank" rel="noopener">${l.t('registerLink')}</a></p>`
      : reg?.kind === 'capacity'
        ? attendance
          ? attendance.controller.render(item, o, attendance.nowMs)
          : html`<p>${l.t('capacity', { count: reg.capacity })}</p>`
        : item.kind === 'opening-hours'
          ? nothing
          : html`<p>${l.t('walkIn')}</p>`}
    ${item.url ? html`<p><a part="link" href=${item.url} target="_blank" rel="noopener">${l.t('moreInfo')}</a></p>` : nothing}
    <div part="add" class="add" role="group" aria-labelledby="add-title">
      <h4 id="add-title">${l.t('addToCalendar')}</h4>
      <a part="link ics-link" class="ics-link" href=${icsHref(item, o)} download=${`${slug(title)}-${date}.ics`}>${l.t('downloadIcs')}</a>
      <a part="link" class="google-link" href=${googleCalendarUrl(item, o)} target="_blank" rel="noopener">${l.t('googleCalendar')}</a>
      ${feed ? html`<a part="link subscribe" class="subscribe" href=${feed}>${l.t('subscribe')}</a>` : nothing}
    </div>
    <button type="button" part="button close" class="close" @click=${onClose}>${l.t('close')}</button>
  </div>`;
}
