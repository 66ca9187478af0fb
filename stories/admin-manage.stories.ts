import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { defineAdminElements } from '../src/admin/elements.js';
import type { IntakeFlows, ManageApi, PurgeLine, RetentionApi, RetentionInfo, SitePoll } from '../src/admin/api.js';
import { DEFAULT_RETENTION, type RetentionSettings } from '../src/schema/constants.js';
import { DEFAULT_POLLS, type PollDefinition } from '../src/schema/poll-constants.js';
import { DEFAULT_INTAKE_FLOW } from '../src/schema/welcome-intake-default.js';
import type { IntakeFlow } from '../src/schema/welcome-intake-flow.js';

defineAdminElements();

/**
 * The coordinator page's manage views (polls, the welcome questions) and the retention part of
 * privacy, with an in-memory API: saving works until the story is reloaded.
 */
class MemoryManageApi implements ManageApi, RetentionApi {
  polls: SitePoll[] = [
    ...DEFAULT_POLLS.map((poll) => ({ poll: { ...poll, subject: 'De Linde' }, builtIn: true, createdAt: null, updatedAt: null })),
    {
      poll: { id: 'koffie', kind: 'choice', question: 'Wat drink je het liefst?', options: [{ value: 'koffie', label: 'Koffie' }, { value: 'thee', label: 'Thee' }], period: { from: '2026-01-01', to: '2026-01-31' } },
      builtIn: false,
      createdAt: '2026-01-01T09:00:00.000Z',
      updatedAt: '2026-01-01T09:00:00.000Z',
    },
  ];
  flows: IntakeFlows['flows'] = [];
  periods: Partial<RetentionSettings> = { pollTextMonths: 12 };

  async pollDefinitions() {
    return this.polls;
  }
  async savePoll(id: string, body: Omit<PollDefinition, 'id'>) {
    const poll = { ...body, id };
    this.polls = [...this.polls.filter((p) => p.poll.id !== id), { poll, builtIn: false, createdAt: null, updatedAt: null }];
    return poll;
  }
  async intakeFlows(): Promise<IntakeFlows> {
    return { builtIn: DEFAULT_INTAKE_FLOW, flows: this.flows };
  }
  async saveIntakeFlow(flow: Omit<IntakeFlow, 'version'>) {
    const version = (this.flows.at(-1)?.version ?? 1) + 1;
    this.flows = [...this.flows, { version, flow: { ...flow, version }, actor: 'bk_3f9a', createdAt: new Date().toISOString() }];
    return version;
  }
  async retention(): Promise<RetentionInfo> {
    return {
      retention: { ...DEFAULT_RETENTION, ...this.periods },
      custom: this.periods,
      defaults: DEFAULT_RETENTION,
      min: 1,
      max: 120,
      rules: (Object.keys(DEFAULT_RETENTION) as (keyof RetentionSettings)[]).map((key) => ({ key, action: `purge.${key}`, what: key })),
    };
  }
  async saveRetention(periods: Partial<RetentionSettings>) {
    this.periods = periods;
    return this.retention();
  }
  async purge(): Promise<PurgeLine[]> {
    const info = await this.retention();
    return info.rules.map((r, n) => ({ action: r.action, what: r.what, months: info.retention[r.key], before: '2025-11-22T10:00:00.000Z', count: n }));
  }
}

type Args = { lang: 'nl' | 'en' };
const meta: Meta<Args> = {
  title: 'Coordinator page/Manage',
  args: { lang: 'nl' },
  argTypes: { lang: { control: 'inline-radio', options: ['nl', 'en'] } },
};
export default meta;
type Story = StoryObj<Args>;

export const Polls: Story = {
  render: ({ lang }) => html`<bk-admin-polls lang=${lang} can-edit .api=${new MemoryManageApi()}></bk-admin-polls>`,
  play: async ({ canvasElement }) => {
    const root = canvasElement.querySelector('bk-admin-polls')!.shadowRoot!;
    await waitFor(() => expect(root.querySelectorAll('.list > li')).toHaveLength(3));
  },
};

export const PollForm: Story = {
  render: ({ lang }) => html`<bk-admin-poll-form lang=${lang} .api=${new MemoryManageApi()} .poll=${DEFAULT_POLLS[1]}></bk-admin-poll-form>`,
};

export const WelcomeQuestions: Story = {
  render: ({ lang }) => html`<bk-admin-intake-flow lang=${lang} can-edit .api=${new MemoryManageApi()}></bk-admin-intake-flow>`,
};

export const Retention: Story = {
  render: ({ lang }) => html`<bk-admin-retention lang=${lang} .api=${new MemoryManageApi()}></bk-admin-retention>`,
};
