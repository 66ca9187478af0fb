/**
 * The detail of one occurrence, in a native modal `<dialog>`: everything the model says, and "zet
 * in je agenda", "ik kom". A separate chunk with the ICS writer and the attendance code, loaded when a
 * visitor first opens a detail (and prefetched after the first render).
 */
import { localized } from '../../core/localized.js';
import { isolate } from '../../core/bidi.js';
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { Occurrence } from '../../schema/activity.js';
import { googleCalendarUrl, writeIcsOccurrence } from '../../activities/ics-write.js';
import { toLocal } from '../../calendar/time-zone.js';
import { trapStyles } from '../../core/form-styles.js';
import { AttendanceController, attendanceStyles, type AttendanceHost } from './attendance.js';
import { detailNl } from './detail-strings.js';
import { detailStyles } from './detail.styles.js';
import { label, labelNl } from './filter-strings.js';
import { costText } from './format.js';
import type { CalendarItem } from '../../activities/items.js';
import { textOf, timeText, type ViewContext } from './views.js';
import { itemInLanguage } from '../../schema/activity-texts.js';
import { webcalUrl } from './webcal.js';

/** The dialog's and "ik kom"'s texts (with the audience labels) and styles, for the element to add when this chunk has loaded. */
export const nl = { ...detailNl, ...labelNl };
export const sheets = [detailStyles, attendanceStyles, trapStyles];

/** A fact; its value is often text the centre wrote, so it takes its own direction. */
const row = (term: string, value: unknown) => (value ? html`<dt>${term}</dt><dd dir="auto">${value}</dd>` : nothing);

