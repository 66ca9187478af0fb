/**
 * "Ik kom" in the detail dialog: places left, a button with an optional count, and an
 * honest outcome. Part of the lazy detail chunk, so the list view does not carry it.
 *
 * The envelope goes through the page's outbox like every submission: offline it is kept and
 * sent later ("bewaard"); a later "vol" is shown when it comes. This browser remembers what it
 * said per occurrence (localStorage, nothing personal: ids and a count), to show "je komt".
 */
import { css, html, nothing, type ReactiveController } from 'lit';
import { buildEnvelope } from '../../core/envelope.js';
import { DeliveryController, type DeliveryHost, type DeliveryResult } from '../../core/delivery.js';
import { canRead, renderTokenUrl, JSON_TYPE, type OutboxRequest, type ResolvedEndpoint } from '../../core/endpoint.js';
import type { LocalizeController } from '../../core/localize.js';
import { sharedOutbox, type OutboxEvent } from '../../core/outbox.js';
import type { EnvelopeBase } from '../../schema/envelope.js';
import type { AttendancePayload, Occurrence } from '../../schema/activity.js';
import { DEFAULT_ATTENDANCE_PLACES_PER_REQUEST } from '../../calendar/constants.js';
import type { CalendarItem } from '../../activities/items.js';
import type { ActivityCalendarStrings } from './strings.js';

/** What this browser said for one occurrence. */
export type AttendanceState = 'sending' | 'sent' | 'queued' | 'full' | 'closed' | 'failed' | 'not-connected';
interface Said {
  state: AttendanceState;
  places: number;
  /** The envelope id, to hear the outbox's late answer after a reload. */
  id: string;
}

export interface AttendanceHost extends DeliveryHost {
  readonly resolvedEndpoint: ResolvedEndpoint | undefined;
  readonly l: LocalizeController<ActivityCalendarStrings>;
  /** True when the items come from the collector, which counts places (not inline JSON, ICS or a webhook). */
  readonly countsPlaces: boolean;
  /** Places left as the collector last said; undefined when it counted none yet. */
  placesLeft(itemId: string, recurrenceId: string): number | undefined;
  /** Ask the collector again for places left (after an answer changed them). */
  refreshPlaces(): void;
}

const STORAGE_PREFIX = 'buurtkit:ik-kom:';
const keyOf = (itemId: string, recurrenceId: string) => `${itemId}|${recurrenceId}`;

/**
 * Outbox answers: 409 vol, 410 cancelled or over, a refusal of this page (unknown site, website not
 * allowed) "not connected"; anything else refused is a plain failure.
 */
export function stateOf(result: DeliveryResult): AttendanceState {
  if (result.state === 'sent') return 'sent';
  if (result.state === 'queued') return 'queued';
  return result.state === 'failed' ? refusedState(result.status, result.notConnected) : 'failed';
}

const refusedState = (status: number, notConnected: unknown): AttendanceState =>
  notConnected ? 'not-connected' : status === 409 ? 'full' : status === 410 ? 'closed' : 'failed';

/** The request that posts an "ik kom" envelope to the collector. */
export function attendanceRequest(cfg: ResolvedEndpoint, itemId: string, envelope: object): OutboxRequest {
  const base = `${cfg.endpoint.replace(/\/+$/, '')}/v1/sites/${encodeURIComponent(cfg.site)}`;
  return {
    url: `${base}/activities/${encodeURIComponent(itemId)}/attendance`,
    method: 'POST',
    contentType: JSON_TYPE,
    body: JSON.stringify(envelope),
    mode: 'cors',
    // A render token, as for submissions: the collector refuses "ik kom" without one.
    tokenUrl: renderTokenUrl(cfg),
  };
}

/** The block's styles travel with this chunk; the list view never needs them. */
export const attendanceStyles = css`
  .attendance {
    padding: 0.5em 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .attendance > * + * {
    margin-block-start: 0.5em;
  }
  .places {
    font-weight: 600;
  }
  .places.is-full,
  .attend-status[data-state='full'],
  .attend-status[data-state='failed'],
  .attend-status[data-state='not-connected'],
  .attend-status[data-state='closed'] {
    color: var(--_danger);
  }
  .attend-form {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  .attend-form select {
    min-block-size: var(--_touch);
    min-inline-size: 4em;
    font: inherit;
  }
  .attend-status:empty {
    display: none;
  }
`;

