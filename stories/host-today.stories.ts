import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, waitFor } from 'storybook/test';
import '../src/define/host-today.js';
import '../src/widgets/host-today/locales/en.js';
import '../src/widgets/host-today/locales/ar.js';
import type { HostToday } from '../src/widgets/host-today/host-today.js';
import type { HostTodayAnswer } from '../src/schema/volunteer-constants.js';

/**
 * `<host-today>` is the line at the top of a centre's homepage: who hosts today, or an invitation
 * to sign up while a host shift is open. In `npm run storybook` the "From the collector" story
 * reads the demo centre's shifts through `/collector` (see .storybook/story-collector.ts); the
 * other stories hand the widget its answer (`.answer`), so they look the same on any day.
 */
const COLLECTOR = '/collector';

/** Today, in the centre's zone, as the collector would say it. */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}

function answer(hosts: Partial<HostTodayAnswer['hosts'][number]>[]): HostTodayAnswer {
  const date = today();
  return {
    timeZone: 'Europe/Amsterdam',
    date,
    hosts: hosts.map((h, i) => ({
      shiftId: `story-${i}`,
      title: { nl: 'Gastvrouw of gastheer', en: 'Host' },
      start: `${date}T09:45:00+01:00`,
      end: `${date}T12:15:00+01:00`,
      filled: true,
      ...h,
    })),
  };
}

interface Args {
  lang: string;
  'signup-url': string;
  theme: 'light' | 'dark' | '';
  answer?: HostTodayAnswer;
  endpoint?: string;
}

const meta: Meta<Args> = {
  title: 'Widgets/host-today',
  component: 'host-today',
  args: { lang: 'nl', 'signup-url': '#vrijwilligers', theme: '' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['nl', 'en', 'ar'] },
    theme: { control: 'inline-radio', options: ['', 'light', 'dark'] },
  },
  render: (args) => html`<host-today
    lang=${args.lang}
    signup-url=${args['signup-url']}
    theme=${ifDefined(args.theme || undefined)}
    endpoint=${ifDefined(args.endpoint)}
    site=${ifDefined(args.endpoint && 'de-linde')}
    .answer=${args.answer}
  ></host-today>`,
};
export default meta;
type Story = StoryObj<Args>;

function lineOf(canvas: HTMLElement): string {
  const el = canvas.querySelector<HostToday>('host-today');
  return (el?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A host has signed up for today, and the site shows first names. */
export const HostKnown: Story = {
  args: { answer: answer([{ firstName: 'Fatima' }]) },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(lineOf(canvasElement)).toContain('Vandaag is Fatima je gastvrouw of gastheer'));
  },
};

/** Today's host shift is still open: the line asks who will, with a link to the sign-up page. */
export const StillOpen: Story = {
  args: { answer: answer([{ filled: false }]) },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(lineOf(canvasElement)).toContain('wil jij?'));
    const link = canvasElement.querySelector<HostToday>('host-today')!.shadowRoot!.querySelector('a');
    await expect(link?.getAttribute('href')).toBe('#vrijwilligers');
  },
};

/** Two shifts today, the morning one filled, the afternoon one open. */
export const TwoShifts: Story = {
  args: {
    answer: (() => {
      const a = answer([{ firstName: 'Fatima' }, { filled: false }]);
      a.hosts[1] = { ...a.hosts[1]!, start: `${a.date}T13:30:00+01:00`, end: `${a.date}T16:00:00+01:00` };
      return a;
    })(),
  },
};

/** A day without host shifts: the widget shows nothing at all. */
export const NoHostShiftToday: Story = {
  args: { answer: answer([]) },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector<HostToday>('host-today')!.shadowRoot).not.toBeNull());
    await expect(lineOf(canvasElement)).toBe('');
  },
};

/** English and Arabic (right to left). */
export const InEnglish: Story = { args: { lang: 'en', answer: answer([{ firstName: 'Fatima' }]) } };
export const InArabic: Story = { args: { lang: 'ar', answer: answer([{ filled: false }]) } };

/** On a dark page: `theme="dark"`, or unset to follow the page's text colour. */
export const Dark: Story = {
  args: { theme: 'dark', answer: answer([{ firstName: 'Fatima' }]) },
  decorators: [(story) => html`<div style="background:#1b1b1f;color:#eee;padding:1rem">${story()}</div>`],
};

/** Today's real host shifts of the demo centre, read from the collector (`npm run storybook`). */
export const FromTheCollector: Story = { args: { endpoint: COLLECTOR } };
