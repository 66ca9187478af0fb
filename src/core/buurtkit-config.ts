import { ContextProvider } from '@lit/context';
import { css, html, type PropertyDeclarations } from 'lit';
import { BuurtkitElement } from './buurtkit-element.js';
import { configContext } from './config-context.js';
import type { EndpointType, PayloadFormat } from './endpoint.js';

/**
 * Gives every buurtkit widget inside it the same endpoint and site, so a website owner sets them
 * once per page. A widget's own `endpoint`, `site`, `endpoint-type` and `payload-format`
 * attributes win over these. `lang` here is the ordinary HTML attribute: widgets inside inherit
 * it like any element. Renders as `display: contents`.
 *
 * @tagname buurtkit-config
 * @summary Shared endpoint and site for the widgets inside it.
 * @slot - The widgets (any content).
 */
export class BuurtkitConfigElement extends BuurtkitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  static override properties: PropertyDeclarations = {
    endpoint: {},
    site: {},
    endpointType: { attribute: 'endpoint-type' },
    payloadFormat: { attribute: 'payload-format' },
  };

  /** Base URL of the collector, or the URL that receives the POST in webhook mode. */
  declare endpoint: string | undefined;
  /** The site slug at the collector (lower-case letters, digits and dashes). */
  declare site: string | undefined;
  /** `collector` (default) or `webhook`. */
  declare endpointType: EndpointType | undefined;
  /** `json` (default) or `form` (url-encoded, webhook mode only). */
  declare payloadFormat: PayloadFormat | undefined;

  private readonly provider = new ContextProvider(this, { context: configContext });

  override connectedCallback(): void {
    // Provide the attribute values before the first render, so consumers never see "no endpoint".
    this.provide();
    super.connectedCallback();
  }

  protected override willUpdate(): void {
    this.provide();
  }

  private provide(): void {
    this.provider.setValue({
      endpoint: this.endpoint,
      site: this.site,
      endpointType: this.endpointType,
      payloadFormat: this.payloadFormat,
    });
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
