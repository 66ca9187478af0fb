import { describe, expect, it } from 'vitest';
import { normaliseContact, sameContact } from '../../src/collector/privacy/contact.js';

describe('normaliseContact', () => {
  it('lower-cases and trims e-mail addresses', () => {
    expect(normaliseContact('  Anna.de.Vries@Example.NL ')).toEqual({ kind: 'email', key: 'anna.de.vries@example.nl' });
  });

  it('spells Dutch and international phone numbers one way', () => {
    for (const spelling of ['06-12345678', '06 1234 5678', '+31 6 12345678', '0031612345678', '(06) 12.34.56.78']) {
      expect(normaliseContact(spelling)).toEqual({ kind: 'phone', key: '+31612345678' });
    }
    expect(normaliseContact('020-1234567')).toEqual({ kind: 'phone', key: '+31201234567' });
    expect(normaliseContact('+32 470 12 34 56')).toEqual({ kind: 'phone', key: '+32470123456' });
    expect(normaliseContact('0032 470 12 34 56')).toEqual({ kind: 'phone', key: '+32470123456' });
  });

  it('refuses what is neither', () => {
    for (const bad of ['', 'anna', '12', 'anna@', 'bel me']) expect(normaliseContact(bad)).toBeNull();
  });

  it('compares a stored detail with a normalised one', () => {
    const wanted = normaliseContact('+31612345678')!;
    expect(sameContact('06-12345678', wanted)).toBe(true);
    expect(sameContact('06-12345679', wanted)).toBe(false);
    expect(sameContact(null, wanted)).toBe(false);
    expect(sameContact('anna@example.nl', normaliseContact('ANNA@example.nl')!)).toBe(true);
  });
});
