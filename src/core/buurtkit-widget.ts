import { ContextEvent } from '@lit/context';
import type { PropertyDeclarations } from 'lit';
import { BuurtkitElement } from './buurtkit-element.js';
import { CONFIG_TAG, configContext, type BuurtkitConfig } from './config-context.js';
import { resolveEndpoint, type EndpointType, type PayloadFormat, type ResolvedEndpoint } from './endpoint.js';
import { BkErrorEvent, type BkErrorReason } from './events.js';
import { closestAcross } from './lang.js';
import { nextTask } from './next-task.js';
import { stringsConverter, type StringTable } from './localize.js';
import type { Outbox } from './outbox.js';

/**
 * Base of every widget that talks to an endpoint: endpoint settings (own attributes over
 * `<buurtkit-config>`), per-instance string overrides, and a visible, logged "not connected"
 * state. Widgets whose form sends extend `BuurtkitSender`, which also fetches a render token early.
 */
export class BuurtkitWidget extends BuurtkitElement {
  static override properties: PropertyDeclarations = {
    endpoint: {},
    site: {},
    endpointType: { attribute: 'endpoint-type' },
    payloadFormat: { attribute: 'payload-format' },
    strings: { converter: stringsConverter },
    outbox: { attribute: false },
    configPending: { state: true, attribute: false },
  };

  /** Collector base URL, or in webhook mode the URL that receives the POST. Overrides `<buurtkit-config>`. */
  declare endpoint: string | undefined;
  /** Site slug at the collector. Overrides `<buurtkit-config>`. */
  declare site: string | undefined;
  /** `collector` (default) or `webhook`. */
  declare endpointType: EndpointType | undefined;
  /** `json` (default) or `form` (url-encoded; webhook mode only). */
  declare payloadFormat: PayloadFormat | undefined;
  /** Per-instance text overrides: `.strings=${{heading: '…'}}` or `strings='{"heading":"…"}'`. */
  declare strings: StringTable | undefined;
  /** Advanced: a custom `Outbox` (e.g. for tests); the page's shared outbox by default. */
  declare outbox: Outbox | undefined;
  /** True while an ancestor `<buurtkit-config>` waits for its definition. */
  declare protected configPending: boolean;

  /** What the closest `<buurtkit-config>` provides, and how to stop listening to it. */
  private config: BuurtkitConfig | undefined;
  private unsubscribe: (() => void) | undefined;
  private warnedUnconfigured = false;

  constructor() {
    super();
    this.configPending = false;
  }

  /** The endpoint to use, or undefined when endpoint or site is missing. */
  get resolvedEndpoint(): ResolvedEndpoint | undefined {
    return resolveEndpoint(this, this.config);
  }

  /** Whether to show the "not connected" message (never while a provider is still loading). */
  protected get unconfigured(): boolean {
    return !this.configPending && !this.resolvedEndpoint;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.requestConfig();
    this.endpointChanged();
    // A <buurtkit-config> defined after this widget misses our context request: ask again once
    // it is defined, so the order of the define calls (or script tags) does not matter.
    if (!customElements.get(CONFIG_TAG) && closestAcross(this, (e) => e.localName === CONFIG_TAG)) {
      this.configPending = true;
      void customElements.whenDefined(CONFIG_TAG).then(() => {
        this.configPending = false;
        if (this.isConnected) this.requestConfig();
        this.checkConfigured();
      });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** Ask the closest provider for the config and its later changes (the Lit context protocol). */
  private requestConfig(): void {
    this.dispatchEvent(
      new ContextEvent(
        configContext,
        this,
        (value, unsubscribe) => {
          if (unsubscribe !== this.unsubscribe) this.unsubscribe?.();
          this.unsubscribe = unsubscribe;
          this.config = value;
          this.endpointChanged();
          this.requestUpdate();
        },
        true,
      ),
    );
  }

  /**
   * The first render waits for a task of its own: loading the module, defining the tag and the
   * first render in one task blocked a slow phone for 50–100 ms, and widgets on one page each
   * render in their own task. `updateComplete` still waits for it.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    return this.hasUpdated ? super.scheduleUpdate() : nextTask().then(() => super.scheduleUpdate());
  }

  /** The endpoint settings may have changed (connected, or the provider's config arrived). */
  protected endpointChanged(): void {}

  protected override firstUpdated(): void {
    this.checkConfigured();
  }

  /** Dispatch `bk-error`. */
  protected emitError(reason: BkErrorReason, detail?: BkErrorEvent['detail']): void {
    this.dispatchEvent(new BkErrorEvent(reason, detail));
  }

  /** Warn the website owner once, after providers had a turn. */
  private checkConfigured(): void {
    setTimeout(() => {
      if (this.warnedUnconfigured || !this.isConnected || !this.unconfigured) return;
      this.warnedUnconfigured = true;
      console.warn(
        `[buurtkit] <${this.localName}> has no endpoint or site, so it cannot send or load anything. Set its endpoint and site ` +
          `attributes, or put it inside <buurtkit-config endpoint="…" site="…">.`,
      );
      this.emitError('no-endpoint');
    });
  }
}
