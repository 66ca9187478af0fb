import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { defineAdminElements } from '../src/admin/elements.js';
import type {
  AdminApplication,
  AdminIntake,
  AdminPoll,
  AdminPollResponse,
  AdminShiftSignup,
  InboxApi,
  VolunteerCatalogue,
} from '../src/admin/shared/api.js';
import type { AdminIdea, HandledState } from '../src/schema/admin.js';
import type { HandledKind } from '../src/schema/constants.js';
import { sampleCatalogue } from './volunteer-sample.js';

defineAdminElements();

/**
 * The inbox per widget with an in-memory API: ideas, welcome talks, volunteer sign-ups
 * and poll comments, each with filters, a detail view and "mark as handled".
 */
const day = (d: number, h = 10) => new Date(Date.UTC(2026, 10, d, h)).toISOString();
const open: HandledState = { handledAt: null, handledBy: null };
const done: HandledState = { handledAt: day(21, 14), handledBy: 'Fatima' };
const id = (n: number) => `019a0000-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`;

const ideas: AdminIdea[] = [
  {
    id: id(1),
    site: 'de-linde',
    text: 'Een spelletjesmiddag op vrijdag.',
    category: 'activiteit',
    role: null,
    wantsToHelp: false,
    name: null,
    contact: null,
    consentVersion: null,
    consentGivenAt: null,
    consentHash: null,
    locale: 'nl',
    published: true,
    status: 'gepland',
    statusReason: null,
    publicAnswer: null,
    votes: 2,
    createdAt: day(3),
    updatedAt: day(5),
    mergedInto: null,
    mergedAt: null,
    tags: ['spelletjes'],
    ...done,
  },
];

class MemoryInboxApi implements InboxApi {
  intakes: AdminIntake[] = [
    {
      id: id(10),
      receivedAt: day(19),
      flow: { id: 'welkom', version: 1 },
      visibility: 'host',
      forSomeoneElse: false,
      assisted: true,
      locale: 'nl',
      answers: { reden: ['praatje'], interesses: ['koken', 'creatief'] },
      sensitiveAnswers: 'withheld',
      ...open,
    },
    {
      id: id(11),
      receivedAt: day(12),
      flow: { id: 'welkom', version: 1 },
      visibility: 'professional',
      forSomeoneElse: true,
      assisted: false,
      locale: 'ar',
      answers: null,
      sensitiveAnswers: 'withheld',
      ...done,
    },
  ];
  applications: AdminApplication[] = [
    {
      id: id(20),
      receivedAt: day(18),
      locale: 'nl',
      data: { kind: 'application', firstName: 'Joris', contact: 'joris@example.org', roles: ['Tuinploeg'], availability: ['di-middag'] },
      ...open,
    },
  ];
  signups: AdminShiftSignup[] = [
    {
      id: id(30),
      shiftId: 's1',
      date: '2026-11-28',
      startAt: '2026-11-28T09:00:00.000Z',
      endAt: '2026-11-28T11:00:00.000Z',
      firstName: 'Amina',
      contact: '06 1234 5678',
      status: 'confirmed',
      position: 0,
      attended: null,
      createdAt: day(17),
      ...open,
    },
  ];
  responses: AdminPollResponse[] = [
    {
      id: id(40),
      pollId: 'welkom',
      answer: 'goed',
      statements: null,
      comment: 'Hartelijk ontvangen, de koffie was lekker.',
      story: null,
      respondentType: null,
      mode: 'kiosk',
      locale: 'nl',
      receivedAt: day(20),
      ...open,
    },
  ];
  async listIntakes() {
    return this.intakes;
  }
  async listApplications() {
    return this.applications;
  }
  async listSignups() {
    return this.signups;
  }
  async volunteerCatalogue(): Promise<VolunteerCatalogue> {
    return sampleCatalogue();
  }
  async setAttendance(): Promise<AdminShiftSignup> {
    return this.signups[0]!;
  }
  async listPolls(): Promise<AdminPoll[]> {
    return [{ id: 'welkom', title: 'Hoe was je bezoek?', options: [{ value: 'goed', label: 'Goed' }] }];
  }
  async listPollResponses() {
    return this.responses;
  }
  async setHandled(_kind: HandledKind, itemId: string, handled: boolean) {
    return { id: itemId, ...(handled ? { handledAt: new Date().toISOString(), handledBy: 'Fatima' } : open) };
  }
}

interface Args {
  lang: 'nl' | 'en';
}

const meta: Meta<Args> = {
  title: 'Coordinator page/Inbox per widget',
  args: { lang: 'nl' },
  argTypes: { lang: { control: 'inline-radio', options: ['nl', 'en'] } },
};
export default meta;
type Story = StoryObj<Args>;

export const PerWidget: Story = {
  render: ({ lang }) => html`<bk-admin-inbox lang=${lang} .ideas=${ideas} .api=${new MemoryInboxApi()} can-handle></bk-admin-inbox>`,
  play: async ({ canvasElement }) => {
    const root = canvasElement.querySelector('bk-admin-inbox')!.shadowRoot!;
    await waitFor(() => expect(root.querySelectorAll('button[data-tab]')).toHaveLength(4));
  },
};

export const EntryDetail: Story = {
  render: ({ lang }) => {
    const api = new MemoryInboxApi();
    const entry = {
      kind: 'application' as const,
      id: id(20),
      receivedAt: day(18),
      summary: 'Tuinploeg',
      badges: [],
      facets: [],
      ...open,
      rows: [
        ['Voornaam', 'Joris'],
        ['Contact', 'joris@example.org'],
        ['Rollen', 'Tuinploeg'],
      ] as [string, string][],
    };
    return html`<bk-admin-entry-detail lang=${lang} .entry=${entry} .api=${api} can-handle></bk-admin-entry-detail>`;
  },
};