export class AttendanceController implements ReactiveController {
  private readonly delivery: DeliveryController;
  private said: Record<string, Said> | undefined;
  private saidSite = '';
  private openedAt = performance.now();
  private honeypot = '';
  private count = 1;

  constructor(private readonly host: AttendanceHost) {
    host.addController(this);
    this.delivery = new DeliveryController(host, (envelope, result) => this.settle(envelope, result));
    this.listen();
    void this.reconcile();
  }

  hostConnected() {
    this.listen();
  }

  hostDisconnected() {
    (this.host.outbox ?? sharedOutbox()).removeEventListener('outcome', this.onOutcome);
  }

  /** Late answers for what an earlier page queued (this page's own go through `delivery`). */
  private listen() {
    const outbox = this.host.outbox ?? sharedOutbox();
    outbox.removeEventListener('outcome', this.onOutcome);
    outbox.addEventListener('outcome', this.onOutcome);
  }

  private readonly onOutcome = (e: Event) => {
    const outcome = (e as OutboxEvent).outcome;
    if (outcome.kind === 'retrying') return;
    const memory = this.memory();
    const key = Object.keys(memory).find((k) => memory[k]!.id === outcome.id && memory[k]!.state === 'queued');
    if (!key) return;
    const state = outcome.kind === 'delivered' ? 'sent' : refusedState(outcome.status, outcome.notConnected);
    this.remember(key, { ...memory[key]!, state });
  };

  /**
   * An "ik kom" an earlier page left queued may have been answered while no page listened. When
   * the outbox no longer holds it, ask again with the same id: the collector answers "counted"
   * (a duplicate) or "vol", so the state shown is the true one.
   */
  private async reconcile() {
    const queued = Object.entries(this.memory()).filter(([, s]) => s.state === 'queued');
    if (!queued.length) return;
    const waiting = new Set((await (this.host.outbox ?? sharedOutbox()).items()).map((i) => i.id));
    for (const [key, said] of queued) {
      if (waiting.has(said.id)) continue;
      const cut = key.lastIndexOf('|');
      void this.send(key.slice(0, cut), key.slice(cut + 1), said);
    }
  }

  /** A new detail was opened: fresh timing for the trap, count back to 1. */
  opened(item: CalendarItem) {
    this.openedAt = performance.now();
    this.honeypot = '';
    this.count = 1;
    // The render token is fetched now, as forms do when they show: the collector accepts a token
    // only 2 s after making it, so fetching it at the press would make every "ik kom" wait that long.
    const cfg = this.host.resolvedEndpoint;
    if (cfg && canRead(cfg) && this.host.countsPlaces && item.registration?.kind === 'capacity') {
      const url = renderTokenUrl(cfg);
      import('../../core/render-token.js').then(
        (m) => m.prefetchRenderToken(url),
        () => undefined,
      );
    }
  }

  private memory(): Record<string, Said> {
    const site = this.host.resolvedEndpoint?.site ?? '';
    if (this.said && this.saidSite === site) return this.said;
    this.saidSite = site;
    try {
      this.said = JSON.parse(localStorage.getItem(STORAGE_PREFIX + site) ?? '{}') as Record<string, Said>;
    } catch {
      this.said = {};
    }
    return this.said;
  }

  private remember(key: string, said: Said) {
    const memory = { ...this.memory(), [key]: said };
    this.said = memory;
    // Only what lasts is kept; a storage failure (private mode, quota) only costs the memory.
    const lasting = Object.fromEntries(
      Object.entries(memory).filter(([, s]) => s.state !== 'sending' && s.state !== 'failed' && s.state !== 'not-connected'),
    );
    try {
      localStorage.setItem(STORAGE_PREFIX + this.saidSite, JSON.stringify(lasting));
    } catch {
      /* kept in memory for this page */
    }
    this.host.requestUpdate();
    if (said.state === 'sent' || said.state === 'full') this.host.refreshPlaces();
  }

