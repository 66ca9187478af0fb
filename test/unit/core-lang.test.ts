import { describe, expect, it } from 'vitest';
import { buildEnvelope } from '../../src/core/envelope.js';
import { dirOf, matchLocale } from '../../src/core/lang.js';
import { interpolate } from '../../src/core/localize.js';
import { isUuidV7, uuidv7Time } from '../../src/schema/ids.js';
import { ideaSubmissionSchema } from '../../src/schema/idea-box.js';

describe('matchLocale', () => {
  const available = ['nl', 'en', 'ar'];
  it('matches exactly, then region-insensitively, else Dutch', () => {
    expect(matchLocale('en', available)).toBe('en');
    expect(matchLocale('EN-gb', available)).toBe('en');
    expect(matchLocale('nl-BE', available)).toBe('nl');
    expect(matchLocale('ar_MA', available)).toBe('ar');
    expect(matchLocale('fr', available)).toBe('nl');
    expect(matchLocale('', available)).toBe('nl');
    expect(matchLocale('pt-BR', ['nl', 'pt-BR', 'pt'])).toBe('pt-BR');
  });
});

describe('dirOf', () => {
  it('knows right-to-left scripts by language', () => {
    expect(dirOf('ar')).toBe('rtl');
    expect(dirOf('he-IL')).toBe('rtl');
    expect(dirOf('fa')).toBe('rtl');
    expect(dirOf('nl')).toBe('ltr');
    expect(dirOf('tr')).toBe('ltr');
  });
});

describe('interpolate', () => {
  it('fills known placeholders and leaves others', () => {
    expect(interpolate('Nog {count} van {max}', { count: 3, max: 10 })).toBe('Nog 3 van 10');
    expect(interpolate('Hallo {name}', {})).toBe('Hallo {name}');
  });
});

describe('buildEnvelope', () => {
  it('builds what the collector accepts, with a UUIDv7 id', () => {
    const now = Date.parse('2026-11-22T12:00:00Z');
    const envelope = buildEnvelope({
      site: 'de-linde',
      widget: 'idea-box',
      locale: 'nl-BE',
      data: { kind: 'idea' as const, text: 'Een wandelgroep', wantsToHelp: true },
      trap: { honeypot: '', elapsedMs: 4000 },
      now,
    });
    expect(isUuidV7(envelope.id)).toBe(true);
    expect(uuidv7Time(envelope.id)).toBe(now);
    expect(envelope.sentAt).toBe('2026-11-22T12:00:00.000Z');
    expect(envelope.consent).toBeUndefined();
    expect('consent' in envelope).toBe(false);
    expect(ideaSubmissionSchema.safeParse(envelope).success).toBe(true);
  });
  it('replaces a locale the protocol would refuse', () => {
    const e = buildEnvelope({ site: 's', widget: 'idea-box', locale: 'nederlands!', data: {}, trap: { honeypot: '', elapsedMs: 0 } });
    expect(e.locale).toBe('nl');
  });
});
