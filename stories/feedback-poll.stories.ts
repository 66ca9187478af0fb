import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import '../src/define/feedback-poll.js';
import '../src/widgets/feedback-poll/locales/ar.js';
import type { FeedbackPoll } from '../src/widgets/feedback-poll/feedback-poll.js';
import type { PollDefinition } from '../src/schema/poll-constants.js';

/**
 * In `npm run storybook` a real collector runs behind `/collector`, seeded with the demo centre's
 * poll answers (so "results shown" has figures); the inline polls post to `/__story/webhook`, a
 * plain receiver, because the collector only takes answers to polls it knows.
 */
const COLLECTOR = '/collector';
const WEBHOOK = '/__story/webhook';

interface Args {
  lang: 'nl' | 'en' | 'ar';
  mode: 'inline' | 'kiosk';
  poll?: PollDefinition;
  'poll-id'?: string;
  endpoint: string;
  'endpoint-type': 'collector' | 'webhook';
  heading?: string;
}

const meta: Meta<Args> = {
  title: 'Widgets/feedback-poll',
  component: 'feedback-poll',
  args: { lang: 'nl', mode: 'inline', endpoint: WEBHOOK, 'endpoint-type': 'webhook' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['nl', 'en', 'ar'] },
    mode: { control: 'inline-radio', options: ['inline', 'kiosk'] },
    'endpoint-type': { control: 'inline-radio', options: ['collector', 'webhook'] },
  },
  render: (args) => html`<feedback-poll
    endpoint=${args.endpoint}
    site="de-linde"
    endpoint-type=${args['endpoint-type']}
    lang=${args.lang}
    mode=${args.mode}
    poll-id=${args['poll-id'] ?? ''}
    heading=${args.heading ?? ''}
    .poll=${args.poll}
    subject="De Linde"
  ></feedback-poll>`,
};
export default meta;
type Story = StoryObj<Args>;

/** 😀 🙂 😐 🙁, each with a text label; one tap sends. */
export const Smileys: Story = {
  args: { poll: { id: 'welkom-story', kind: 'smileys', question: 'Voelde je je welkom?' } },
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector<FeedbackPoll>('feedback-poll')!;
    const button = await waitFor(() => {
      const b = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="answer"]')].find((x) => x.textContent!.includes('Goed'));
      if (!b) throw new Error('no answers yet');
      return b;
    });
    button.click();
    await waitFor(() => expect(el.shadowRoot!.querySelector('.thanks-title')?.textContent).toBe('Bedankt!'));
  },
};

/** Ja / een beetje / nee. */
export const YesABitNo: Story = {
  args: { poll: { id: 'gehoord', kind: 'yes-no', question: 'Voelde je je gehoord?' } },
};

/** 1 to 5, with a comment: a tap chooses, "Versturen" sends both. */
export const ScaleWithComment: Story = {
  args: { poll: { id: 'middag', kind: 'scale', question: 'Hoe was de middag?', comment: true } },
};

/** A single choice among the coordinator's options. */
export const SingleChoice: Story = {
  args: {
    poll: {
      id: 'tijd',
      kind: 'choice',
      question: 'Wanneer kom je het liefst?',
      options: [
        { value: 'ochtend', label: "'s Ochtends" },
        { value: 'middag', label: "'s Middags" },
        { value: 'avond', label: "'s Avonds" },
      ],
    },
  },
};

/** The outcome statements of the Badhuis survey on a 5-point scale plus "weet niet", with respondent type and story. */
export const OutcomeStatements: Story = {
  args: { poll: { id: 'impact', kind: 'statements', respondentType: true, story: true } },
};

/** From the collector, with "show results after voting": the seeded answers appear as a chart with numbers. */
export const ResultsShown: Story = {
  args: { endpoint: COLLECTOR, 'endpoint-type': 'collector', 'poll-id': 'welkom' },
};

/** A tablet at the door: "Bedankt!", then the next person after a few seconds. Tap the heading three times (or Ctrl+Alt+K) to stop. */
export const Kiosk: Story = {
  args: { mode: 'kiosk', poll: { id: 'deur', kind: 'smileys', question: 'Hoe was het vandaag?' } },
};

export const English: Story = { args: { lang: 'en', poll: { id: 'impact', kind: 'statements', respondentType: true } } };

/** Right to left. */
export const Arabic: Story = { args: { lang: 'ar', poll: { id: 'impact', kind: 'statements', respondentType: true } } };
