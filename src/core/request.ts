/**
 * The requests that post envelopes, apart from `endpoint.ts`: only the sending code needs them
 * (with the url-encoding for `payload-format="form"`), so a widget's first download does not carry
 * them when its sending part loads on demand. Pure; no DOM.
 */
import { FORM_TYPE, JSON_TYPE, renderTokenUrl, siteBase, type OutboxRequest, type ResolvedEndpoint } from './endpoint.js';
import { toFormBody } from './form-encoding.js';

/** The request that posts a submission envelope. */
export function submissionRequest(cfg: ResolvedEndpoint, envelope: object): OutboxRequest {
  if (cfg.endpointType === 'webhook') {
    if (cfg.payloadFormat === 'form') {
      return { url: cfg.endpoint, method: 'POST', contentType: FORM_TYPE, body: toFormBody(envelope), mode: 'no-cors' };
    }
    return jsonRequest(cfg.endpoint, envelope);
  }
  return { ...jsonRequest(`${siteBase(cfg)}/submissions`, envelope), tokenUrl: renderTokenUrl(cfg) };
}

/** The request that posts a vote envelope for a published idea (collector mode only). */
export function voteRequest(cfg: ResolvedEndpoint, ideaId: string, envelope: object): OutboxRequest {
  // A render token, as for submissions: the collector refuses a vote without one.
  return { ...jsonRequest(`${siteBase(cfg)}/ideas/${encodeURIComponent(ideaId)}/votes`, envelope), tokenUrl: renderTokenUrl(cfg) };
}

function jsonRequest(url: string, envelope: object): OutboxRequest {
  return { url, method: 'POST', contentType: JSON_TYPE, body: JSON.stringify(envelope), mode: 'cors' };
}
