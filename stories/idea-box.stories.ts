import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../src/define/idea-box.js';
import '../src/widgets/idea-box/locales/ar.js';
import type { IdeaBox } from '../src/widgets/idea-box/idea-box.js';

/**
 * In `npm run storybook` a real collector runs behind `/collector` (see .storybook/story-collector.ts),
 * seeded with the demo centre "De Linde"; `/__story/*` are small servers that are down, slow or refuse.
 * In a static build there is no collector: the list stays hidden and submissions wait in the outbox.
 */
const COLLECTOR = '/collector';

interface Args {
  endpoint: string;
  site: string;
  lang: string;
  heading?: string;
  categories?: string;
  'hide-list': boolean;
  'list-limit'?: number;
  'endpoint-type': 'collector' | 'webhook';
  'payload-format': 'json' | 'form';
}

const meta: Meta<Args> = {
  title: 'Widgets/idea-box',
  component: 'idea-box',
  args: {
    endpoint: COLLECTOR,
    site: 'de-linde',
    lang: 'nl',
    'hide-list': false,
    'endpoint-type': 'collector',
    'payload-format': 'json',
  },
  argTypes: {
    lang: { control: 'inline-radio', options: ['nl', 'en', 'ar'] },
    'endpoint-type': { control: 'inline-radio', options: ['collector', 'webhook'] },
    'payload-format': { control: 'inline-radio', options: ['json', 'form'] },
  },
  render: (args) => html`<idea-box
    endpoint=${args.endpoint}
    site=${args.site}
    lang=${args.lang}
    heading=${args.heading ?? ''}
    categories=${args.categories ?? ''}
    ?hide-list=${args['hide-list']}
    list-limit=${args['list-limit'] ?? 20}
    endpoint-type=${args['endpoint-type']}
    payload-format=${args['payload-format']}
  ></idea-box>`,
};
export default meta;
type Story = StoryObj<Args>;

function shadowOf(canvas: HTMLElement): ShadowRoot {
  const el = canvas.querySelector<IdeaBox>('idea-box');
  if (!el?.shadowRoot) throw new Error('idea-box did not render');
  return el.shadowRoot;
}

async function typeIdea(canvas: HTMLElement, text: string) {
  const root = shadowOf(canvas);
  const textarea = await waitFor(() => {
    const t = root.querySelector('textarea');
    if (!t) throw new Error('no textarea yet');
    return t;
  });
  await userEvent.type(textarea, text);
  root.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
}

/** A new initiative: nothing published yet, just the form. */
export const Empty: Story = { args: { site: 'nieuw-initiatief' } };

/** The demo centre: published ideas with their status and the coordinator's answer, and upvotes. */
export const WithPublishedIdeas: Story = {};

/** Sending to a server that takes its time: the "bezig met versturen" state. */
export const Submitting: Story = {
  args: { endpoint: '/__story/slow', 'hide-list': true },
  play: async ({ canvasElement }) => {
    await typeIdea(canvasElement, 'Een spelletjesmiddag op vrijdag');
    await waitFor(() => expect(shadowOf(canvasElement).querySelector('[part~="status"]')?.textContent).toMatch(/versturen/i));
  },
};

/** No network: the idea is kept on this device and sent when the connection returns. */
export const QueuedOffline: Story = {
  args: { endpoint: 'http://127.0.0.1:9', 'hide-list': true },
  play: async ({ canvasElement }) => {
    await typeIdea(canvasElement, 'Samen soep koken op woensdag');
    await waitFor(() => expect(shadowOf(canvasElement).querySelector('[part~="status"]')?.textContent).toMatch(/bewaard/i), {
      timeout: 10_000,
    });
  },
};

/** The server is down (503): kept on this device, retried later with backoff. */
export const ServerUnavailable: Story = {
  args: { endpoint: '/__story/unavailable', 'hide-list': true },
  play: QueuedOffline.play,
};

/** The server refuses the idea (400): "could not be sent", and the text stays in the form. */
export const ServerError: Story = {
  args: { endpoint: '/__story/rejecting', 'hide-list': true },
  play: async ({ canvasElement }) => {
    await typeIdea(canvasElement, 'Een boekenkast om te ruilen');
    await waitFor(() => expect(shadowOf(canvasElement).querySelector('textarea')?.value).toBe('Een boekenkast om te ruilen'));
    await waitFor(() => expect(shadowOf(canvasElement).querySelector('[part~="status"]')?.textContent).toMatch(/niet/i));
  },
};

/** Submitting too little: the error summary links to the field. */
export const ValidationErrors: Story = {
  args: { 'hide-list': true },
  play: async ({ canvasElement }) => {
    await typeIdea(canvasElement, 'ja');
    await waitFor(() => expect(shadowOf(canvasElement).querySelector('[part~="error-summary"]')).not.toBeNull());
  },
};

/** English texts. */
export const English: Story = { args: { lang: 'en' } };

/** Arabic, right to left (the Arabic table is a separate module; import it to register it). */
export const Arabic: Story = {
  args: { lang: 'ar' },
  render: (args, context) => html`<div dir="rtl" lang="ar">${meta.render!({ ...args }, context)}</div>`,
};

/** Any endpoint (a webhook, n8n, a form service): the same envelope is posted; the list is hidden. */
export const Webhook: Story = {
  args: { endpoint: '/__story/webhook', 'endpoint-type': 'webhook' },
};

/** Own categories and themed through custom properties, as a host page would. */
export const ThemedWithOwnCategories: Story = {
  args: { categories: 'Activiteit,Tuin,Eten en drinken,Iets anders', 'hide-list': true },
  render: (args, context) =>
    html`<div style="--bk-color-accent:#7a2e8f;--bk-radius:1.25rem;font-family:Georgia,serif">
      ${meta.render!(args, context)}
    </div>`,
};