/** A `data:` link for the "zet in je agenda" download, written in the browser in the reader's language where translated. */
export function icsHref(item: CalendarItem, o: Occurrence, lang = 'nl'): string {
  return `data:text/calendar;charset=utf-8,${encodeURIComponent(writeIcsOccurrence(itemInLanguage(item, lang), o))}`;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'activiteit';

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
  const title = textOf(ctx, item, 'title', o.title) ?? '';
  const day = toLocal(Date.parse(o.start), o.timeZone);
  const when = fmt.join(fmt.day(day), timeText(ctx, o));
  const location = textOf(ctx, item, 'location', o.location);
  const roomName = o.room ?? item.room;
  const room = roomName ? localized(roomName, l.locale) : undefined;
  const place = room || location ? html`${room ?? ''}${room && location ? ', ' : ''}${location ?? ''}` : undefined;
  const organiser = [item.organiser, item.hostOrganisation].filter(Boolean).join(', ');
  const present = fmt.list(
    (item.present ?? []).map((p) => (p.name ? `${p.name} (${label(l, 'role', p.role)})` : label(l, 'role', p.role))),
  );
  const accessNote = textOf(ctx, item, 'accessibilityNote');
  const accessLabels = (item.accessibility ?? []).map((a) => label(l, 'access', a));
  const access = accessNote ? isolate((note) => fmt.list([...accessLabels, note]), accessNote) : fmt.list(accessLabels);
  const audience = fmt.list((item.audience ?? []).map((a) => label(l, 'audience', a)));
  const reg = item.registration;
  const description = textOf(ctx, item, 'description', o.description);
  const reason = textOf(ctx, item, 'statusReason', o.statusReason);
  const date = `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
  return html`<div class="detail-body">
    <h3 id="detail-title" class="detail-title ${o.status === 'gaat-niet-door' ? 'is-cancelled' : ''}" dir="auto" tabindex="-1">${title}</h3>
    ${
      o.status === 'gaat-niet-door'
        ? html`<p part="cancelled" class="cancel-note">${reason ? isolate((r) => l.t('cancelledReason', { reason: r }), reason) : l.t('cancelled')}</p>`
        : nothing
    }
    ${o.note ? html`<p dir="auto">${o.note}</p>` : nothing}
    <dl class="facts">
      ${row(l.t('when'), when)} ${row(l.t('where'), place)} ${row(
        l.t('cost'),
        costText(item.cost, fmt, (k, p) => l.t(k, p)),
      )}
      ${row(l.t('funding'), textOf(ctx, item, 'fundingNote'))} ${row(l.t('audience'), audience)} ${row(l.t('accessibility'), access)}
      ${row(l.t('organiser'), organiser)} ${row(l.t('present'), present)}
    </dl>
    ${description ? html`<p class="description" dir="auto">${description}</p>` : nothing}
    ${
      item.newcomers
        ? html`<p part="newcomers" class="newcomers">
          ${isolate((name) => l.t('newcomers', { name }), item.newcomers.contactName)} <bdi>${item.newcomers.contact ?? ''}</bdi>
          <bdi>${item.newcomers.note ?? ''}</bdi>
        </p>`
        : nothing
    }
    ${
      reg?.kind === 'link'
        ? html`<p><a part="link" href=${reg.url} target="_blank" rel="noopener">${l.t('registerLink')}</a></p>`
        : reg?.kind === 'capacity'
          ? attendance
            ? attendance.controller.render(item, o, attendance.nowMs)
            : html`<p>${l.t('capacity', { count: reg.capacity })}</p>`
          : item.kind === 'opening-hours'
            ? nothing
            : html`<p>${l.t('walkIn')}</p>`
    }
    ${item.url ? html`<p><a part="link" href=${item.url} target="_blank" rel="noopener">${l.t('moreInfo')}</a></p>` : nothing}
    <div part="add" class="add" role="group" aria-labelledby="add-title">
      <h4 id="add-title">${l.t('addToCalendar')}</h4>
      <a part="link ics-link" class="ics-link" href=${icsHref(item, o, l.locale.split('-')[0])} download=${`${slug(o.title ?? item.title)}-${date}.ics`}>${l.t('downloadIcs')}</a>
      <a part="link" class="google-link" href=${googleCalendarUrl(item, o)} target="_blank" rel="noopener">${l.t('googleCalendar')}</a>
      ${feed ? html`<a part="link subscribe" class="subscribe" href=${feed}>${l.t('subscribe')}</a>` : nothing}
    </div>
    <button type="button" part="button close" class="close" @click=${onClose}>${l.t('close')}</button>
  </div>`;
}

/** What the detail needs of the element. */
export interface DetailHost extends AttendanceHost, ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * The open detail: which occurrence the `<dialog>` (rendered by the element) shows, "ik kom" in
 * it, and the focus back on the button that opened it when it closes.
 */
export class DetailController {
  private selected: { item: CalendarItem; occurrence: Occurrence } | undefined;
  private opener: HTMLElement | undefined;
  private readonly attendance: AttendanceController;

  constructor(private readonly host: DetailHost) {
    this.attendance = new AttendanceController(host);
  }

  private get dialog() {
    return this.host.renderRoot.querySelector('dialog');
  }

  /** Show an occurrence in the dialog. */
  async open(item: CalendarItem, occurrence: Occurrence, opener: HTMLElement): Promise<void> {
    this.opener = opener;
    this.attendance.opened(item);
    this.selected = { item, occurrence };
    this.host.requestUpdate();
    await this.host.updateComplete;
    const dialog = this.dialog;
    if (dialog && !dialog.open) dialog.showModal();
    // Start on the title, so a screen reader says what opened (not "Met hoeveel mensen kom je?").
    dialog?.querySelector<HTMLElement>('#detail-title')?.focus();
  }

  /** The dialog closed: forget the occurrence and focus the button that opened it. */
  closed(): void {
    // The close event comes a task later: a detail opened again meanwhile stays.
    if (this.dialog?.open) return;
    this.selected = undefined;
    this.host.requestUpdate();
    const opener = this.opener;
    this.opener = undefined;
    // The list re-rendered meanwhile: focus the same occurrence's button again.
    const key = opener?.dataset['key'];
    void this.host.updateComplete.then(() =>
      (key ? (this.host.renderRoot.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`) ?? opener) : opener)?.focus(),
    );
  }

  /** The dialog's content; `ics` is the feed the calendar shows, offered to subscribe to. */
  render(ctx: ViewContext, nowMs: number, ics: string | undefined) {
    const s = this.selected;
    if (!s) return nothing;
    const feed = ics ? webcalUrl(ics, location.href) : undefined;
    return renderDetail(ctx, s.item, s.occurrence, feed, () => this.dialog?.close(), { controller: this.attendance, nowMs });
  }
}
