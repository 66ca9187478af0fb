import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import '../src/define/volunteer-signup.js';
import '../src/define/host-today.js';
import '../src/widgets/volunteer-signup/locales/ar.js';
import '../src/widgets/host-today/locales/ar.js';
import type { HostTodayAnswer, PublicRoster } from '../src/schema/volunteer-constants.js';
import type { VolunteerSignup } from '../src/widgets/volunteer-signup/volunteer-signup.js';

/**
 * In `npm run storybook` the demo centre's collector runs behind `/collector`, seeded with the
 * demo roles and the host shifts Monday to Friday 9.45–12.15. The stories with fixed data
 * (few or no places, collisions) give the widget a `roster` instead, so they look the same any day.
 */
const COLLECTOR = '/collector';

interface Args {
  lang: string;
  endpoint: string;
  site: string;
  'endpoint-type': 'collector' | 'webhook';
}

const meta: Meta<Args> = {
  title: 'Widgets/volunteer-signup',
  component: 'volunteer-signup',
  args: { lang: 'nl', endpoint: COLLECTOR, site: 'de-linde', 'endpoint-type': 'collector' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['nl', 'en', 'ar'] },
    'endpoint-type': { control: 'inline-radio', options: ['collector', 'webhook'] },
  },
  render: (args) => html`<volunteer-signup
    lang=${args.lang}
    endpoint=${args.endpoint}
    site=${args.site}
    endpoint-type=${args['endpoint-type']}
  ></volunteer-signup>`,
};
export default meta;
type Story = StoryObj<Args>;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const at = (date: string, time: string) => new Date(`${date}T${time}:00+01:00`).toISOString();

const ROLES: PublicRoster['roles'] = [
  {
    id: 'r-host',
    name: 'Gastvrouw of gastheer van de dag',
    whatYouDo: 'Je heet mensen welkom, zet koffie en weet wie er vandaag is.',
    notAsked: 'Je hoeft geen hulpverlener te zijn en geen problemen op te lossen.',
    timePerWeek: 'Een ochtend per week',
    training: 'Gespreksvaardigheden',
    contactPerson: 'Natasja (coördinator)',
    host: true,
  },
  { id: 'r-shop', name: 'Kringloopwinkel', whatYouDo: 'Spullen sorteren, prijzen en afrekenen.', timePerWeek: 'Dinsdag', host: false },
];

const occurrence = (
  shiftId: string,
  roleId: string,
  title: string,
  date: string,
  from: string,
  to: string,
  capacity: number,
  remaining: number,
  waitlist = 0,
) => ({
  shiftId,
  roleId,
  title,
  date,
  start: at(date, from),
  end: at(date, to),
  capacity,
  remaining,
  waitlist,
});

/** Fixed data: two places left, one place left, and full with people waiting. */
const FEW_PLACES: PublicRoster = {
  timeZone: 'Europe/Amsterdam',
  roles: ROLES,
  occurrences: [
    occurrence('s-shop', 'r-shop', 'Kringloopwinkel', day(2), '10:00', '13:00', 3, 2),
    occurrence('s-host', 'r-host', 'Gastvrouw of gastheer van de dag', day(3), '09:45', '12:15', 1, 1),
    occurrence('s-host', 'r-host', 'Gastvrouw of gastheer van de dag', day(4), '09:45', '12:15', 1, 0, 3),
    occurrence('s-bar', 'r-shop', 'Bardienst', day(3), '11:30', '13:00', 2, 2),
  ],
};

const el = (canvas: HTMLElement) => canvas.querySelector<VolunteerSignup>('volunteer-signup')!;
const rootOf = (canvas: HTMLElement) => el(canvas).shadowRoot!;

/** The demo centre: role cards and the shifts of the coming four weeks, with live places. */
export const RolesAndShifts: Story = {};

