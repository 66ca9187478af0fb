import { describe, expect, it } from 'vitest';
import { buildEnvelope } from '../../src/core/envelope.js';
import { ideaSubmissionSchema } from '../../src/schema/idea-box.js';
import { categoryLabel, parseCategories } from '../../src/widgets/idea-box/categories.js';
import { emptyValues, needsConsent, type IdeaFormValues } from '../../src/widgets/idea-box/form-values.js';
import {
  buildConsent,
  buildIdeaPayload,
  errorsToIssues,
  mapIssues,
  validateIdea,
  valuesFromPayload,
} from '../../src/widgets/idea-box/payload.js';

const values = (v: Partial<IdeaFormValues>): IdeaFormValues => ({ ...emptyValues(), ...v });

describe('validateIdea', () => {
  it('requires 3–2000 characters of idea, after trimming', () => {
    expect(validateIdea(values({ text: '' })).idea).toBe('errIdeaMissing');
    expect(validateIdea(values({ text: '   ' })).idea).toBe('errIdeaMissing');
    expect(validateIdea(values({ text: ' ab ' })).idea).toBe('errIdeaShort');
    expect(validateIdea(values({ text: 'abc' }))).toEqual({});
    expect(validateIdea(values({ text: 'x'.repeat(2000) }))).toEqual({});
    expect(validateIdea(values({ text: 'x'.repeat(2001) })).idea).toBe('errIdeaLong');
  });
  it('needs a plausible contact, and consent when contact is given', () => {
    expect(needsConsent(values({ contact: ' ' }))).toBe(false);
    expect(validateIdea(values({ text: 'abc', contact: 'bel me' }))).toEqual({ contact: 'errContact', consent: 'errConsent' });
    expect(validateIdea(values({ text: 'abc', contact: 'ans@example.nl' }))).toEqual({ consent: 'errConsent' });
    expect(validateIdea(values({ text: 'abc', contact: '06-12345678', consent: true }))).toEqual({});
  });
  it('checks lengths the collector limits', () => {
    expect(validateIdea(values({ text: 'abc', name: 'x'.repeat(101) })).name).toBe('errField');
    expect(validateIdea(values({ text: 'abc', category: 'x'.repeat(61) })).category).toBe('errField');
  });
});

describe('buildIdeaPayload / buildConsent', () => {
  it('trims, leaves out what is empty, and only sends known roles', () => {
    expect(buildIdeaPayload(values({ text: '  Een wandelgroep ', role: 'koning', name: ' ', contact: '' }))).toEqual({
      kind: 'idea',
      text: 'Een wandelgroep',
      wantsToHelp: false,
    });
    expect(
      buildIdeaPayload(
        values({ text: 'x y z', category: 'activiteit', role: 'naaste', wantsToHelp: true, name: ' Ans ', contact: ' ans@example.nl ' }),
      ),
    ).toEqual({
      kind: 'idea',
      text: 'x y z',
      category: 'activiteit',
      role: 'naaste',
      wantsToHelp: true,
      name: 'Ans',
      contact: 'ans@example.nl',
    });
  });
  it('gives consent only with contact details, with the text version', () => {
    const now = Date.parse('2026-11-22T12:00:00Z');
    expect(buildConsent(values({ consent: true }), now)).toBeUndefined();
    expect(buildConsent(values({ contact: 'a@b.nl', consent: false }), now)).toBeUndefined();
    expect(buildConsent(values({ contact: 'a@b.nl', consent: true }), now)).toEqual({
      textVersion: 'idea-contact-2026-11',
      givenAt: '2026-11-22T12:00:00.000Z',
    });
  });
  it('produces envelopes the collector schema accepts whenever the browser checks pass', () => {
    const v = values({ text: 'Huiswerkbegeleiding', contact: '+31 6 1234 5678', consent: true, role: 'buurtbewoner' });
    expect(validateIdea(v)).toEqual({});
    const envelope = buildEnvelope({
      site: 'de-linde',
      widget: 'idea-box',
      locale: 'nl',
      data: buildIdeaPayload(v),
      consent: buildConsent(v),
      trap: { honeypot: '', elapsedMs: 10 },
    });
    expect(ideaSubmissionSchema.safeParse(envelope).success).toBe(true);
  });
  it('restores form values from a payload', () => {
    expect(valuesFromPayload({ kind: 'idea', text: 'abc', role: 'naaste', wantsToHelp: true }, true)).toEqual(
      values({ text: 'abc', role: 'naaste', wantsToHelp: true, consent: true }),
    );
  });
});

describe('mapIssues', () => {
  it('maps collector paths onto fields with the widget’s own messages', () => {
    expect(
      mapIssues(
        [
          { path: 'data.text', message: 'Too small' },
          { path: 'data.contact', message: 'Enter an e-mail address or a phone number' },
          { path: 'consent', message: 'Consent is required' },
        ],
        values({ text: 'ab' }),
      ),
    ).toEqual({ errors: { idea: 'errIdeaShort', contact: 'errContact', consent: 'errConsent' }, unmapped: false });
  });
  it('flags issues it cannot place, and an empty issue list', () => {
    expect(mapIssues([{ path: 'site', message: 'x' }], values({}))).toEqual({ errors: {}, unmapped: true });
    expect(mapIssues([], values({}))).toEqual({ errors: {}, unmapped: true });
    expect(mapIssues([{ path: 'consent.givenAt', message: 'x' }], values({})).errors).toEqual({ consent: 'errConsent' });
  });
  it('round-trips field errors to issue paths', () => {
    expect(errorsToIssues({ idea: 'errIdeaShort', consent: 'errConsent' })).toEqual([
      { path: 'data.text', message: 'errIdeaShort' },
      { path: 'consent', message: 'errConsent' },
    ]);
  });
});

describe('categories', () => {
  it('parses a comma list and JSON, dropping what is unusable', () => {
    expect(parseCategories(null)).toBeUndefined();
    expect(parseCategories(' activiteit , , Tuin')).toEqual([{ value: 'activiteit' }, { value: 'Tuin' }]);
    expect(parseCategories('[{"value":"tuin","label":"De tuin"},"x",{"label":"no value"}]')).toEqual([
      { value: 'tuin', label: 'De tuin' },
      { value: 'x' },
    ]);
    expect(parseCategories(`${'x'.repeat(61)}`)).toBeUndefined();
  });
  it('labels per language, by built-in label, or by value', () => {
    const builtIn = (v: string) => (v === 'activiteit' ? 'Een activiteit' : undefined);
    expect(categoryLabel({ value: 'activiteit' }, 'nl', builtIn)).toBe('Een activiteit');
    expect(categoryLabel({ value: 'Tuin' }, 'nl', builtIn)).toBe('Tuin');
    expect(categoryLabel({ value: 't', label: { nl: 'De tuin', en: 'The garden' } }, 'en', builtIn)).toBe('The garden');
    expect(categoryLabel({ value: 't', label: { nl: 'De tuin' } }, 'ar', builtIn)).toBe('De tuin');
  });
});
