/**
 * Property tests on the envelope parser the collector runs on every POST: whatever arrives, it
 * never throws, and whatever it accepts is within the protocol's bounds.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CATEGORY_MAX,
  CONTACT_MAX,
  IDEA_TEXT_MAX,
  IDEA_TEXT_MIN,
  NAME_MAX,
  RESPONDENT_ROLES,
  ideaSubmissionSchema,
  isUuidV7,
  uuidv7,
  voteSubmissionSchema,
} from '../../src/schema/index.js';

const RUNS = 1500;

/**
 * Envelopes that are mostly well formed, so the accepting side is reached, with any field swapped
 * for junk or an edge value now and then, and now and then an unknown key.
 */
const junk = fc.oneof(fc.anything(), fc.string({ maxLength: 3000 }), fc.integer(), fc.constant(null));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 12, arbitrary: arb }, { weight: 1, arbitrary: junk });

const ideaData = fc.record(
  {
    kind: maybe(fc.constant('idea')),
    text: maybe(
      fc.oneof(
        { weight: 8, arbitrary: fc.string({ minLength: 3, maxLength: 300 }) },
        { weight: 1, arbitrary: fc.string({ maxLength: IDEA_TEXT_MAX + 50 }) },
      ),
    ),
    category: maybe(fc.string({ maxLength: CATEGORY_MAX + 5 })),
    role: maybe(fc.constantFrom(...RESPONDENT_ROLES, 'baas')),
    wantsToHelp: maybe(fc.boolean()),
    name: maybe(fc.string({ maxLength: NAME_MAX + 5 })),
    contact: maybe(fc.oneof(fc.emailAddress(), fc.constant('+31 6 12345678'), fc.string({ maxLength: CONTACT_MAX + 10 }))),
  },
  { requiredKeys: ['kind', 'text'] },
);

const envelope = (data: fc.Arbitrary<unknown>) =>
  fc
    .record(
      {
        id: maybe(fc.constant(null).map(() => uuidv7())),
        site: maybe(fc.constantFrom('de-linde', 'x1', 'Bad Site')),
        widget: maybe(fc.constantFrom('idea-box', 'idea-box', 'idea-box', 'feedback-poll')),
        schemaVersion: maybe(fc.constantFrom(1, 1, 1, 2)),
        sentAt: maybe(
          fc.date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2100-01-01') }).map((d) => d.toISOString()),
        ),
        locale: maybe(fc.constantFrom('nl', 'en-GB', 'ar', 'x')),
        consent: maybe(
          fc.record({ textVersion: fc.string({ minLength: 1, maxLength: 70 }), givenAt: fc.constant(new Date().toISOString()) }),
        ),
        data: maybe(data),
        trap: maybe(fc.record({ honeypot: fc.string({ maxLength: 600 }), elapsedMs: fc.integer({ min: -5, max: 10_000_000 }) })),
      },
      { requiredKeys: ['id', 'site', 'widget', 'schemaVersion', 'sentAt', 'locale', 'data', 'trap'] },
    )
    .chain((e) =>
      fc.oneof({ weight: 9, arbitrary: fc.constant(e) }, { weight: 1, arbitrary: fc.anything().map((x) => ({ ...e, extra: x })) }),
    );

describe('envelope parsing (property)', () => {
  it('never throws on any input, and every accepted idea is within bounds', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof({ weight: 4, arbitrary: envelope(ideaData) }, { weight: 1, arbitrary: fc.anything() }), (input) => {
        const result = ideaSubmissionSchema.safeParse(input);
        if (!result.success) {
          expect(result.error.issues.length).toBeGreaterThan(0);
          return;
        }
        accepted++;
        const e = result.data;
        expect(isUuidV7(e.id)).toBe(true);
        expect(e.widget).toBe('idea-box');
        expect(e.data.text.length).toBeGreaterThanOrEqual(IDEA_TEXT_MIN);
        expect(e.data.text.length).toBeLessThanOrEqual(IDEA_TEXT_MAX);
        expect(e.data.text).toBe(e.data.text.trim());
        if (e.data.category !== undefined) expect(e.data.category.length).toBeLessThanOrEqual(CATEGORY_MAX);
        if (e.data.name !== undefined) expect(e.data.name.length).toBeLessThanOrEqual(NAME_MAX);
        if (e.data.contact !== undefined) {
          expect(e.data.contact.length).toBeLessThanOrEqual(CONTACT_MAX);
          expect(e.consent).toBeDefined();
        }
        if (e.data.role !== undefined) expect(RESPONDENT_ROLES).toContain(e.data.role);
        // Unknown keys never get through (strict objects).
        expect(Object.keys(e)).not.toContain('extra');
        expect(e.trap.elapsedMs).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: RUNS },
    );
    // The generator must reach the accepting side too (about 4 % of runs), or the property says nothing.
    expect(accepted).toBeGreaterThan(RUNS / 100);
  });

  it('never throws on any vote, and accepted votes name a UUIDv7 idea', () => {
    const vote = fc.record({ kind: maybe(fc.constant('vote')), ideaId: maybe(fc.constant(null).map(() => uuidv7())) });
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof({ weight: 4, arbitrary: envelope(vote) }, { weight: 1, arbitrary: fc.anything() }), (input) => {
        const result = voteSubmissionSchema.safeParse(input);
        if (!result.success) return;
        accepted++;
        expect(isUuidV7(result.data.data.ideaId)).toBe(true);
        expect(Object.keys(result.data)).not.toContain('extra');
      }),
      { numRuns: RUNS },
    );
    expect(accepted).toBeGreaterThan(RUNS / 100);
  });
});
