/**
 * Names a screen reader gives the visitor's controls (computed by axe-core, see
 * accessible-name.ts): every repeated control stands on its own (date, time and role), optional
 * fields say so with a space, and dates and times read the same everywhere in each language.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define/idea-box.js';
import '../../src/define/volunteer-signup.js';
import { accessibleNames } from './accessible-name.js';
import { admin, clearOutboxDb, collectorInfo, uniqueKey, waitFor, type CollectorInfo } from './helpers.js';

let c: CollectorInfo;
const ROLE = `Gastvrouw ${uniqueKey('w')}`;
const dayAhead = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(Date.now() + days * 86_400_000);
const days = [dayAhead(11), dayAhead(12)];

async function signup(lang: string) {
  const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
  wrap.innerHTML = `<volunteer-signup endpoint="${c.url}" site="${c.site}" lang="${lang}"></volunteer-signup>`;
  const el = wrap.firstElementChild as HTMLElement;
  const root = el.shadowRoot!;
  const boxes = await waitFor(
    () => {
      const ours = [...root.querySelectorAll<HTMLInputElement>('.shift input[type=checkbox]')].filter((i) =>
        i.labels?.[0]?.textContent?.includes(ROLE),
      );
      return ours.length === 2 && (lang === 'nl' || /[\u0600-\u06ff]/.test(root.textContent!)) && ours;
    },
    { message: 'both shifts' },
  );
  return { el, boxes: boxes as HTMLInputElement[] };
}

describe('names that stand on their own', () => {
  before(async () => {
    c = await collectorInfo();
    await clearOutboxDb();
    const role = await admin<{ id: string }>('POST', `/v1/admin/sites/${c.site}/volunteer/roles`, {
      name: ROLE,
      whatYouDo: 'Je ontvangt mensen.',
      notAsked: 'Geen hulpverlening.',
    });
    for (const date of days) {
      const shift = await admin('POST', `/v1/admin/sites/${c.site}/volunteer/shifts`, {
        roleId: role.body.id,
        start: `${date}T09:45`,
        end: `${date}T12:15`,
        capacity: 2,
      });
      expect(shift.status).to.equal(201);
    }
  });

  it('names each shift checkbox with its date, time and role, in Dutch time style', async () => {
    const { el, boxes } = await signup('nl');
    await expect(el).to.be.accessible();
    const names = await accessibleNames(boxes);
    const fmtDay = (d: string) =>
      new Intl.DateTimeFormat('nl', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
        Date.parse(`${d}T12:00:00Z`),
      );
    expect(names[0]).to.match(new RegExp(`^${fmtDay(days[0]!)}, 9\\.45–12\\.15 uur ${ROLE}\\b`));
    expect(names[1]).to.match(new RegExp(`^${fmtDay(days[1]!)}, 9\\.45–12\\.15 uur ${ROLE}\\b`));
    expect(names[0]).not.to.equal(names[1]);
  });

  it('writes Arabic shift names with the Arabic comma and no Latin one', async () => {
    const { el, boxes } = await signup('ar');
    await expect(el).to.be.accessible();
    const [name] = await accessibleNames(boxes);
    expect(name).to.contain('، ');
    expect(name!.replace(ROLE, '')).not.to.contain(',');
    expect(name).to.contain(ROLE);
  });

  it('keeps a space between a label and "(mag je overslaan)"', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
    wrap.innerHTML = `<idea-box endpoint="${c.url}" site="${c.site}" lang="nl" hide-list></idea-box>`;
    const el = wrap.firstElementChild as HTMLElement;
    const name = await waitFor(() => el.shadowRoot!.querySelector<HTMLInputElement>('#name'), { message: 'the form' });
    const contact = el.shadowRoot!.querySelector<HTMLInputElement>('#contact')!;
    expect(await accessibleNames([name!, contact])).to.deep.equal([
      'Je naam (mag je overslaan)',
      'E-mail of telefoonnummer (mag je overslaan)',
    ]);
  });
});
