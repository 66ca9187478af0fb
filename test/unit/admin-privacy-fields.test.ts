import { describe, expect, it } from 'vitest';
import { erasedFieldLabels, personFields } from '../../src/admin/privacy/privacy-fields.js';
import { pollAnswerLabel } from '../../src/admin/polls/poll-words.js';
import { adminNl } from '../../src/admin/shared/strings.js';

describe('privacy fields', () => {
  it('shows chosen fields with a label and a kind, never the raw names or other tables’ ids', () => {
    const idea = {
      id: 'i1',
      site: 'x',
      text: 'Een moestuin',
      name: 'Anna',
      contact: 'anna@example.nl',
      wantsToHelp: true,
      consentGivenAt: '2026-12-06T12:50:40.857Z',
      createdAt: '2026-12-06T12:50:40.857Z',
      status: 'gepland',
      published: false,
      mergedInto: null,
    };
    const fields = personFields('ideas', idea);
    expect(fields.map((f) => f.label)).toEqual([
      'pf.name',
      'pf.contact',
      'pf.text',
      'pf.createdAt',
      'pf.status',
      'pf.published',
      'pf.consentGivenAt',
      'pf.id',
    ]);
    expect(fields.find((f) => f.label === 'pf.createdAt')!.kind).toBe('date');
    expect(fields.find((f) => f.label === 'pf.status')!.kind).toBe('word:status');
    const application = {
      id: 'a1',
      receivedAt: '2026-12-01T10:00:00.000Z',
      data: { firstName: 'Bram', contact: '0612345678', roles: ['Bar'], skills: '' },
    };
    expect(personFields('volunteerApplications', application).map((f) => [f.label, f.value])).toEqual([
      ['pf.firstName', 'Bram'],
      ['pf.contact', '0612345678'],
      ['pf.roles', ['Bar']],
      ['pf.createdAt', '2026-12-01T10:00:00.000Z'],
      ['pf.id', 'a1'],
    ]);
  });

  it('groups the erased fields of a receipt per source, as labels with Dutch text', () => {
    const groups = erasedFieldLabels(['ideas.name', 'ideas.contact', 'ideas.consentVersion', 'volunteerApplications.*', 'intakes.*']);
    expect(groups).toEqual([
      ['ideas', ['pf.name', 'pf.contact', 'pf.consentVersion']],
      ['volunteerApplications', ['pf.all']],
      ['intakes', ['pf.all']],
    ]);
    for (const [, labels] of groups) for (const label of labels) expect(adminNl).toHaveProperty([label]);
  });
});

describe('poll answers on the coordinator page', () => {
  const t = (key: string) => (adminNl as Record<string, unknown>)[key] as string;
  it('shows a choice by its label and a built-in answer by its word, smileys included', () => {
    expect(pollAnswerLabel({ options: [{ value: 'koffie', label: 'Koffie' }] }, 'koffie', t)).toBe('Koffie');
    expect(pollAnswerLabel({ options: [] }, 'heel-goed', t)).toBe('😀 Heel goed');
    expect(pollAnswerLabel(undefined, 'neutraal', t)).toBe('Niet eens, niet oneens');
    expect(pollAnswerLabel(undefined, '4', t)).toBe('4');
  });
});
