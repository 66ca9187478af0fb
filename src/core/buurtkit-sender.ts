import { BuurtkitWidget } from './buurtkit-widget.js';
import { renderTokenUrl } from './endpoint.js';

/**
 * Base of the widgets whose form sends submissions: as soon as one is shown with a collector
 * endpoint, it fetches the render token, so the visitor's first submit does not wait for it.
 * (Widgets that only read, or send only after a later click, extend `BuurtkitWidget`.)
 */
export class BuurtkitSender extends BuurtkitWidget {
  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (this.isConnected && old !== value) this.endpointChanged();
  }

  /**
   * Fetch the render token now. After a microtask: an upgrade applies attributes one by one, and
   * `endpoint-type` may come after `site`.
   */
  protected override endpointChanged(): void {
    queueMicrotask(() => {
      const cfg = this.resolvedEndpoint;
      if (this.isConnected && cfg?.endpointType === 'collector') {
        const url = renderTokenUrl(cfg);
        import('./render-token.js').then(
          (m) => m.prefetchRenderToken(url),
          () => undefined,
        );
      }
    });
  }
}