/** Few and no places: "nog 2 plekken", "nog 1 plek", and full with a waitlist. */
export const FewOrNoPlaces: Story = {
  render: (args) =>
    html`<volunteer-signup lang=${args.lang} endpoint=${args.endpoint} site=${args.site} .roster=${FEW_PLACES}></volunteer-signup>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(rootOf(canvasElement).textContent).toContain('nog 1 plek'));
    expect(rootOf(canvasElement).textContent).toContain('3 mensen wachten');
  },
};

/** Two chosen shifts overlap (host 9.45–12.15 and bar 11.30–13.00 on the same day): a warning on both. */
export const CollisionWarning: Story = {
  ...FewOrNoPlaces,
  play: async ({ canvasElement }) => {
    const root = rootOf(canvasElement);
    const boxes = await waitFor(() => {
      const found = [...root.querySelectorAll<HTMLInputElement>(`input[id$="${day(3)}"]`)];
      if (found.length < 2) throw new Error('not yet');
      return found;
    });
    boxes.forEach((b) => b.click());
    await waitFor(() => expect(root.querySelectorAll('.warn')).toHaveLength(2));
  },
};

/** Signs up for the first open shift of the demo centre, as a visitor would. */
async function signUpFirst(canvasElement: HTMLElement, name: string, pick = (boxes: HTMLInputElement[]) => boxes[0]!) {
  const root = rootOf(canvasElement);
  const boxes = await waitFor(() => {
    const found = [...root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    if (!found.length) throw new Error('no shifts yet');
    return found;
  });
  pick(boxes).click();
  const set = (id: string, value: string) => {
    const input = root.querySelector<HTMLInputElement>(`#${id}`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  set('firstName', name);
  set('contact', `${name.toLowerCase()}@example.org`);
  root.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
  return waitFor(() => {
    const link = root.querySelector<HTMLInputElement>('#link');
    if (!link) throw new Error('not done yet');
    return link.value;
  });
}

/** After signing up: the status per shift, an .ics file and the personal link. */
export const Confirmation: Story = {
  play: async ({ canvasElement }) => {
    await signUpFirst(canvasElement, 'Sanne');
    await waitFor(() => expect(rootOf(canvasElement).textContent).toContain('Je staat op het rooster'));
  },
};

/** The host shift has one place: the second sign-up for it lands on the waitlist. */
export const Waitlist: Story = {
  play: async ({ canvasElement }) => {
    const host = (boxes: HTMLInputElement[]) => boxes.find((b) => b.closest('li')!.textContent!.includes('Gastvrouw')) ?? boxes[0]!;
    await signUpFirst(canvasElement, 'Anna', host);
    rootOf(canvasElement).querySelector<HTMLButtonElement>('.done > button')!.click();
    await signUpFirst(canvasElement, 'Bram', host);
    await waitFor(() => expect(rootOf(canvasElement).textContent).toContain('Op de wachtlijst'));
  },
};

/** The personal link's page (`#bk-cancel=…` or `cancel-token`): what you signed up for, and "Afmelden". */
export const CancelViaLink: Story = {
  play: async ({ canvasElement }) => {
    const link = await signUpFirst(canvasElement, 'Karim');
    const token = new URL(link).hash.replace('#bk-cancel=', '');
    const page = document.createElement('volunteer-signup');
    page.setAttribute('endpoint', COLLECTOR);
    page.setAttribute('site', 'de-linde');
    page.setAttribute('cancel-token', token);
    el(canvasElement).replaceWith(page);
    await waitFor(() => expect(page.shadowRoot!.textContent).toContain('Afmelden'));
  },
};

/** Webhook mode: no places (a webhook cannot tell), no personal link; the sign-up is still kept and sent. */
export const WebhookMode: Story = {
  args: { endpoint: '/__story/webhook', 'endpoint-type': 'webhook' },
  render: FewOrNoPlaces.render!,
};

/** English. */
export const English: Story = { args: { lang: 'en' } };

/** Arabic, right to left. */
export const Arabic: Story = { args: { lang: 'ar' } };

const HOSTS = (filled: boolean): HostTodayAnswer => ({
  timeZone: 'Europe/Amsterdam',
  date: day(0),
  hosts: [
    {
      shiftId: 's-host',
      title: 'Gastvrouw of gastheer van de dag',
      start: at(day(0), '09:45'),
      end: at(day(0), '12:15'),
      filled,
      ...(filled ? { firstName: 'Fatima' } : {}),
    },
  ],
});

/** `<host-today>` for the top of the homepage: today's host by first name (when the site shows names). */
export const HostTodayFilled: Story = {
  render: (args) => html`<host-today lang=${args.lang} .answer=${HOSTS(true)}></host-today>`,
};

/** `<host-today>` when nobody signed up yet: an invitation with a link to the sign-up. */
export const HostTodayEmpty: Story = {
  render: (args) => html`<host-today lang=${args.lang} signup-url="#vrijwilligers" .answer=${HOSTS(false)}></host-today>`,
};

/** `<host-today>` in Arabic. */
export const HostTodayArabic: Story = {
  args: { lang: 'ar' },
  render: HostTodayFilled.render!,
};
