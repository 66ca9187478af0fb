import { css, html, nothing, type PropertyDeclarations } from 'lit';
import { AdminElement } from '../shared/admin-element.js';
import { adminStyles } from '../shared/admin.styles.js';
import { AdminApiError, type AttendanceClaim, type CalendarApi } from '../shared/api.js';

declare global {
  interface HTMLElementTagNameMap {
    'bk-admin-attendance': AdminAttendance;
  }
}

/**
 * The "ik kom" sign-ups of one activity on the coordinator page: loaded when opened, each with its
 * session, places and when it came (nothing else is stored: they are anonymous). With `moderate`
 * a sign-up that looks wrong (a burst that took the last places) can be removed; its places are
 * free again at once.
 *
 * @summary "Ik kom" sign-ups of one activity.
 */
export class AdminAttendance extends AdminElement {
  static override styles = [
    adminStyles,
    css`
      ul {
        list-style: none;
        padding: 0;
        margin: 0.25em 0;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
        align-items: center;
        padding-block: 0.25em;
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    api: { attribute: false },
    activityId: { attribute: 'activity-id' },
    canEdit: { type: Boolean, attribute: 'can-edit' },
    claims: { state: true },
    message: { state: true },
    failed: { state: true },
  };

  declare api: CalendarApi | undefined;
  declare activityId: string;
  declare canEdit: boolean;
  declare claims: AttendanceClaim[] | undefined;
  declare message: string;
  declare failed: boolean;

  constructor() {
    super();
    this.canEdit = false;
    this.message = '';
    this.failed = false;
  }

  private reason(error: unknown): string {
    const err = error as AdminApiError;
    return err instanceof AdminApiError && err.status === 0 ? this.l.t('networkError') : (err as Error).message;
  }

  private async load(): Promise<void> {
    if (!this.api || this.claims) return;
    try {
      this.claims = await this.api.listAttendanceClaims(this.activityId);
      this.failed = false;
      this.message = '';
    } catch (error) {
      this.failed = true;
      this.message = this.l.t('attendanceLoadFailed', { message: this.reason(error) });
    }
  }

  private async removeClaim(claim: AttendanceClaim): Promise<void> {
    if (!this.api) return;
    try {
      await this.api.removeAttendanceClaim(claim.id);
      this.claims = this.claims?.filter((c) => c.id !== claim.id);
      this.failed = false;
      this.message = this.l.t('attendanceRemoved');
    } catch (error) {
      this.failed = true;
      this.message = this.l.t('attendanceRemoveFailed', { message: this.reason(error) });
    }
  }

  override render() {
    const l = this.l;
    const item = (c: AttendanceClaim) => {
      const date = this.formatDate(c.occurrence);
      const places = l.t('placesBadge', { count: c.places });
      return html`<li data-claim=${c.id}>
        <span>${l.t('attendanceClaim', { date, places, at: this.formatDate(c.createdAt) })}</span>
        ${
          this.canEdit
            ? html`<button type="button" class="remove-claim" aria-label=${l.t('attendanceRemoveTitle', { date, places })}
              @click=${() => this.removeClaim(c)}>${l.t('attendanceRemove')}</button>`
            : nothing
        }
      </li>`;
    };
    return html`<details @toggle=${(e: Event) => (e.target as HTMLDetailsElement).open && this.load()}>
      <summary>${l.t('attendanceShow')}</summary>
      <p class="status" data-tone=${this.failed ? 'error' : 'success'} role=${this.failed ? 'alert' : 'status'}>${this.message}</p>
      ${this.claims ? (this.claims.length ? html`<ul>${this.claims.map(item)}</ul>` : html`<p>${l.t('attendanceNone')}</p>`) : nothing}
    </details>`;
  }
}
