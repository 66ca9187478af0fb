/**
 * Every sending widget, audited for the intake's old gap: is a press that found no network durable
 * without any code loaded after the press? Each widget runs in a real page of this origin (an
 * iframe: its own modules and outbox). Its form is shown with what it needs to send, then the
 * network goes and every chunk on the way from the outbox to the network is unreachable; the
 * visitor presses send; the page is closed; back online, a new page of the site is opened, and
 * the submission arrives exactly once.
 *
 * Where a widget's sending part itself is a chunk (idea box, poll) and could not be fetched before
 * the press, the press is stored all the same: lazy-press-durable.test.ts. The intake has its own
 * file (welcome-intake-durable.test.ts).
 */
import { expect } from '@open-wc/testing';
import type { FeedbackPoll } from '../../src/widgets/feedback-poll/feedback-poll.js';
import type { IdeaBox } from '../../src/widgets/idea-box/idea-box.js';
import type { VolunteerSignup } from '../../src/widgets/volunteer-signup/volunteer-signup.js';
import type { ActivityCalendar } from '../../src/widgets/activity-calendar/activity-calendar.js';
import { toLocal } from '../../src/calendar/time-zone.js';
import { addDays, formatLocalDate } from '../../src/calendar/wall-clock.js';
import { CalendarObject } from './activity-calendar-helpers.js';
import {
  admin,
  blockPaths,
  collectorInfo,
  receiverLog,
  receiverUrl,
  scriptReceiver,
  setOffline,
  uniqueKey,
  waitFor,
  type CollectorInfo,
} from './helpers.js';

/** Loaded on demand between the outbox and the network. */
const AFTER_THE_PRESS = ['/src/core/outbox-delivery.ts', '/src/core/collector-guards.ts', '/src/core/render-token.ts', '/src/core/pow.ts'];

let c: CollectorInfo;
let frame: HTMLIFrameElement | undefined;

async function openPage(body: string, define: string): Promise<HTMLIFrameElement> {
  const f = document.createElement('iframe');
  f.style.cssText = 'width: 800px; height: 900px';
  f.srcdoc = `<!doctype html><html lang="nl"><head><meta charset="utf-8"></head><body>${body}<script type="module">import '/src/define/${define}.ts';</script></body></html>`;
  const loaded = new Promise((r) => f.addEventListener('load', r, { once: true }));
  document.body.append(f);
  await loaded;
  await waitFor(() => f.contentWindow!.customElements.get(define), { message: `${define} defined` });
  return f;
}

async function network(offline: boolean) {
  await setOffline(offline);
  frame?.contentWindow?.dispatchEvent(new Event(offline ? 'offline' : 'online'));
}

