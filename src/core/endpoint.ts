/**
 * Endpoint modes: where a widget sends and reads. Pure; no DOM.
 *
 * - `collector` (default): `endpoint` is a buurtkit collector's base URL; the widget uses the
 *   `/v1/sites/{site}/…` routes and may read (the public idea list, votes). Always JSON.
 * - `webhook`: `endpoint` is any URL that accepts a POST (a webhook, n8n, Zapier, a form service,
 *   a small PHP script). The envelope is POSTed to it as-is, as JSON (a CORS request: the receiver
 *   must answer the preflight) or, with `payload-format="form"`, url-encoded with dotted keys and
 *   `mode: 'no-cors'`: a simple request with no preflight whose answer the browser hides from us,
 *   so any answer that arrives counts as delivered. Features that need reads are hidden.
 */
export type EndpointType = 'collector' | 'webhook';
export type PayloadFormat = 'json' | 'form';

/** What `<buurtkit-config>` provides and a widget's own attributes override. */
export interface EndpointConfig {
  endpoint?: string | undefined;
  site?: string | undefined;
  endpointType?: EndpointType | undefined;
  payloadFormat?: PayloadFormat | undefined;
}

/** A configuration with everything a widget needs to send. */
export interface ResolvedEndpoint {
  endpoint: string;
  site: string;
  endpointType: EndpointType;
  payloadFormat: PayloadFormat;
}

/** How to send one envelope; what the outbox stores next to it. */
export interface OutboxRequest {
  url: string;
  method: 'POST';
  contentType: string;
  body: string;
  mode: RequestMode;
  /** Collector submissions: where the outbox gets a render token (sent as `Buurtkit-Render-Token`). */
  tokenUrl?: string;
}

export const JSON_TYPE = 'application/json';
export const FORM_TYPE = 'application/x-www-form-urlencoded;charset=UTF-8';

/** Merge a widget's own settings over the provided ones; undefined when endpoint or site is missing. */
export function resolveEndpoint(own: EndpointConfig, provided: EndpointConfig | undefined): ResolvedEndpoint | undefined {
  const endpoint = (own.endpoint || provided?.endpoint || '').trim();
  const site = (own.site || provided?.site || '').trim();
  if (!endpoint || !site) return undefined;
  // Anything unknown means the default.
  const endpointType = (own.endpointType ?? provided?.endpointType) === 'webhook' ? 'webhook' : 'collector';
  const payloadFormat = (own.payloadFormat ?? provided?.payloadFormat) === 'form' ? 'form' : 'json';
  return { endpoint, site, endpointType, payloadFormat };
}

/** Whether this endpoint can serve reads (public lists, vote counts). */
export function canRead(cfg: ResolvedEndpoint): boolean {
  return cfg.endpointType === 'collector';
}

/** The collector's base for the site, `{endpoint}/v1/sites/{site}`. */
export function siteBase(cfg: ResolvedEndpoint): string {
  return `${cfg.endpoint.replace(/\/+$/, '')}/v1/sites/${encodeURIComponent(cfg.site)}`;
}

/** A path under the site's collector base, e.g. `volunteer/host-today` (collector mode only). */
export function siteUrl(cfg: ResolvedEndpoint, path: string): string {
  return `${siteBase(cfg)}/${path}`;
}

/** GET: the site's published ideas (collector mode only). */
export function ideasUrl(cfg: ResolvedEndpoint): string {
  return `${siteBase(cfg)}/ideas`;
}

/** GET: a render token for the site's forms (collector mode only). */
export function renderTokenUrl(cfg: ResolvedEndpoint): string {
  return `${siteBase(cfg)}/render-token`;
}
