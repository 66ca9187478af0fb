import { expect, fixture, html } from '@open-wc/testing';
// Only the widget is defined at first: the provider comes later, as with two script tags in the
// "wrong" order.
import '../../src/define/idea-box.js';
import type { IdeaBox } from '../../src/widgets/idea-box/idea-box.js';
import { afterQueuedTimers, waitFor } from './helpers.js';

describe('<buurtkit-config> defined after the widgets', () => {
  it('still configures them, without a "not connected" flash or warning', async () => {
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args[0]);
    try {
      const wrap = await fixture<HTMLElement>(html`
        <buurtkit-config endpoint="http://127.0.0.1:9" site="late-site"><idea-box></idea-box></buurtkit-config>
      `);
      const el = wrap.querySelector('idea-box') as IdeaBox;
      await el.updateComplete;
      expect(customElements.get('buurtkit-config')).to.equal(undefined);
      expect(el.shadowRoot!.querySelector('[part~="notice"]')).to.equal(null);
      // The provider comes after the widget's own check (a zero-delay timer set at its first update).
      await afterQueuedTimers();
      expect(warnings.filter((w) => String(w).includes('[buurtkit]'))).to.have.length(0);
      await import('../../src/define/buurtkit-config.js');
      await waitFor(() => el.resolvedEndpoint?.site === 'late-site', { message: 'config from the late provider' });
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('form')).not.to.equal(null);
      await expect(el).to.be.accessible();
      // The check once the provider is defined is a zero-delay timer too, set before this one.
      await afterQueuedTimers();
      expect(warnings.filter((w) => String(w).includes('[buurtkit]'))).to.have.length(0);
    } finally {
      console.warn = warn;
    }
  });
});
