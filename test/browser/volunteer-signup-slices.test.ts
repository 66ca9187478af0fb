import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define/volunteer-signup.js';
import type { PublicRoster, PublicShiftOccurrence } from '../../src/schema/volunteer-constants.js';
import type { VolunteerSignup } from '../../src/widgets/volunteer-signup/volunteer-signup.js';

/** 23 shifts over 6 days (4 a day, 3 on the last), in the collector's order. */
function longRoster(): PublicRoster {
  const occurrences: PublicShiftOccurrence[] = [];
  for (let day = 0; day < 6; day++)
    for (let n = 0; n < (day === 5 ? 3 : 4); n++) {
      const date = `2031-03-${String(3 + day).padStart(2, '0')}`;
      const hour = String(9 + 2 * n).padStart(2, '0');
      occurrences.push({
        shiftId: `0190f3a0-0000-7000-8000-0000000000${day}${n}`,
        roleId: 'r1',
        title: `Dienst ${day}-${n}`,
        date,
        start: `${date}T${hour}:00:00Z`,
        end: `${date}T${hour}:30:00Z`,
        capacity: 2,
        remaining: 2,
        waitlist: 0,
      });
    }
  return { timeZone: 'Europe/Amsterdam', roles: [{ id: 'r1', name: 'Bardienst', host: false }], occurrences };
}

/** The element with its roster set before it is connected, and the shift titles shown after each update. */
async function make() {
  const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('volunteer-signup') as VolunteerSignup;
  el.setAttribute('lang', 'nl');
  // A webhook: the shifts come from the page, and nothing is sent in these tests.
  for (const [name, value] of Object.entries({ endpoint: 'https://example.invalid/hook', site: 'de-linde', 'endpoint-type': 'webhook' }))
    el.setAttribute(name, value);
  el.roster = longRoster();
  const shown: string[][] = [];
  const busy: (string | null)[] = [];
  // Recorded after each render, in the element's own lifecycle: what one task put on screen.
  (el as unknown as { updated: () => void }).updated = () => {
    shown.push([...el.shadowRoot!.querySelectorAll('[part="shift"] bdi')].map((b) => b.textContent!));
    busy.push(el.shadowRoot!.querySelector('fieldset')?.getAttribute('aria-busy') ?? null);
  };
  wrap.append(el);
  return { el, shown, busy };
}

const titles = longRoster().occurrences.map((o) => o.title);

describe('<volunteer-signup> long shift list', () => {
  it('renders the first shifts in one task and the rest in later ones, in order, until all are shown', async () => {
    const { el, shown, busy } = await make();
    await el.updateComplete;
    expect(shown[0]).to.deep.equal(titles.slice(0, 6));
    expect(busy[0]).to.equal('true');
    expect(shown.length).to.be.greaterThan(2);
    // Each render shows what the one before showed, and more, in the collector's order.
    for (const list of shown) expect(list).to.deep.equal(titles.slice(0, list.length));
    for (let i = 1; i < shown.length; i++) expect(shown[i]!.length).to.be.at.least(shown[i - 1]!.length);
    expect(shown.at(-1)).to.deep.equal(titles);
    expect(busy.at(-1)).to.equal('false');
    // Every day heading once, above its shifts.
    expect(el.shadowRoot!.querySelectorAll('h4.day')).to.have.length(6);
    expect(el.shadowRoot!.querySelectorAll('ul.shifts')[5]!.querySelectorAll('[part="shift"]')).to.have.length(3);
    await expect(el).to.be.accessible();
  });

  it('keeps the focus and the choice while the list builds up; Tab goes on through all shifts to the name', async () => {
    const { el, shown } = await make();
    // The first render has happened when its shifts are on screen; the rest is still to come.
    while (!shown.length) await new Promise((r) => requestAnimationFrame(r));
    const first = el.shadowRoot!.querySelector<HTMLInputElement>('[part="shift"] input')!;
    first.focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(first);
    expect(first.checked).to.equal(true);
    expect(el.shadowRoot!.querySelectorAll('[part="shift"] input:checked')).to.have.length(1);
    const boxes = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part="shift"] input')];
    expect(boxes).to.have.length(23);
    boxes.at(-2)!.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(boxes.at(-1));
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.id).to.equal('firstName');
  });

  it('builds up in slices again when the visitor comes back to the list', async () => {
    const { el, shown } = await make();
    await el.updateComplete;
    el.view = 'done';
    await el.updateComplete;
    shown.length = 0;
    el.view = 'list';
    await el.updateComplete;
    expect(shown[0]).to.deep.equal(titles.slice(0, 6));
    expect(shown.at(-1)).to.deep.equal(titles);
  });
});
