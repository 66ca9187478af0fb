/**
 * Texts a centre enters, on an Arabic page: a poll, a volunteer role and an activity stored with their Arabic
 * (through the real collector's coordinator routes) are shown in Arabic; a text without Arabic is
 * shown in Dutch and marked `lang="nl"`, so a screen reader reads it as Dutch.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define/feedback-poll.js';
import '../../src/define/volunteer-signup.js';
import '../../src/define/activity-calendar.js';
import type { FeedbackPoll } from '../../src/widgets/feedback-poll/feedback-poll.js';
import type { VolunteerSignup } from '../../src/widgets/volunteer-signup/volunteer-signup.js';
import { admin, collectorInfo, uniqueKey, waitFor, type CollectorInfo } from './helpers.js';

let c: CollectorInfo;
const dayAhead = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(Date.now() + days * 86_400_000);

/** A host page in Arabic, written here: the widgets take its language from the ancestor. */
async function arabicPage(markup: string): Promise<HTMLElement> {
  const page = await fixture<HTMLDivElement>(html`<div lang="ar" dir="rtl"></div>`);
  page.innerHTML = `<main><h1>مركز الحي</h1>${markup}</main>`;
  return page;
}

describe('content in the reader’s language', () => {
  before(async () => {
    c = await collectorInfo();
  });

  it('shows the built-in poll question, a choice poll and a volunteer role in Arabic on an Arabic page', async () => {
    const choiceId = uniqueKey('lang').toLowerCase();
    const stored = await admin('PUT', `/v1/admin/sites/${c.site}/polls/${choiceId}`, {
      kind: 'choice',
      question: { nl: 'Wat drink je het liefst?', en: 'What do you like to drink?', ar: 'ماذا تحب أن تشرب؟' },
      // One choice with its Arabic, one without: that one stays Dutch, marked as such.
      options: [
        { value: 'thee', label: { nl: 'Thee', ar: 'شاي' } },
        { value: 'koffie', label: 'Koffie' },
      ],
    });
    expect(stored.status).to.equal(200);
    const role = await admin<{ id: string }>('POST', `/v1/admin/sites/${c.site}/volunteer/roles`, {
      name: { nl: `Gastvrouw of gastheer ${uniqueKey()}`, en: 'Host of the day', ar: 'مضيف أو مضيفة اليوم' },
      whatYouDo: { nl: 'Je zet koffie en maakt een praatje.', ar: 'تُعدّ القهوة وتتحدث مع الزوار.' },
    });
    expect(role.status).to.equal(201);
    const date = dayAhead(4);
    const shift = await admin<{ id: string }>('POST', `/v1/admin/sites/${c.site}/volunteer/shifts`, {
      roleId: role.body.id,
      start: `${date}T09:45`,
      end: `${date}T12:15`,
      capacity: 2,
    });
    expect(shift.status).to.equal(201);
    // A shift with its own title: one in Arabic, one with only English (shown in Dutch, marked).
    const soup = await admin<{ id: string }>('POST', `/v1/admin/sites/${c.site}/volunteer/shifts`, {
      roleId: role.body.id,
      title: { nl: 'Soep koken', ar: 'طبخ الحساء' },
      start: `${date}T13:00`,
      end: `${date}T14:00`,
      capacity: 1,
    });
    const dishes = await admin<{ id: string }>('POST', `/v1/admin/sites/${c.site}/volunteer/shifts`, {
      roleId: role.body.id,
      title: { nl: 'Afwassen', en: 'Washing up' },
      start: `${date}T14:00`,
      end: `${date}T15:00`,
      capacity: 1,
    });
    expect([soup.status, dishes.status]).to.deep.equal([201, 201]);

    const page = await arabicPage(
      `<feedback-poll id="welkom" endpoint="${c.url}" site="${c.site}" poll-id="welkom"></feedback-poll>` +
        `<feedback-poll id="keuze" endpoint="${c.url}" site="${c.site}" poll-id="${choiceId}"></feedback-poll>` +
        `<volunteer-signup endpoint="${c.url}" site="${c.site}"></volunteer-signup>`,
    );
    const welkom = page.querySelector<FeedbackPoll>('#welkom')!;
    const keuze = page.querySelector<FeedbackPoll>('#keuze')!;
    const volunteers = page.querySelector<VolunteerSignup>('volunteer-signup')!;
    const shadow = (el: Element) => el.shadowRoot!;

    // The built-in poll ships its question in Arabic.
    await waitFor(() => shadow(welkom).querySelector('legend')?.textContent === 'هل شعرت بالترحيب؟', {
      message: 'the default question in Arabic',
    });
    expect(shadow(welkom).querySelector('.base')!.getAttribute('dir')).to.equal('rtl');

    // A coordinator's poll: question and a choice in Arabic; the choice without Arabic in Dutch, marked.
    await waitFor(() => shadow(keuze).querySelector('legend')?.textContent === 'ماذا تحب أن تشرب؟', { message: 'the question in Arabic' });
    const answers = [...shadow(keuze).querySelectorAll('[part~="answer"]')];
    expect(answers.map((a) => a.textContent!.trim())).to.deep.equal(['شاي', 'Koffie']);
    expect(answers[0]!.querySelector('[lang]')).to.equal(null);
    const dutch = answers[1]!.querySelector('[lang]')!;
    expect([dutch.getAttribute('lang'), dutch.getAttribute('dir'), dutch.textContent]).to.deep.equal(['nl', 'ltr', 'Koffie']);

    // A volunteer role: its card and the shift's checkbox in Arabic.
    const label = (await waitFor(() => shadow(volunteers).querySelector(`input[id^="s-${shift.body.id}"] + label`), {
      message: 'the shift',
    }))!;
    expect(label.textContent).to.contain('مضيف أو مضيفة اليوم');
    expect(label.textContent).not.to.contain('Gastvrouw');
    const soupLabel = shadow(volunteers).querySelector(`input[id^="s-${soup.body.id}"] + label`)!;
    expect(soupLabel.textContent).to.contain('طبخ الحساء');
    expect(soupLabel.querySelector('[lang]')).to.equal(null);
    const dishesTitle = shadow(volunteers).querySelector(`input[id^="s-${dishes.body.id}"] + label [lang]`)!;
    expect([dishesTitle.getAttribute('lang'), dishesTitle.getAttribute('dir'), dishesTitle.textContent]).to.deep.equal([
      'nl',
      'ltr',
      'Afwassen',
    ]);
    const card = [...shadow(volunteers).querySelectorAll('[part="role"]')].find((li) => li.textContent!.includes('مضيف أو مضيفة اليوم'));
    expect(card, 'the role card').to.exist;
    expect(card!.textContent).to.contain('تُعدّ القهوة وتتحدث مع الزوار.');

    await expect(welkom).to.be.accessible();
    await expect(keuze).to.be.accessible();
    await expect(volunteers).to.be.accessible();
  });

  it('shows an activity in Arabic on an Arabic page: list, detail and month cell; its place without Arabic in Dutch, marked', async () => {
    const title = { nl: `Koffieochtend ${uniqueKey()}`, ar: `صباح القهوة ${uniqueKey()}` };
    // Weekly from six days ago: the next one is tomorrow, and every month view has some.
    const stored = await admin('POST', `/v1/admin/sites/${c.site}/activities`, {
      title: title.nl,
      description: 'Koffie en een praatje.',
      location: 'Grote zaal',
      room: 'Keuken',
      start: `${dayAhead(-6)}T10:00`,
      end: `${dayAhead(-6)}T12:00`,
      recurrence: { rrule: 'FREQ=WEEKLY' },
      translations: { en: { title: 'Coffee morning' }, ar: { title: title.ar, description: 'قهوة وحديث.' } },
    });
    expect(stored.status).to.equal(201);
    const page = await arabicPage(
      `<activity-calendar id="list" endpoint="${c.url}" site="${c.site}"></activity-calendar>` +
        `<activity-calendar id="month" view="month" endpoint="${c.url}" site="${c.site}"></activity-calendar>`,
    );
    const list = page.querySelector('#list')!.shadowRoot!;
    const row = (await waitFor(() => [...list.querySelectorAll('.event')].find((e) => e.textContent!.includes(title.ar)), {
      message: 'the activity in Arabic',
    }))!;
    expect(row.textContent).not.to.contain(title.nl);
    expect(row.querySelector('.event-title [lang]'), 'the Arabic title is not marked as Dutch').to.equal(null);
    // The room (never translated) and the place without Arabic: Dutch, each marked.
    const places = [...row.querySelectorAll('.event-meta [lang="nl"]')];
    expect(places.map((p) => [p.getAttribute('dir'), p.textContent])).to.deep.equal([
      ['ltr', 'Keuken'],
      ['ltr', 'Grote zaal'],
    ]);

    row.querySelector<HTMLButtonElement>('.event-button')!.click();
    const heading = (await waitFor(() => list.querySelector('#detail-title'), { message: 'the detail' }))!;
    expect(heading.textContent!.trim()).to.equal(title.ar);
    expect(list.querySelector('.description')!.textContent).to.equal('قهوة وحديث.');
    expect([...list.querySelectorAll('dialog [lang="nl"]')].map((e) => e.textContent)).to.include.members(['Keuken', 'Grote zaal']);

    const month = page.querySelector('#month')!.shadowRoot!;
    await waitFor(() => [...month.querySelectorAll('.cell-events li')].some((li) => li.textContent!.includes(title.ar)), {
      message: 'the month cell in Arabic',
    });
    expect(month.textContent).not.to.contain(title.nl);
    await expect(page.querySelector('#list')).to.be.accessible();
  });

  it('shows the Dutch question, marked lang="nl", on an English page when there is no English', async () => {
    const id = uniqueKey('lang').toLowerCase();
    expect(
      (
        await admin('PUT', `/v1/admin/sites/${c.site}/polls/${id}`, {
          kind: 'yes-no',
          question: { nl: 'Was het gezellig?', ar: 'هل كان ممتعًا؟' },
        })
      ).status,
    ).to.equal(200);
    const page = await fixture<HTMLDivElement>(html`<div lang="en"></div>`);
    page.innerHTML = `<feedback-poll endpoint="${c.url}" site="${c.site}" poll-id="${id}"></feedback-poll>`;
    const el = page.querySelector<FeedbackPoll>('feedback-poll')!;
    const legend = (await waitFor(() => el.shadowRoot!.querySelector('legend [lang="nl"]'), { message: 'the Dutch question' }))!;
    expect(legend.textContent).to.equal('Was het gezellig?');
    await expect(el).to.be.accessible();
  });
});
