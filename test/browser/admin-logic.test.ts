/** Pure helpers of the coordinator page: CSV record counting, filters and search, the session. */
import { expect } from '@open-wc/testing';
import { countCsvRecords } from '../../src/admin/shared/csv-count.js';
import { emptyFilter, filterIdeas, ideasOfMonth, matchesSearch } from '../../src/admin/inbox/idea-filter.js';
import { meetingEntries, groupByTag, knownTags, mergeCandidates, mergedInto, tagCounts } from '../../src/admin/inbox/idea-groups.js';
import { normaliseTag } from '../../src/schema/idea-tags.js';
import { clearSession, readSession, saveSession } from '../../src/admin/session.js';
import type { AdminIdea } from '../../src/schema/admin.js';

const idea = (over: Partial<AdminIdea>): AdminIdea => ({
  id: '0190f000-0000-7000-8000-000000000001',
  site: 's',
  text: 'Een idee',
  category: null,
  role: null,
  wantsToHelp: false,
  name: null,
  contact: null,
  consentVersion: null,
  consentGivenAt: null,
  consentHash: null,
  locale: 'nl',
  published: false,
  status: 'ontvangen',
  statusReason: null,
  publicAnswer: null,
  votes: 0,
  createdAt: '2026-03-10T10:00:00.000Z',
  updatedAt: '2026-03-10T10:00:00.000Z',
  handledAt: null,
  handledBy: null,
  mergedInto: null,
  mergedAt: null,
  tags: [],
  ...over,
});

describe('countCsvRecords', () => {
  it('counts data rows, not the header, with or without a final line break', () => {
    expect(countCsvRecords('a;b\r\n1;2\r\n3;4\r\n')).to.equal(2);
    expect(countCsvRecords('a;b\r\n1;2\r\n3;4')).to.equal(2);
    expect(countCsvRecords('a;b\n1;2\n')).to.equal(1);
    expect(countCsvRecords('\uFEFFa;b\r\n')).to.equal(0);
    expect(countCsvRecords('')).to.equal(0);
  });

  it('does not end a record at a line break inside quotes, and reads doubled quotes', () => {
    const csv = 'id;idee\r\n1;"twee\r\nregels"\r\n2;"zegt ""hallo""\nen\r\nmeer"\r\n3;"a;b"\r\n';
    expect(countCsvRecords(csv)).to.equal(3);
    expect(countCsvRecords('x\r\n"";""\r\n')).to.equal(1);
  });
});

describe('idea filters and search', () => {
  const ideas = [
    idea({ id: 'a', text: 'Samen koken op vrijdag', createdAt: '2026-03-01T10:00:00Z', category: 'activiteit' }),
    idea({ id: 'b', text: 'Meer planten', createdAt: '2026-03-20T10:00:00Z', published: true, status: 'gepland', name: 'Fatima' }),
    idea({ id: 'c', text: 'Ideeën voor de tuin', createdAt: '2026-04-02T10:00:00Z', category: 'de-ruimte' }),
  ];

  it('lists newest first and filters on status, published, category and period', () => {
    expect(filterIdeas(ideas, emptyFilter()).map((i) => i.id)).to.deep.equal(['c', 'b', 'a']);
    expect(filterIdeas(ideas, { ...emptyFilter(), status: 'gepland' }).map((i) => i.id)).to.deep.equal(['b']);
    expect(filterIdeas(ideas, { ...emptyFilter(), published: 'no' }).map((i) => i.id)).to.deep.equal(['c', 'a']);
    expect(filterIdeas(ideas, { ...emptyFilter(), category: 'de-ruimte' }).map((i) => i.id)).to.deep.equal(['c']);
    expect(filterIdeas(ideas, { ...emptyFilter(), from: '2026-03-02', to: '2026-03-31' }).map((i) => i.id)).to.deep.equal(['b']);
  });

  it('searches every word, case and accent insensitively, names included', () => {
    expect(matchesSearch(ideas[2]!, 'IDEEEN tuin')).to.equal(true);
    expect(matchesSearch(ideas[1]!, 'fatima')).to.equal(true);
    expect(matchesSearch(ideas[0]!, 'koken zaterdag')).to.equal(false);
  });

  it('gives a month its ideas in the order they came in', () => {
    expect(ideasOfMonth(ideas, '2026-03').map((i) => i.id)).to.deep.equal(['a', 'b']);
  });
});

