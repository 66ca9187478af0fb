/**
 * What the calendar says after an "ik kom": a refusal of the page itself (the collector does not
 * know the site, or the website is not on its list) is "not connected", not a plain failure, and
 * not "vol". The answers are what the real collector sends (see test/collector/*).
 */
import { describe, expect, it } from 'vitest';
import type { DeliveryResult } from '../../src/core/delivery.js';
import { stateOf } from '../../src/widgets/activity-calendar/attendance.js';
import { detailNl } from '../../src/widgets/activity-calendar/detail-strings.js';
import { ar } from '../../src/widgets/activity-calendar/locales/ar.js';
import { en } from '../../src/widgets/activity-calendar/locales/en.js';

const failed = (status: number, notConnected?: 'origin_not_allowed' | 'site_not_found'): DeliveryResult => ({
  state: 'failed',
  id: 'x',
  status,
  issues: [],
  ...(notConnected && { notConnected }),
});

describe('"ik kom" outcome', () => {
  it('tells a refusal of the page apart from other failures', () => {
    expect(stateOf(failed(403, 'origin_not_allowed'))).toBe('not-connected');
    expect(stateOf(failed(404, 'site_not_found'))).toBe('not-connected');
    expect(stateOf(failed(404))).toBe('failed');
    expect(stateOf(failed(409))).toBe('full');
    expect(stateOf(failed(410))).toBe('closed');
    expect(stateOf(failed(500))).toBe('failed');
  });

  it('has the not-connected text in Dutch, English and Arabic, promising nothing', () => {
    expect(detailNl['attend.not-connected']).toContain('Aanmelden kan hier nog niet');
    expect(detailNl['attend.not-connected']).toContain('niet geteld');
    expect(en['attend.not-connected']).toContain('cannot sign up here yet');
    expect(en['attend.not-connected']).toContain('not counted');
    expect(ar['attend.not-connected']).toContain('لا يمكن التسجيل هنا بعد');
    expect(ar['attend.not-connected']).toContain('لم يُحسب');
  });
});
