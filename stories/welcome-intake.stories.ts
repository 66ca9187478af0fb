import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import '../src/define/welcome-intake.js';
import '../src/widgets/welcome-intake/locales/en.js';
import '../src/widgets/welcome-intake/locales/ar.js';
import { DEFAULT_INTAKE_FLOW } from '../src/schema/welcome-intake-default.js';
import type { WelcomeIntake } from '../src/widgets/welcome-intake/welcome-intake.js';

/**
 * In `npm run storybook` the demo collector runs behind `/collector` (see .storybook/story-collector.ts)
 * with its programme and an intake key, so the result screen shows matching activities. The flow is
 * given inline here, so every story renders in a static build too.
 */
const COLLECTOR = '/collector';

/** A small programme for the result screen: opening hours every day and two activities. */
const today = new Date().toISOString().slice(0, 10);
const PROGRAMME = [
  {
    id: 'inloop',
    kind: 'opening-hours',
    title: 'Inloop',
    start: `${today}T10:00`,
    end: `${today}T16:00`,
    recurrence: { rrule: 'FREQ=DAILY' },
  },
  {
    id: 'koken',
    title: 'Samen koken',
    start: `${today}T17:30`,
    end: `${today}T20:00`,
    recurrence: { rrule: 'FREQ=WEEKLY' },
    category: 'eten-en-drinken',
    location: 'De Linde',
  },
  {
    id: 'spreekuur',
    title: 'Spreekuur geld en papieren',
    start: `${today}T10:00`,
    end: `${today}T11:30`,
    recurrence: { rrule: 'FREQ=WEEKLY' },
    category: 'hulp-en-advies',
  },
];

interface Args {
  endpoint: string;
  site: string;
  lang: string;
  mode: 'personal' | 'kiosk';
  'idle-seconds': number;
  'contact-person': string;
  /** Step to open on (1 = first), for the per-step stories. */
  step: number;
}

const meta: Meta<Args> = {
  title: 'Widgets/welcome-intake',
  component: 'welcome-intake',
  args: {
    endpoint: COLLECTOR,
    site: 'de-linde',
    lang: 'nl',
    mode: 'personal',
    'idle-seconds': 120,
    'contact-person': 'Fatima, gastvrouw',
    step: 1,
  },
  argTypes: {
    lang: { control: 'inline-radio', options: ['nl', 'en', 'ar'] },
    mode: { control: 'inline-radio', options: ['personal', 'kiosk'] },
    step: { control: { type: 'range', min: 1, max: 5 } },
  },
  render: (args) => html`<welcome-intake
    endpoint=${args.endpoint}
    site=${args.site}
    lang=${args.lang}
    mode=${args.mode}
    idle-seconds=${args['idle-seconds']}
    contact-person=${args['contact-person']}
    .flow=${DEFAULT_INTAKE_FLOW}
    .activities=${PROGRAMME}
  ></welcome-intake>`,
  play: async ({ canvasElement, args }) => {
    for (let n = 1; n < args.step; n++) await next(canvasElement);
  },
};
export default meta;
type Story = StoryObj<Args>;

function intakeOf(canvas: HTMLElement): WelcomeIntake {
  const el = canvas.querySelector<WelcomeIntake>('welcome-intake');
  if (!el?.shadowRoot) throw new Error('welcome-intake did not render');
  return el;
}

async function click(canvas: HTMLElement, selector: string) {
  const el = intakeOf(canvas);
  const node = await waitFor(() => {
    const found = el.shadowRoot!.querySelector<HTMLElement>(selector);
    if (!found) throw new Error(`no ${selector} yet`);
    return found;
  });
  node.click();
  await el.updateComplete;
}

const next = (canvas: HTMLElement) => click(canvas, 'button[part~="next"]');

/** Step 1: who it is for, and what brings you here (cards with an icon and a label). */
export const Step1Welcome: Story = {};
/** Step 2: what you are good at or like doing. */
export const Step2Talents: Story = { args: { step: 2 } };
/** Step 3: the themakaarten, every one optional. */
export const Step3TopicCards: Story = { args: { step: 3 } };
/** Step 4: what would make it easier to come. */
export const Step4Practical: Story = { args: { step: 4 } };
/** Step 5: contact (consent only when details are given) and who may see the answers. */
export const Step5Contact: Story = {
  args: { step: 5 },
  play: async (context) => {
    await meta.play!(context);
    await click(context.canvasElement, '#q-contact-2');
  },
};

/** An error: a phone number that is not one. The summary links to the field. */
export const Errors: Story = {
  args: { step: 5 },
  play: async (context) => {
    await meta.play!(context);
    const { canvasElement } = context;
    await click(canvasElement, '#q-contact-2');
    const input = intakeOf(canvasElement).shadowRoot!.querySelector<HTMLInputElement>('#q-contact-detail')!;
    input.value = 'bel maar';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await next(canvasElement);
    await waitFor(() => expect(intakeOf(canvasElement).shadowRoot!.querySelector('[part~="error-summary"]')).not.toBeNull());
  },
};

/** The result: matching activities, today's opening hours, and who to go to. Printable. */
export const Result: Story = {
  play: async ({ canvasElement }) => {
    await click(canvasElement, '#q-reden-0');
    await next(canvasElement);
    await click(canvasElement, '#q-interesses-0');
    for (let n = 0; n < 4; n++) await next(canvasElement);
    await waitFor(() => expect(intakeOf(canvasElement).phase).toBe('result'), { timeout: 10_000 });
  },
};

/** Kiosk / assisted mode: filled in together at the centre; "opnieuw beginnen", no draft, reset when idle. */
export const Kiosk: Story = { args: { mode: 'kiosk', 'idle-seconds': 90 } };

/** No network: the answers are kept on this device and sent later; the result says so. */
export const OfflineQueued: Story = {
  args: { endpoint: 'http://127.0.0.1:9', site: 'de-linde' },
  play: async ({ canvasElement }) => {
    for (let n = 0; n < 5; n++) await next(canvasElement);
    await waitFor(() => expect(intakeOf(canvasElement).shadowRoot!.querySelector('[part~="result"]')?.textContent).toMatch(/bewaard/i), {
      timeout: 10_000,
    });
  },
};

/** English texts and flow. */
export const English: Story = { args: { lang: 'en' } };

/** Arabic, right to left. */
export const Arabic: Story = {
  args: { lang: 'ar' },
  render: (args, context) => html`<div dir="rtl" lang="ar">${meta.render!({ ...args }, context)}</div>`,
};
