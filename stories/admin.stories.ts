import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { defineAdminElements } from '../src/admin/elements.js';
import type { AdminApi, CsvDelimiterName, Scopes } from '../src/admin/api.js';
import type { AdminIdea } from '../src/schema/admin.js';
import type { IdeaModeration } from '../src/schema/idea-box.js';

defineAdminElements();

/**
 * The coordinator page's views with an in-memory API (no collector needed, also in a static
 * build). In the app story any token signs in.
 */
const day = (d: number, h = 10) => new Date(Date.UTC(2026, 10, d, h)).toISOString();
const base = { site: 'de-linde', role: null, wantsToHelp: false, name: null, contact: null, consentVersion: null, consentGivenAt: null, consentHash: null, locale: 'nl', statusReason: null, publicAnswer: null, votes: 0 };
const sampleIdeas = (): AdminIdea[] => [
  { ...base, id: '019a0000-0000-7000-8000-000000000001', text: 'Een spelletjesmiddag op vrijdag.', category: 'activiteit', published: true, status: 'gepland', publicAnswer: 'Vanaf december, elke eerste vrijdag.', votes: 4, createdAt: day(3), updatedAt: day(5) },
  { ...base, id: '019a0000-0000-7000-8000-000000000002', text: 'Meer planten in de huiskamer,\nen een plek om stekjes te ruilen.', category: 'de-ruimte', published: false, status: 'ontvangen', role: 'buurtbewoner', wantsToHelp: true, name: 'Sanne', contact: 'sanne@example.org', consentVersion: 'idea-contact-2026-11', consentGivenAt: day(12), createdAt: day(12), updatedAt: day(12) },
  { ...base, id: '019a0000-0000-7000-8000-000000000003', text: 'Een taalcafé voor nieuwe buren.', category: 'samen-organiseren', published: false, status: 'wordt-besproken', createdAt: day(18), updatedAt: day(18) },
];

class MemoryApi implements AdminApi {
  readonly site = 'de-linde';
  ideas = sampleIdeas();
  async scopes(): Promise<Scopes> {
    return { read: true, moderate: true, export: true };
  }
  async listIdeas() {
    return this.ideas;
  }
  async moderateIdea(id: string, changes: IdeaModeration) {
    const idea = { ...this.ideas.find((i) => i.id === id)!, ...changes, updatedAt: new Date().toISOString() } as AdminIdea;
    this.ideas = this.ideas.map((i) => (i.id === id ? idea : i));
    return idea;
  }
  async exportIdeasCsv(delimiter: CsvDelimiterName) {
    const sep = delimiter === 'comma' ? ',' : ';';
    const text = `\uFEFFid${sep}idee\r\n${this.ideas.map((i) => `${i.id}${sep}"${i.text.replaceAll('"', '""')}"`).join('\r\n')}\r\n`;
    return { blob: new Blob([text], { type: 'text/csv' }), fileName: 'ideeen-de-linde.csv', text };
  }
}

interface Args {
  lang: 'nl' | 'en';
}

const meta: Meta<Args> = {
  title: 'Coordinator page',
  args: { lang: 'nl' },
  argTypes: { lang: { control: 'inline-radio', options: ['nl', 'en'] } },
};
export default meta;
type Story = StoryObj<Args>;

export const App: Story = {
  render: ({ lang }) => html`<bk-admin-app lang=${lang} .apiFactory=${() => new MemoryApi()}></bk-admin-app>`,
};

export const SignIn: Story = {
  render: ({ lang }) => html`<bk-admin-sign-in lang=${lang} site="de-linde"></bk-admin-sign-in>`,
};

export const Inbox: Story = {
  render: ({ lang }) => html`<bk-admin-inbox lang=${lang} .ideas=${sampleIdeas()}></bk-admin-inbox>`,
  play: async ({ canvasElement }) => {
    const root = canvasElement.querySelector('bk-admin-inbox')!.shadowRoot!;
    await waitFor(() => expect(root.querySelectorAll('li')).toHaveLength(3));
  },
};

export const DetailWithModeration: Story = {
  render: ({ lang }) => {
    const idea = sampleIdeas()[1]!;
    return html`<bk-admin-idea-detail lang=${lang} .idea=${idea}>
      <bk-admin-moderation .idea=${idea} .api=${new MemoryApi()}></bk-admin-moderation>
    </bk-admin-idea-detail>`;
  },
};

export const Agenda: Story = {
  render: ({ lang }) => html`<bk-admin-agenda lang=${lang} month="2026-11" .ideas=${sampleIdeas()}></bk-admin-agenda>`,
};

export const Export: Story = {
  render: ({ lang }) => html`<bk-admin-export lang=${lang} .api=${new MemoryApi()}></bk-admin-export>`,
};
