import { describe, expect, it } from 'vitest';
import {
  envelopeBaseSchema,
  IDEA_CONSENT_TEXT_VERSION,
  ideaModerationSchema,
  ideaSubmissionSchema,
  isUuidV7,
  publishedIdeaListSchema,
  toFieldIssues,
  UUID_V7_PATTERN,
  uuidv7,
  uuidv7Time,
  voteSubmissionSchema,
} from '../../src/schema/index.js';

const base = () => ({
  id: uuidv7(),
  site: 'de-linde',
  widget: 'idea-box',
  schemaVersion: 1,
  sentAt: '2026-11-22T10:15:00.000+01:00',
  locale: 'nl-NL',
  trap: { honeypot: '', elapsedMs: 4200 },
});
const idea = (data: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  ...base(),
  data: { kind: 'idea', text: 'Een buurtmoestuin', ...data },
  ...extra,
});
const consent = { textVersion: IDEA_CONSENT_TEXT_VERSION, givenAt: '2026-11-22T09:15:00Z' };

/** The dot-joined paths of the issues a parse reports, as the collector's 422 does. */
function paths(result: { success: boolean; error?: unknown }): string[] {
  if (result.success) return [];
  return toFieldIssues(result.error as Parameters<typeof toFieldIssues>[0]).map((i) => i.path);
}

describe('envelope', () => {
  it('accepts a complete envelope and rejects unknown keys', () => {
    expect(envelopeBaseSchema.safeParse({ ...base(), data: {} }).success).toBe(true);
    expect(paths(envelopeBaseSchema.safeParse({ ...base(), data: {}, extra: 1 }))).toEqual(['']);
    expect(paths(envelopeBaseSchema.safeParse({ ...base(), data: {}, trap: { honeypot: '', elapsedMs: 1, x: 1 } }))).toEqual(['trap']);
  });

  it.each([
    ['id', { id: 'abc' }],
    ['id', { id: '0190b1a4-3c7e-4a5b-8c9d-0123456789ab' }], // v4, not v7
    ['site', { site: 'De Linde' }],
    ['site', { site: '-linde' }],
    ['widget', { widget: 'guestbook' }],
    ['schemaVersion', { schemaVersion: 2 }],
    ['sentAt', { sentAt: 'yesterday' }],
    ['locale', { locale: 'nederlands!' }],
    ['trap.elapsedMs', { trap: { honeypot: '', elapsedMs: -1 } }],
    ['trap.honeypot', { trap: { honeypot: 'x'.repeat(501), elapsedMs: 1 } }],
    ['consent.givenAt', { consent: { textVersion: 'v1', givenAt: 'now' } }],
  ])('reports %s', (path, patch) => {
    expect(paths(envelopeBaseSchema.safeParse({ ...base(), data: {}, ...patch }))).toContain(path);
  });
});

describe('idea submission', () => {
  it('accepts a minimal anonymous idea and normalises it', () => {
    const parsed = ideaSubmissionSchema.parse(idea({ text: '  Een buurtmoestuin  ', name: '   ', category: '' }));
    expect(parsed.data).toEqual({
      kind: 'idea',
      text: 'Een buurtmoestuin',
      wantsToHelp: false,
      name: undefined,
      category: undefined,
      contact: undefined,
    });
  });

  it('accepts a full idea with contact and consent', () => {
    const parsed = ideaSubmissionSchema.parse(
      idea({ category: 'activiteit', role: 'naaste', wantsToHelp: true, name: 'Fatima', contact: '+31 (0)6-1234 5678' }, { consent }),
    );
    expect(parsed.data).toMatchObject({ role: 'naaste', wantsToHelp: true, contact: '+31 (0)6-1234 5678' });
    expect(parsed.consent).toEqual(consent);
  });

  it.each([
    ['data.text', { text: 'ab' }],
    ['data.text', { text: '     ' }],
    ['data.text', { text: 'x'.repeat(2001) }],
    ['data.text', { text: 42 }],
    ['data.role', { role: 'burgemeester' }],
    ['data.wantsToHelp', { wantsToHelp: 'ja' }],
    ['data.name', { name: 'x'.repeat(101) }],
    ['data.category', { category: 'x'.repeat(61) }],
    ['data.contact', { contact: 'bel me' }],
    ['data.contact', { contact: '12345' }],
    ['data.kind', { kind: 'vote' }],
    ['data', { secret: 'x' }],
  ])('reports %s', (path, data) => {
    expect(paths(ideaSubmissionSchema.safeParse(idea(data, { consent })))).toContain(path);
  });

  it('asks for consent when contact details are given, at path consent', () => {
    const result = ideaSubmissionSchema.safeParse(idea({ contact: 'anna@example.nl' }));
    expect(paths(result)).toEqual(['consent']);
    expect(ideaSubmissionSchema.safeParse(idea({ contact: 'anna@example.nl' }, { consent })).success).toBe(true);
  });

  it('rejects other widgets and unknown keys at the top level', () => {
    expect(paths(ideaSubmissionSchema.safeParse(idea({}, { widget: 'feedback-poll' })))).toContain('widget');
    expect(paths(ideaSubmissionSchema.safeParse(idea({}, { ip: '1.2.3.4' })))).toEqual(['']);
  });
});

