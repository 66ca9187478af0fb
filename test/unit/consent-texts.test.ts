/** The collector's consent registry must hold the exact texts the widgets show. */
import { describe, expect, it } from 'vitest';
import { CONSENT_TEXTS, consentText } from '../../src/schema/consent.js';
import { IDEA_CONSENT_TEXT_VERSION } from '../../src/schema/index.js';
import { ar } from '../../src/widgets/idea-box/locales/ar.js';
import { en } from '../../src/widgets/idea-box/locales/en.js';
import { nl as IDEA_BOX_STRINGS } from '../../src/widgets/idea-box/strings.js';

describe('consent text registry', () => {
  it('has the idea box consent label of every language, verbatim', () => {
    expect(CONSENT_TEXTS[IDEA_CONSENT_TEXT_VERSION]).toEqual({
      nl: IDEA_BOX_STRINGS.consentLabel,
      en: en.consentLabel,
      ar: ar.consentLabel,
    });
  });

  it('finds a text by exact locale, then by language; unknown versions and languages are undefined', () => {
    expect(consentText(IDEA_CONSENT_TEXT_VERSION, 'en-GB')).toBe(en.consentLabel);
    expect(consentText(IDEA_CONSENT_TEXT_VERSION, 'NL')).toBe(IDEA_BOX_STRINGS.consentLabel);
    expect(consentText(IDEA_CONSENT_TEXT_VERSION, 'fr')).toBeUndefined();
    expect(consentText('nope', 'nl')).toBeUndefined();
    expect(consentText('constructor', 'nl')).toBeUndefined();
  });
});