  private settle(envelope: EnvelopeBase, result: DeliveryResult) {
    if (result.state === 'cancelled') return;
    const data = envelope.data as unknown as AttendancePayload;
    this.remember(keyOf(data.activityId, data.occurrence), { state: stateOf(result), places: data.places, id: envelope.id });
  }

  /** Says "ik kom" for an occurrence; `again` repeats an earlier one with its id and count. */
  async send(itemId: string, recurrenceId: string, again?: Said): Promise<void> {
    const cfg = this.host.resolvedEndpoint;
    if (!cfg || !canRead(cfg) || (!again && !this.host.countsPlaces)) return;
    const key = keyOf(itemId, recurrenceId);
    const data: AttendancePayload = {
      kind: 'attendance',
      activityId: itemId,
      occurrence: recurrenceId,
      places: again?.places ?? this.count,
    };
    const envelope = buildEnvelope({
      ...(again && { id: again.id }),
      site: cfg.site,
      widget: 'activity-calendar',
      locale: this.host.l.locale,
      data,
      trap: { honeypot: this.honeypot, elapsedMs: Math.max(0, Math.round(performance.now() - this.openedAt)) },
    });
    this.remember(key, { state: 'sending', places: data.places, id: envelope.id });
    const result = await this.delivery.deliver(envelope as unknown as EnvelopeBase, attendanceRequest(cfg, itemId, envelope));
    if (result.state === 'cancelled') {
      const { [key]: _dropped, ...rest } = this.memory();
      this.said = rest;
      this.host.requestUpdate();
      return;
    }
    this.settle(envelope as unknown as EnvelopeBase, result);
  }

  /** The "ik kom" block of the detail; nothing without a capacity or a collector to count. */
  render(item: CalendarItem, o: Occurrence, nowMs: number) {
    const reg = item.registration;
    if (reg?.kind !== 'capacity') return nothing;
    const l = this.host.l;
    // Webhook mode, inline JSON or an ICS feed: nothing counts places, so no button.
    if (!this.host.countsPlaces) return html`<p>${l.t('capacity', { count: reg.capacity })}</p>`;
    const said = this.memory()[keyOf(item.id, o.recurrenceId)];
    const left = Math.max(0, this.host.placesLeft(item.id, o.recurrenceId) ?? reg.capacity);
    const over = Date.parse(o.end ?? o.start) <= nowMs;
    const open = o.status !== 'gaat-niet-door' && !over;
    const canAsk = open && left > 0 && (!said || said.state === 'failed' || said.state === 'full' || said.state === 'closed');
    const most = Math.min(reg.maxPlaces ?? DEFAULT_ATTENDANCE_PLACES_PER_REQUEST, left);
    if (this.count > most) this.count = Math.max(1, most);
    const outcome = said ? l.t(`attend.${said.state}`, { count: said.places }) : '';
    return html`<div part="attendance" class="attendance" role="group" aria-labelledby="attend-title">
      <h4 id="attend-title">${l.t('attend.title')}</h4>
      ${open ? html`<p part="places" class="places ${left ? '' : 'is-full'}">${left ? l.t('attend.left', { count: left }) : l.t('attend.none')}</p>` : nothing}
      ${
        canAsk
          ? html`<form class="attend-form" @submit=${(e: Event) => (e.preventDefault(), void this.send(item.id, o.recurrenceId))}>
            <label for="attend-count">${l.t('attend.countLabel')}</label>
            <select id="attend-count" part="select" .value=${String(this.count)} @change=${(e: Event) => (this.count = Number((e.target as HTMLSelectElement).value))}>
              ${Array.from({ length: most }, (_, n) => html`<option value=${n + 1} ?selected=${n + 1 === this.count}>${n + 1}</option>`)}
            </select>
            <div class="trap" aria-hidden="true" inert>
              <label for="attend-website">Website</label>
              <input id="attend-website" tabindex="-1" autocomplete="off" @input=${(e: Event) => (this.honeypot = (e.target as HTMLInputElement).value)} />
            </div>
            <button type="submit" part="button attend" class="attend">${l.t('attend.button')}</button>
          </form>`
          : nothing
      }
      <p part="attend-status" class="attend-status" data-state=${said?.state ?? ''} role="status" aria-live="polite">${outcome}</p>
    </div>`;
  }
}
