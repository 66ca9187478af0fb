import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { defineAdminElements } from '../src/admin/elements.js';
import type {
  AdminApi,
  IdeaGroupsApi,
  AdminPoll,
  AuditLine,
  ErasureReceipt,
  IntakeSummary,
  PersonFound,
  Scopes,
  SectionsApi,
} from '../src/admin/shared/api.js';
import type { CsvDelimiterName } from '../src/schema/constants.js';
import type { PollResults } from '../src/schema/poll-results.js';
import type { AdminIdea, IdeaTagChange } from '../src/schema/admin.js';
import type { IdeaModeration } from '../src/schema/idea-box.js';

defineAdminElements();

/**
 * The coordinator page's views with an in-memory API (no collector needed, also in a static
 * build). In the app story any token signs in.
 */
const day = (d: number, h = 10) => new Date(Date.UTC(2026, 10, d, h)).toISOString();
const base = {
  site: 'de-linde',
  role: null,
  wantsToHelp: false,
  name: null,
  contact: null,
  consentVersion: null,
  consentGivenAt: null,
  consentHash: null,
  locale: 'nl',
  statusReason: null,
  publicAnswer: null,
  votes: 0,
  handledAt: null,
  handledBy: null,
  mergedInto: null,
  mergedAt: null,
  tags: [] as string[],
};
const sampleIdeas = (): AdminIdea[] => [
  {
    ...base,
    id: '019a0000-0000-7000-8000-000000000001',
    text: 'Een spelletjesmiddag op vrijdag.',
    tags: ['spelletjes', 'vrijdag'],
    category: 'activiteit',
    published: true,
    status: 'gepland',
    publicAnswer: 'Vanaf december, elke eerste vrijdag.',
    votes: 4,
    createdAt: day(3),
    updatedAt: day(5),
  },
  {
    ...base,
    id: '019a0000-0000-7000-8000-000000000002',
    text: 'Meer planten in de huiskamer,\nen een plek om stekjes te ruilen.',
    category: 'de-ruimte',
    published: false,
    status: 'ontvangen',
    role: 'buurtbewoner',
    wantsToHelp: true,
    name: 'Sanne',
    contact: 'sanne@example.org',
    consentVersion: 'idea-contact-2026-11',
    consentGivenAt: day(12),
    createdAt: day(12),
    updatedAt: day(12),
  },
  {
    ...base,
    id: '019a0000-0000-7000-8000-000000000003',
    text: 'Een taalcafé voor nieuwe buren.',
    tags: ['taal'],
    category: 'samen-organiseren',
    published: false,
    status: 'wordt-besproken',
    createdAt: day(18),
    updatedAt: day(18),
  },
];

