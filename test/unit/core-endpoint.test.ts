import { describe, expect, it } from 'vitest';
import { FORM_TYPE, canRead, ideasUrl, resolveEndpoint, type ResolvedEndpoint } from '../../src/core/endpoint.js';
import { submissionRequest, voteRequest } from '../../src/core/request.js';
import { flattenForm, toFormBody } from '../../src/core/form-encoding.js';

const envelope = {
  id: '01a20388-ab46-7d63-b7fb-5f08a3599bbd',
  site: 'de-linde',
  widget: 'idea-box',
  schemaVersion: 1,
  consent: { textVersion: 'v1', givenAt: '2026-11-22T12:00:00.000Z' },
  data: { kind: 'idea', text: 'Een wandelgroep & meer = leuk', wantsToHelp: false, tags: ['a', 'b'], none: undefined, empty: null },
  trap: { honeypot: '', elapsedMs: 1234 },
};

describe('flattenForm / toFormBody', () => {
  it('joins nested keys with dots and arrays by index, skipping undefined', () => {
    expect(flattenForm(envelope)).toEqual([
      ['id', envelope.id],
      ['site', 'de-linde'],
      ['widget', 'idea-box'],
      ['schemaVersion', '1'],
      ['consent.textVersion', 'v1'],
      ['consent.givenAt', '2026-11-22T12:00:00.000Z'],
      ['data.kind', 'idea'],
      ['data.text', 'Een wandelgroep & meer = leuk'],
      ['data.wantsToHelp', 'false'],
      ['data.tags.0', 'a'],
      ['data.tags.1', 'b'],
      ['data.empty', ''],
      ['trap.honeypot', ''],
      ['trap.elapsedMs', '1234'],
    ]);
  });
  it('url-encodes so that a form parser reads the same values back', () => {
    const back = new URLSearchParams(toFormBody(envelope));
    expect(back.get('data.text')).toBe('Een wandelgroep & meer = leuk');
    expect(back.get('trap.elapsedMs')).toBe('1234');
  });
});

describe('resolveEndpoint', () => {
  it('lets own settings win over provided ones, with defaults', () => {
    expect(resolveEndpoint({ site: 'own' }, { endpoint: 'https://c.example', site: 'cfg' })).toEqual({
      endpoint: 'https://c.example',
      site: 'own',
      endpointType: 'collector',
      payloadFormat: 'json',
    });
    expect(resolveEndpoint({ endpointType: 'webhook' }, { endpoint: 'https://h', site: 's', payloadFormat: 'form' })).toMatchObject({
      endpointType: 'webhook',
      payloadFormat: 'form',
    });
  });
  it('is undefined without endpoint or site, and ignores unknown modes', () => {
    expect(resolveEndpoint({ endpoint: 'https://c' }, undefined)).toBeUndefined();
    expect(resolveEndpoint({ site: 's' }, { endpoint: '  ' })).toBeUndefined();
    expect(resolveEndpoint({ endpoint: 'x', site: 's', endpointType: 'ftp' as never }, undefined)?.endpointType).toBe('collector');
  });
});

describe('requests per mode', () => {
  const collector: ResolvedEndpoint = {
    endpoint: 'https://c.example/base/',
    site: 'de-linde',
    endpointType: 'collector',
    payloadFormat: 'form',
  };
  it('collector: the /v1 routes, always JSON with CORS, reads allowed', () => {
    expect(submissionRequest(collector, envelope)).toEqual({
      url: 'https://c.example/base/v1/sites/de-linde/submissions',
      method: 'POST',
      contentType: 'application/json',
      body: JSON.stringify(envelope),
      mode: 'cors',
      tokenUrl: 'https://c.example/base/v1/sites/de-linde/render-token',
    });
    expect(voteRequest(collector, 'idea-1', {}).url).toBe('https://c.example/base/v1/sites/de-linde/ideas/idea-1/votes');
    expect(ideasUrl(collector)).toBe('https://c.example/base/v1/sites/de-linde/ideas');
    expect(canRead(collector)).toBe(true);
  });
  it('webhook: the endpoint as-is; JSON with CORS, or a no-cors form post; no reads', () => {
    const hook: ResolvedEndpoint = { endpoint: 'https://hooks.example/abc?x=1', site: 's', endpointType: 'webhook', payloadFormat: 'json' };
    expect(submissionRequest(hook, envelope)).toMatchObject({
      url: 'https://hooks.example/abc?x=1',
      mode: 'cors',
      contentType: 'application/json',
    });
    const form = submissionRequest({ ...hook, payloadFormat: 'form' }, envelope);
    expect(form).toMatchObject({ url: 'https://hooks.example/abc?x=1', mode: 'no-cors', contentType: FORM_TYPE });
    expect(form.tokenUrl).toBeUndefined(); // render tokens are a collector's; a webhook gets none
    expect(new URLSearchParams(form.body).get('data.kind')).toBe('idea');
    expect(canRead(hook)).toBe(false);
  });
});
