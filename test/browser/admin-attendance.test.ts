/**
 * "Ik kom" sign-ups on the coordinator page against the real collector process: a coordinator
 * opens an activity's sign-ups, sees the one another visitor made, removes it, and its places are
 * free again for visitors.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/admin/define.js';
import { HttpAdminApi } from '../../src/admin/shared/api.js';
import type { AdminCalendar } from '../../src/admin/calendar/calendar.js';
import { buildEnvelope } from '../../src/core/envelope.js';
import { toLocal } from '../../src/calendar/time-zone.js';
import { addDays, formatLocalDate } from '../../src/calendar/wall-clock.js';
import { API_BASE, commandFetch } from './admin-helpers.js';
import { admin, collectorInfo, postWithToken, uniqueKey, waitFor, type CollectorInfo } from './helpers.js';

let info: CollectorInfo;

describe('bk-admin-attendance', () => {
  before(async () => {
    info = await collectorInfo();
  });

  it('lists an activity\'s "ik kom" sign-ups and removes one, freeing its places', async () => {
    const title = `Samen koken ${uniqueKey()}`;
    const start = `${formatLocalDate(addDays(toLocal(Date.now(), 'Europe/Amsterdam'), 1))}T10:00`;
    const made = await admin<{ id: string; data: { id: string } }>('POST', `/v1/admin/sites/${info.site}/activities`, {
      title,
      start,
      end: start.replace('T10:00', 'T12:00'),
      registration: { kind: 'capacity', capacity: 5 },
    });
    expect(made.status).to.equal(201);
    const itemId = made.body.data.id;
    const envelope = buildEnvelope({
      site: info.site,
      widget: 'activity-calendar',
      locale: 'nl',
      data: { kind: 'attendance', activityId: itemId, occurrence: start, places: 3 },
      trap: { honeypot: '', elapsedMs: 2000 },
    });
    expect((await postWithToken(`/v1/sites/${info.site}/activities/${encodeURIComponent(itemId)}/attendance`, envelope)).status).to.equal(
      201,
    );

    const el = await fixture<AdminCalendar>(html`<bk-admin-calendar lang="nl" can-edit
      .api=${new HttpAdminApi(info.token, info.site, API_BASE, commandFetch())}></bk-admin-calendar>`);
    await waitFor(() => !el.loading && el.items !== undefined, { message: 'calendar loaded' });
    await el.updateComplete;
    const block = el.shadowRoot!.querySelector(`[data-id="${made.body.id}"] bk-admin-attendance`)!;
    expect(block, 'sign-ups block').to.exist;
    const details = block.shadowRoot!.querySelector('details')!;
    details.querySelector('summary')!.click();
    const row = (await waitFor(() => block.shadowRoot!.querySelector(`[data-claim="${envelope.id}"]`), { message: 'claim listed' }))!;
    expect(row.textContent).to.contain('3 plekken');
    await expect(el).to.be.accessible();

    row.querySelector<HTMLButtonElement>('.remove-claim')!.click();
    await waitFor(
      () => block.shadowRoot!.querySelector('[role="status"]')?.textContent === 'De aanmelding is weggehaald; de plekken zijn weer vrij.',
      {
        message: 'removed shown',
      },
    );
    expect(block.shadowRoot!.querySelector(`[data-claim="${envelope.id}"]`)).to.equal(null);
    const left = await admin<{ claims: unknown[] }>('GET', `/v1/admin/sites/${info.site}/activities/${made.body.id}/attendance`);
    expect(left.body.claims).to.deep.equal([]);
  });
});