describe('vote submission', () => {
  const vote = (data: Record<string, unknown>) => ({ ...base(), data: { kind: 'vote', ideaId: uuidv7(), ...data } });
  it('accepts a vote for a UUIDv7 idea id', () => {
    expect(voteSubmissionSchema.safeParse(vote({})).success).toBe(true);
  });
  it.each([
    ['data.ideaId', { ideaId: 'nope' }],
    ['data.kind', { kind: 'like' }],
    ['data', { weight: 5 }],
  ])('reports %s', (path, data) => {
    expect(paths(voteSubmissionSchema.safeParse(vote(data)))).toContain(path);
  });
});

describe('moderation and public list', () => {
  it('needs at least one change and knows the statuses', () => {
    expect(ideaModerationSchema.safeParse({ published: true }).success).toBe(true);
    expect(ideaModerationSchema.safeParse({ statusReason: null }).success).toBe(true);
    expect(ideaModerationSchema.safeParse({}).success).toBe(false);
    expect(paths(ideaModerationSchema.safeParse({ status: 'klaar' }))).toEqual(['status']);
  });
  it('describes a public list without private fields', () => {
    const entry = {
      id: uuidv7(),
      text: 't',
      category: null,
      status: 'gepland',
      statusReason: null,
      publicAnswer: null,
      votes: 0,
      createdAt: 'x',
      updatedAt: 'x',
    };
    expect(publishedIdeaListSchema.safeParse({ ideas: [entry], sort: 'newest' }).success).toBe(true);
    const parsed = publishedIdeaListSchema.parse({ ideas: [{ ...entry, contact: 'a@b.nl' }], sort: 'votes' });
    expect(parsed.ideas[0]).not.toHaveProperty('contact');
  });
});

describe('uuidv7', () => {
  it('has the v7 format, version and variant bits', () => {
    for (let i = 0; i < 200; i++) {
      const id = uuidv7();
      expect(id).toMatch(UUID_V7_PATTERN);
      expect(id[14]).toBe('7');
      expect('89ab').toContain(id[19]);
      expect(isUuidV7(id)).toBe(true);
    }
    expect(isUuidV7(crypto.randomUUID())).toBe(false);
  });

  it('encodes the time, so ids sort by creation time', () => {
    const t = Date.UTC(2026, 10, 22, 10, 15, 30, 123);
    expect(uuidv7Time(uuidv7(t))).toBe(t);
    expect(uuidv7(0).startsWith('00000000-0000-7')).toBe(true);
    const ids = [t, t + 1, t + 1000, t + 86_400_000, Date.UTC(2100, 0, 1)].map((ms) => uuidv7(ms));
    expect([...ids].sort()).toEqual(ids);
  });

  it('is random within the same millisecond', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => uuidv7(1_700_000_000_000)));
    expect(ids.size).toBe(1000);
  });
});
