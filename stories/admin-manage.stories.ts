import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { defineAdminElements } from '../src/admin/elements.js';
import type {
  AdminShiftSignup,
  AdminVolunteerItem,
  IntakeFlows,
  ManageApi,
  PurgeLine,
  RetentionApi,
  RetentionInfo,
  SitePoll,
  VolunteerApi,
  VolunteerCatalogueApi,
  VolunteerItemInput,
} from '../src/admin/shared/api.js';
import { DEFAULT_RETENTION, type RetentionSettings } from '../src/schema/constants.js';
import { DEFAULT_POLLS, type PollDefinition } from '../src/schema/poll-constants.js';
import { DEFAULT_INTAKE_FLOW } from '../src/schema/welcome-intake-default.js';
import type { IntakeFlow } from '../src/schema/welcome-intake-flow.js';
import type { VolunteerRole, VolunteerShift } from '../src/schema/volunteer.js';
import { sampleCatalogue } from './volunteer-sample.js';

defineAdminElements();

/**
 * The coordinator page's manage views (polls, the welcome questions) and the retention part of
 * privacy, with an in-memory API: saving works until the story is reloaded.
 */
class MemoryManageApi implements ManageApi, RetentionApi {
  polls: SitePoll[] = [
    ...DEFAULT_POLLS.map((poll) => ({ poll: { ...poll, subject: 'De Linde' }, builtIn: true, createdAt: null, updatedAt: null })),
    {
      poll: {
        id: 'koffie',
        kind: 'choice',
        question: 'Wat drink je het liefst?',
        options: [
          { value: 'koffie', label: 'Koffie' },
          { value: 'thee', label: 'Thee' },
        ],
        period: { from: '2026-01-01', to: '2026-01-31' },
      },
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
    return info.rules.map((r, n) => ({
      action: r.action,
      what: r.what,
      months: info.retention[r.key],
      before: '2025-11-22T10:00:00.000Z',
      count: n,
    }));
  }
}

/**
 * Roles and shifts in memory: one host shift full with two people waiting; more places offer
 * them a place, as the collector does.
 */
class MemoryVolunteerApi implements VolunteerApi, VolunteerCatalogueApi {
  catalogue = sampleCatalogue();
  signups: AdminShiftSignup[] = ['Anna', 'Bram', 'Carla'].map((firstName, n) => ({
    id: `v${n}`,
    shiftId: 's1',
    date: '2026-11-24',
    startAt: '2026-11-24T08:45:00.000Z',
    endAt: '2026-11-24T11:15:00.000Z',
    firstName,
    contact: `${firstName.toLowerCase()}@example.nl`,
    status: n === 0 ? 'confirmed' : 'waitlisted',
    position: n,
    attended: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    handledAt: null,
    handledBy: null,
  }));

  async volunteerCatalogue() {
    return structuredClone(this.catalogue);
  }
  async listSignups() {
    return structuredClone(this.signups);
  }
  async setAttendance(id: string, attended: boolean | null) {
    this.signups = this.signups.map((s) => (s.id === id ? { ...s, attended } : s));
    return this.signups.find((s) => s.id === id)!;
  }
  async saveVolunteerItem<K extends 'role' | 'shift'>(kind: K, data: VolunteerItemInput<K>, id = `${kind}-${Date.now()}`) {
    const record = { id, site: 'de-linde', kind, data, createdAt: '2026-11-22T10:00:00.000Z', updatedAt: new Date().toISOString() };
    if (kind === 'role') {
      const role = record as AdminVolunteerItem<VolunteerRole>;
      this.catalogue.roles = [...this.catalogue.roles.filter((r) => r.id !== id), role];
    } else {
      const shift = record as AdminVolunteerItem<VolunteerShift>;
      this.catalogue.shifts = [...this.catalogue.shifts.filter((s) => s.id !== id), shift];
      let free = shift.data.capacity - this.signups.filter((s) => s.shiftId === id && s.status !== 'waitlisted').length;
      this.signups = this.signups.map((s) =>
        s.shiftId === id && s.status === 'waitlisted' && free-- > 0 ? { ...s, status: 'offered' } : s,
      );
    }
    return record as never;
  }
  async deleteVolunteerItem(kind: 'role' | 'shift', id: string) {
    if (kind === 'role') this.catalogue.roles = this.catalogue.roles.filter((r) => r.id !== id);
    else this.catalogue.shifts = this.catalogue.shifts.filter((s) => s.id !== id);
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
  render: ({ lang }) =>
    html`<bk-admin-poll-form lang=${lang} .api=${new MemoryManageApi()} .poll=${DEFAULT_POLLS[1]}></bk-admin-poll-form>`,
};

export const WelcomeQuestions: Story = {
  render: ({ lang }) => html`<bk-admin-intake-flow lang=${lang} can-edit .api=${new MemoryManageApi()}></bk-admin-intake-flow>`,
};

export const Retention: Story = {
  render: ({ lang }) => html`<bk-admin-retention lang=${lang} .api=${new MemoryManageApi()}></bk-admin-retention>`,
};

/** Roles and shifts below who is coming; raise the host shift's places to offer the waitlist a place. */
export const VolunteerRolesAndShifts: Story = {
  render: ({ lang }) =>
    html`<bk-admin-volunteers lang=${lang} can-edit .from=${'2026-11-23'} .to=${'2026-12-31'} .api=${new MemoryVolunteerApi()}></bk-admin-volunteers>`,
  play: async ({ canvasElement }) => {
    const root = () =>
      canvasElement.querySelector('bk-admin-volunteers')!.shadowRoot!.querySelector('bk-admin-volunteer-catalogue')!.shadowRoot!;
    await waitFor(() => expect(root().querySelectorAll('.list > li')).toHaveLength(4));
  },
};

export const ShiftForm: Story = {
  render: ({ lang }) => {
    const { roles, shifts } = sampleCatalogue();
    return html`<bk-admin-volunteer-form lang=${lang} kind="shift" .api=${new MemoryVolunteerApi()} .roles=${roles} .record=${shifts[0]}></bk-admin-volunteer-form>`;
  },
};

export const RoleForm: Story = {
  render: ({ lang }) =>
    html`<bk-admin-volunteer-form lang=${lang} kind="role" .api=${new MemoryVolunteerApi()} .record=${sampleCatalogue().roles[0]}></bk-admin-volunteer-form>`,
};