class MemoryApi implements AdminApi, IdeaGroupsApi {
  readonly site = 'de-linde';
  constructor(public ideas = sampleIdeas()) {}
  private change(id: string, change: (idea: AdminIdea) => Partial<AdminIdea>) {
    this.ideas = this.ideas.map((i) => (i.id === id ? { ...i, ...change(i), updatedAt: new Date().toISOString() } : i));
    return this.ideas.find((i) => i.id === id)!;
  }
  async mergeIdeas(target: string, ids: string[]) {
    for (const id of ids) this.change(id, () => ({ mergedInto: target, mergedAt: new Date().toISOString() }));
    return this.change(target, () => ({}));
  }
  async unmergeIdea(id: string) {
    return this.change(id, () => ({ mergedInto: null, mergedAt: null }));
  }
  async changeIdeaTags(id: string, { add = [], remove = [] }: Partial<IdeaTagChange>) {
    return this.change(id, (i) => ({ tags: [...new Set([...i.tags.filter((t) => !remove.includes(t)), ...add])].sort() }));
  }
  async scopes(): Promise<Scopes> {
    return { read: true, moderate: true, export: true };
  }
  async listIdeas() {
    return this.ideas;
  }
  async moderateIdea(id: string, changes: IdeaModeration) {
    return this.change(id, () => changes as Partial<AdminIdea>);
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

/** Tags and duplicates of the first idea: the third idea was merged into it. */
export const DuplicatesAndTags: Story = {
  render: ({ lang }) => {
    const ideas = sampleIdeas().map((i, n) => (n === 2 ? { ...i, mergedInto: sampleIdeas()[0]!.id, mergedAt: day(19) } : i));
    const api = new MemoryApi(ideas);
    return html`<bk-admin-idea-tags lang=${lang} can-edit .idea=${ideas[0]} .api=${api} .known=${['koffie', 'spelletjes', 'taal', 'vrijdag']}></bk-admin-idea-tags>
      <bk-admin-idea-merge lang=${lang} can-edit .idea=${ideas[0]} .ideas=${ideas} .api=${api}></bk-admin-idea-merge>`;
  },
};

export const Agenda: Story = {
  render: ({ lang }) => html`<bk-admin-house-meeting lang=${lang} month="2026-11" .ideas=${sampleIdeas()}></bk-admin-house-meeting>`,
};

export const Export: Story = {
  render: ({ lang }) => html`<bk-admin-export lang=${lang} .api=${new MemoryApi()}></bk-admin-export>`,
};

// — exports, results and privacy sections —

/** In-memory answers for the sections; the figures are made up and stay the same. */
class MemorySectionsApi implements SectionsApi {
  audit: AuditLine[] = [{ at: day(20, 9), actor: 'bk_3f9a', action: 'export.ideas', target: 'ideas.csv', rowCount: 3 }];
  async download(path: string) {
    const text = `\uFEFFid;idee\r\n1;een\r\n2;twee\r\n`;
    this.audit = [
      { at: new Date().toISOString(), actor: 'bk_3f9a', action: 'export', target: path.split('?')[0]!.split('/').pop()!, rowCount: 2 },
      ...this.audit,
    ];
    return { blob: new Blob([text], { type: 'text/csv' }), fileName: 'export.csv', contentType: 'text/csv' };
  }
  async auditLog() {
    return this.audit;
  }
  async listPolls(): Promise<AdminPoll[]> {
    return [
      {
        id: 'activiteit',
        title: 'Hoe vond je de activiteit?',
        options: [
          { value: 'ja', label: 'Ja' },
          { value: 'nee', label: 'Nee' },
        ],
      },
    ];
  }
  async pollResults(): Promise<PollResults> {
    const answers = [
      { value: 'ja', count: 14, percent: 70 },
      { value: 'nee', count: 6, percent: 30 },
    ];
    return { pollId: 'activiteit', n: 20, question: { n: 20, answers }, statements: [] };
  }
  async intakeSummary(): Promise<IntakeSummary> {
    return {
      intakes: 12,
      questions: [{ id: 'onderwerp', label: 'Waarvoor kom je?', sensitive: false, counts: { koffie: 7, taal: 3, hulp: 2 } }],
    };
  }
  async reportHtml() {
    return '<!doctype html><html lang="nl"><title>Impactrapport</title><h1>Impactrapport</h1></html>';
  }
  async findPerson(): Promise<PersonFound> {
    const idea = sampleIdeas()[1]!;
    return {
      matched: { ideas: 1, volunteerSignups: 0, volunteerApplications: 0, intakes: 0 },
      ideas: [idea],
      volunteerSignups: [],
      volunteerApplications: [],
      intakes: [],
    };
  }
  async erasePerson(): Promise<ErasureReceipt> {
    return {
      receiptId: '019a0000-0000-7000-8000-0000000000ff',
      erasedAt: new Date().toISOString(),
      matched: { ideas: 1 },
      removedFields: ['name', 'contact'],
    };
  }
}

export const Exports: Story = {
  render: ({ lang }) => html`<bk-admin-exports lang=${lang} can-audit .api=${new MemorySectionsApi()}></bk-admin-exports>`,
};

export const Results: Story = {
  render: ({ lang }) => html`<bk-admin-results lang=${lang} .api=${new MemorySectionsApi()}></bk-admin-results>`,
  play: async ({ canvasElement }) => {
    const root = canvasElement.querySelector('bk-admin-results')!.shadowRoot!;
    await waitFor(() => expect(root.querySelectorAll('rect.bar')).toHaveLength(5));
  },
};

export const Privacy: Story = {
  render: ({ lang }) => html`<bk-admin-privacy lang=${lang} .api=${new MemorySectionsApi()}></bk-admin-privacy>`,
};