/** The outbox rows of one widget, straight from IndexedDB. */
async function outboxRows(widget: string): Promise<{ id: string }[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open('buurtkit');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  try {
    if (!db.objectStoreNames.contains('outbox')) return [];
    const rows = await new Promise<{ id: string; widget: string }[]>((resolve, reject) => {
      const r = db.transaction('outbox').objectStore('outbox').getAll();
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    return rows.filter((r) => r.widget === widget);
  } finally {
    db.close();
  }
}

/** Offline with nothing more to load: press, see it stored, close the page, come back online with a new one. */
async function pressOfflineThenReopen(widget: string, press: () => Promise<void>, reopen: () => Promise<HTMLIFrameElement>) {
  await blockPaths(AFTER_THE_PRESS);
  await network(true);
  await press();
  await waitFor(async () => (await outboxRows(widget)).length === 1, { message: `the ${widget} press stored` });
  frame!.remove();
  await blockPaths([]);
  await network(false);
  frame = await reopen();
  await waitFor(async () => (await outboxRows(widget)).length === 0, { timeout: 15_000, message: 'an empty outbox' });
}

const tomorrow = () => formatLocalDate(addDays(toLocal(Date.now(), 'Europe/Amsterdam'), 1));

describe('every sending widget: a press offline survives closing the page', () => {
  before(async () => {
    c = await collectorInfo();
  });
  afterEach(async () => {
    frame?.remove();
    frame = undefined;
    await blockPaths([]);
    await setOffline(false);
  });

  it('<idea-box>', async () => {
    const key = uniqueKey('audit-idea');
    await scriptReceiver(key, [{ status: 200 }]);
    const page = async () =>
      openPage(`<idea-box endpoint="${await receiverUrl()}/json/${key}" site="de-linde" endpoint-type="webhook"></idea-box>`, 'idea-box');
    frame = await page();
    const el = frame.contentDocument!.querySelector('idea-box') as IdeaBox;
    await waitFor(() => el.send, { message: 'the sending part, fetched when the form shows' });
    const text = `Een buurtmoestuin ${key}`;
    await pressOfflineThenReopen(
      'idea-box',
      async () => {
        const area = el.shadowRoot!.querySelector<HTMLTextAreaElement>('#idea')!;
        area.value = text;
        area.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        await el.updateComplete;
        el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
        await waitFor(() => el.phase === 'queued', { message: 'queued' });
      },
      page,
    );
    const log = await receiverLog(key);
    expect(log).to.have.length(1);
    expect(JSON.parse(log[0]!.body).data.text).to.equal(text);
  });

  it('<feedback-poll>', async () => {
    const key = uniqueKey('audit-poll');
    await scriptReceiver(key, [{ status: 200 }]);
    const page = async () => {
      const f = await openPage(
        `<feedback-poll endpoint="${await receiverUrl()}/json/${key}" site="de-linde" endpoint-type="webhook"></feedback-poll>`,
        'feedback-poll',
      );
      const el = f.contentDocument!.querySelector('feedback-poll') as FeedbackPoll;
      el.poll = { id: `audit-${key}`, kind: 'yes-no', question: 'Was het gezellig?' } as unknown as FeedbackPoll['poll'];
      return f;
    };
    frame = await page();
    const el = frame.contentDocument!.querySelector('feedback-poll') as FeedbackPoll;
    await waitFor(() => el.phase === 'form' && el.send, { message: 'the form and its sending part' });
    await pressOfflineThenReopen(
      'feedback-poll',
      async () => {
        [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="answer"]')]
          .find((b) => b.textContent!.includes('Een beetje'))!
          .click();
        await waitFor(() => el.phase === 'queued', { message: 'queued' });
      },
      page,
    );
    const log = await receiverLog(key);
    expect(log).to.have.length(1);
    expect(JSON.parse(log[0]!.body).data).to.deep.include({ kind: 'poll-response', answer: 'een-beetje' });
  });

  it('<volunteer-signup>', async () => {
    const date = tomorrow();
    const role = await admin<{ id: string }>('POST', `/v1/admin/sites/${c.site}/volunteer/roles`, {
      name: `Rol ${uniqueKey()}`,
      whatYouDo: 'Je zet koffie.',
      notAsked: 'Geen hulpverlening.',
    });
    const shift = await admin<{ id: string }>('POST', `/v1/admin/sites/${c.site}/volunteer/shifts`, {
      roleId: role.body.id,
      start: `${date}T09:45`,
      end: `${date}T12:15`,
      capacity: 3,
    });
    expect(shift.status).to.equal(201);
    const page = () => openPage(`<volunteer-signup endpoint="${c.url}" site="${c.site}" lang="nl"></volunteer-signup>`, 'volunteer-signup');
    frame = await page();
    const el = frame.contentDocument!.querySelector('volunteer-signup') as VolunteerSignup;
    const $ = <E extends HTMLElement>(s: string) => el.shadowRoot!.querySelector<E>(s);
    await waitFor(() => $(`input[id^="s-${shift.body.id}"]`) && $('#firstName'), { message: 'the shift and the form' });
    const name = `Audit${Date.now().toString(36)}`;
    await pressOfflineThenReopen(
      'volunteer-signup',
      async () => {
        $<HTMLInputElement>(`input[id^="s-${shift.body.id}"]`)!.click();
        for (const [id, value] of [
          ['firstName', name],
          ['contact', '06 1122 3344'],
        ]) {
          const input = $<HTMLInputElement>(`#${id}`)!;
          input.value = value!;
          input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        }
        await el.updateComplete;
        $<HTMLButtonElement>('button[type="submit"]')!.click();
        await waitFor(
          () =>
            $('[part="status"]')!.textContent!.includes(
              'Je aanmelding staat veilig op deze telefoon of computer. We laten weten of er plek is.',
            ),
          { message: 'queued' },
        );
      },
      page,
    );
    await waitFor(
      async () => {
        const list = await admin<{ signups: { firstName: string }[] }>(
          'GET',
          `/v1/admin/sites/${c.site}/volunteer/signups?from=${date}&to=${date}`,
        );
        return list.body.signups.filter((s) => s.firstName === name).length === 1;
      },
      { message: 'the sign-up at the collector, once' },
    );
  });

  it('<activity-calendar> "ik kom"', async () => {
    const title = `Samen koken ${uniqueKey()}`;
    const start = `${tomorrow()}T10:00`;
    const made = await admin('POST', `/v1/admin/sites/${c.site}/activities`, {
      title,
      start,
      end: start.replace('T10:00', 'T12:00'),
      registration: { kind: 'capacity', capacity: 3 },
    });
    expect(made.status).to.equal(201);
    const page = () =>
      openPage(`<activity-calendar endpoint="${c.url}" site="${c.site}" lang="nl"></activity-calendar>`, 'activity-calendar');
    const detail = async (f: HTMLIFrameElement) => {
      const po = new CalendarObject(f.contentDocument!.querySelector('activity-calendar') as ActivityCalendar);
      await po.ready();
      await waitFor(() => po.$$('[part~="event"]').some((li) => li.textContent!.includes(title)), { message: 'the activity' });
      await po.openEvent(title);
      return po;
    };
    frame = await page();
    const po = await detail(frame);
    await waitFor(() => po.text('[part~="places"]') === 'Nog 3 plekken vrij.', { message: 'places shown' });
    await pressOfflineThenReopen(
      'activity-calendar',
      async () => {
        po.$<HTMLButtonElement>('[part~="attend"]')!.click();
        await waitFor(() => po.text('[part~="attend-status"]').includes('Je aanmelding staat veilig op deze telefoon of computer.'), {
          message: 'queued',
        });
      },
      page,
    );
    // One place counted, not two.
    const seen = await detail(frame!);
    await waitFor(() => seen.text('[part~="places"]') === 'Nog 2 plekken vrij.', { message: 'one place taken' });
  });
});