describe('merged ideas and tags', () => {
  const ideas = [
    idea({ id: 't', text: 'Koffie op zondag', createdAt: '2026-03-01T10:00:00Z', tags: ['koffie', 'zondag'] }),
    idea({ id: 'm1', text: 'Zondagskoffie', createdAt: '2026-03-05T10:00:00Z', mergedInto: 't', tags: ['koffie'] }),
    idea({ id: 'm2', text: 'Koffie in het weekend', createdAt: '2026-04-02T10:00:00Z', mergedInto: 't' }),
    idea({ id: 'g', text: 'Een moestuin', createdAt: '2026-04-03T10:00:00Z', tags: ['tuin'] }),
    idea({ id: 'h', text: 'Bloemen in de tuin', createdAt: '2026-04-04T10:00:00Z', tags: ['tuin', 'koffie'] }),
    idea({ id: 'x', text: 'Spelletjesmiddag', createdAt: '2026-04-05T10:00:00Z' }),
  ];

  it('normalises tags as the collector does', () => {
    expect(normaliseTag('  #Koffie   Ochtend ')).to.equal('koffie ochtend');
    expect(normaliseTag('a\u0000b')).to.equal('a b');
    expect(normaliseTag(' # ')).to.equal('');
  });

  it('counts each tag per idea, merged ideas counted for their target once, and filters by tag', () => {
    expect(tagCounts(ideas)).to.deep.equal([
      { tag: 'koffie', ideas: 4 },
      { tag: 'zondag', ideas: 3 },
      { tag: 'tuin', ideas: 2 },
    ]);
    expect(knownTags(ideas)).to.deep.equal(['koffie', 'tuin', 'zondag']);
    expect(filterIdeas(ideas, { ...emptyFilter(), tag: 'tuin' }).map((i) => i.id)).to.deep.equal(['h', 'g']);
    expect(mergedInto(ideas, 't').map((i) => i.id)).to.deep.equal(['m1', 'm2']);
  });

  it('offers merge partners in the direction that keeps groups one level deep', () => {
    const plain = mergeCandidates(ideas, ideas[3]!, '');
    expect(plain.direction).to.equal('into');
    expect(plain.ideas.map((i) => i.id)).to.deep.equal(['t', 'h', 'x']);
    expect(mergeCandidates(ideas, ideas[3]!, 'koffie').ideas.map((i) => i.id)).to.deep.equal(['t', 'h']);
    const target = mergeCandidates(ideas, ideas[0]!, '');
    expect(target.direction).to.equal('from');
    expect(target.ideas.map((i) => i.id)).to.deep.equal(['g', 'h', 'x']);
  });

  it("puts a month's merged ideas on the agenda as their target, once, and groups by the commonest tag", () => {
    const april = ideasOfMonth(ideas, '2026-04');
    const entries = meetingEntries(ideas, april);
    expect(entries.map((e) => [e.idea.id, e.alsoMentioned])).to.deep.equal([
      ['t', 2],
      ['g', 0],
      ['h', 0],
      ['x', 0],
    ]);
    expect(groupByTag(entries).map((g) => [g.tag, g.entries.map((e) => e.idea.id)])).to.deep.equal([
      ['koffie', ['t', 'h']],
      ['tuin', ['g']],
      ['', ['x']],
    ]);
  });
});

describe('admin session', () => {
  it('lives in sessionStorage only and is cleared on sign-out', () => {
    saveSession({ token: 'bk_x', site: 'de-linde' });
    expect(readSession()).to.deep.equal({ token: 'bk_x', site: 'de-linde' });
    expect(Object.keys(localStorage).filter((k) => k.includes('admin'))).to.deep.equal([]);
    clearSession();
    expect(readSession()).to.equal(undefined);
  });
});
