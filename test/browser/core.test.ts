import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define/all.js';
import { BuurtkitConfigElement } from '../../src/core/buurtkit-config.js';
import { BkErrorEvent } from '../../src/core/events.js';
import { registerLocale } from '../../src/core/localize.js';
import { IdeaBox } from '../../src/widgets/idea-box/idea-box.js';
import { IdeaBoxObject, waitFor } from './helpers.js';

const heading = (el: IdeaBox) => el.shadowRoot!.querySelector('[part~="heading"]')!.textContent!.trim();

describe('core: define, lang, localize, config', () => {
  it('a second define does not throw and keeps the first class', () => {
    expect(() => IdeaBox.define('idea-box')).not.to.throw();
    expect(() => BuurtkitConfigElement.define('buurtkit-config')).not.to.throw();
    class Copy extends IdeaBox {}
    expect(() => Copy.define('idea-box')).not.to.throw();
    expect(customElements.get('idea-box')).to.equal(IdeaBox);
  });

  it('renders Dutch by default and is accessible', async () => {
    const el = await fixture<IdeaBox>(html`<idea-box endpoint="http://127.0.0.1:9" site="s"></idea-box>`);
    await expect(el).to.be.accessible();
    expect(heading(el)).to.equal('Heb je een idee?');
    expect(el.shadowRoot!.textContent).to.contain('Je hoeft je naam niet te geven');
    expect(el.shadowRoot!.querySelector('[part~="base"]')!.getAttribute('lang')).to.equal('nl');
  });

  it('renders English from its own lang, and follows lang changes of ancestors', async () => {
    const own = await fixture<IdeaBox>(html`<idea-box lang="en" endpoint="http://127.0.0.1:9" site="s"></idea-box>`);
    await expect(own).to.be.accessible();
    expect(heading(own)).to.equal('Do you have an idea?');

    const wrap = await fixture<HTMLDivElement>(
      html`<div lang="en-GB"><section><idea-box endpoint="http://127.0.0.1:9" site="s"></idea-box></section></div>`,
    );
    const el = wrap.querySelector('idea-box')!;
    await el.updateComplete;
    expect(heading(el)).to.equal('Do you have an idea?');
    wrap.setAttribute('lang', 'nl-BE');
    await waitFor(() => heading(el) === 'Heb je een idee?', { message: 'Dutch after lang change' });
    wrap.setAttribute('lang', 'fr');
    await waitFor(() => heading(el) === 'Heb je een idee?', { message: 'unknown locale falls back to Dutch' });
  });

  it('resolves lang across shadow roots and from <html>', async () => {
    const host = await fixture<HTMLDivElement>(html`<div lang="en"></div>`);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<idea-box endpoint="http://127.0.0.1:9" site="s"></idea-box>';
    const inner = root.querySelector('idea-box')!;
    await inner.updateComplete;
    expect(heading(inner)).to.equal('Do you have an idea?');

    const before = document.documentElement.getAttribute('lang');
    document.documentElement.setAttribute('lang', 'en');
    try {
      const el = await fixture<IdeaBox>(html`<idea-box endpoint="http://127.0.0.1:9" site="s"></idea-box>`);
      expect(heading(el)).to.equal('Do you have an idea?');
    } finally {
      if (before === null) document.documentElement.removeAttribute('lang');
      else document.documentElement.setAttribute('lang', before);
    }
  });

  it('overrides strings per instance by attribute and property, and a heading attribute', async () => {
    const el = await fixture<IdeaBox>(
      html`<idea-box strings='{"intro":"Vertel het ons!","submit":"Stuur"}' heading="Jouw idee voor De Linde" endpoint="http://127.0.0.1:9" site="s"></idea-box>`,
    );
    const po = new IdeaBoxObject(el);
    expect(heading(el)).to.equal('Jouw idee voor De Linde');
    expect(po.$('[part~="intro"]')!.textContent).to.equal('Vertel het ons!');
    expect(po.$('button[type=submit]')!.textContent!.trim()).to.equal('Stuur');
    el.strings = { submit: 'Verzenden maar' };
    await el.updateComplete;
    expect(po.$('button[type=submit]')!.textContent!.trim()).to.equal('Verzenden maar');
  });

  it('registers a locale as data, with plural forms, and turns right-to-left for Arabic', async () => {
    await import('../../src/widgets/idea-box/locales/ar.js');
    const el = await fixture<IdeaBox>(html`<idea-box lang="ar" endpoint="http://127.0.0.1:9" site="s"></idea-box>`);
    await expect(el).to.be.accessible();
    const base = el.shadowRoot!.querySelector('[part~="base"]')!;
    expect(base.getAttribute('dir')).to.equal('rtl');
    expect(heading(el)).to.equal('هل لديك فكرة؟');
    el.setAttribute('dir', 'ltr');
    await el.updateComplete;
    expect(base.getAttribute('dir')).to.equal('ltr');

    registerLocale('fy', { 'idea-box': { heading: 'Hasto in idee?' } });
    const fy = await fixture<IdeaBox>(html`<idea-box lang="fy-NL" endpoint="http://127.0.0.1:9" site="s"></idea-box>`);
    expect(heading(fy)).to.equal('Hasto in idee?');
    // Missing keys fall back to Dutch.
    expect(new IdeaBoxObject(fy).$('button[type=submit]')!.textContent!.trim()).to.equal('Idee versturen');
    // The list's strings come with the list, which loads on demand.
    await waitFor(() => fy.l.has('votes'), { message: 'the list strings' });
    expect(fy.l.t('votes', { count: 1 })).to.equal('1 persoon vindt dit een goed idee');
    expect(fy.l.t('votes', { count: 3 })).to.equal('3 mensen vinden dit een goed idee');
  });

  it('takes endpoint and site from <buurtkit-config>, and its own attributes win', async () => {
    const wrap = await fixture<BuurtkitConfigElement>(html`
      <buurtkit-config endpoint="http://127.0.0.1:9" site="from-config">
        <idea-box></idea-box>
        <idea-box site="own-site" endpoint-type="webhook"></idea-box>
      </buurtkit-config>
    `);
    const [a, b] = [...wrap.querySelectorAll('idea-box')] as IdeaBox[];
    await a!.updateComplete;
    expect(a!.resolvedEndpoint).to.deep.equal({
      endpoint: 'http://127.0.0.1:9',
      site: 'from-config',
      endpointType: 'collector',
      payloadFormat: 'json',
    });
    expect(b!.resolvedEndpoint).to.include({ site: 'own-site', endpointType: 'webhook', endpoint: 'http://127.0.0.1:9' });
    expect(getComputedStyle(wrap).display).to.equal('contents');
    wrap.site = 'changed';
    await wrap.updateComplete;
    expect(a!.resolvedEndpoint?.site).to.equal('changed');
  });

  it('shows a polite "not connected" message, warns once and dispatches bk-error', async () => {
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args[0]);
    try {
      const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
      const el = document.createElement('idea-box');
      const error = oneEvent(wrap, 'bk-error') as Promise<BkErrorEvent>;
      wrap.append(el);
      expect((await error).reason).to.equal('no-endpoint');
      const notice = el.shadowRoot!.querySelector('[part~="notice"]')!;
      expect(notice.textContent).to.contain('Een idee sturen kan hier nog niet.');
      expect(el.shadowRoot!.querySelector('form')).to.equal(null);
      await expect(el).to.be.accessible();
      expect(warnings.filter((w) => String(w).includes('[buurtkit]'))).to.have.length(1);
      el.endpoint = 'http://127.0.0.1:9';
      el.site = 's';
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('form')).not.to.equal(null);
    } finally {
      console.warn = warn;
    }
  });
});
