import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define/idea-box.js';
import type { BkErrorEvent } from '../../src/core/events.js';
import type { BkSubmitEvent } from '../../src/core/send-events.js';
import type { IdeaBox } from '../../src/widgets/idea-box/idea-box.js';
import { IdeaBoxObject } from './helpers.js';

async function make(attrs = '') {
  const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
  wrap.innerHTML = `<idea-box endpoint="http://127.0.0.1:9" site="s" hide-list ${attrs}></idea-box>`;
  const el = wrap.querySelector('idea-box') as IdeaBox;
  await el.updateComplete;
  return new IdeaBoxObject(el);
}

describe('<idea-box> form', () => {
  it('has labelled native fields, an anonymous default and a hidden honeypot', async () => {
    const po = await make();
    await expect(po.el).to.be.accessible();
    for (const id of ['idea', 'category', 'role', 'help', 'name', 'contact']) {
      expect(po.$(`label[for="${id}"]`), id).not.to.equal(null);
    }
    const idea = po.field<HTMLTextAreaElement>('idea');
    expect(idea.required).to.equal(true);
    expect(idea.minLength).to.equal(3);
    expect(idea.maxLength).to.equal(2000);
    expect(po.field('name').required).to.equal(false);
    expect(po.field('contact').required).to.equal(false);
    expect(po.$('#consent')).to.equal(null);
    const trap = po.field('website');
    expect(trap.tabIndex).to.equal(-1);
    expect(trap.autocomplete).to.equal('off');
    expect(trap.closest('[aria-hidden="true"]')).not.to.equal(null);
    expect(trap.getBoundingClientRect().right).to.be.below(0);
    // The default categories and roles, with Dutch labels.
    const categories = po.$$<HTMLOptionElement>('#category option').map((o) => o.value);
    expect(categories).to.deep.equal(['', 'activiteit', 'de-ruimte', 'samen-organiseren', 'zorg-of-zorgen', 'anders']);
    expect(po.$$<HTMLOptionElement>('#role option').map((o) => o.value)).to.deep.equal([
      '',
      'bezoeker',
      'naaste',
      'buurtbewoner',
      'vrijwilliger',
      'anders',
    ]);
  });

  it('has touch targets of at least 44px', async () => {
    const po = await make();
    await expect(po.el).to.be.accessible();
    for (const sel of ['button[type=submit]', '#idea', '#category', '#role', '#name', '#contact']) {
      expect(po.$(sel)!.getBoundingClientRect().height, sel).to.be.at.least(44);
    }
  });

  it('takes categories as a comma list or JSON', async () => {
    const list = await make('categories="activiteit, Tuin"');
    await expect(list.el).to.be.accessible();
    expect(list.$$<HTMLOptionElement>('#category option').map((o) => [o.value, o.textContent!.trim()])).to.deep.equal([
      ['', 'Weet ik niet'],
      ['activiteit', 'Een activiteit'],
      ['Tuin', 'Tuin'],
    ]);
    const json = await make(
      `lang="en" categories='[{"value":"tuin","label":{"nl":"De tuin","en":"The garden"}},{"value":"x","label":"Iets"}]'`,
    );
    expect(json.$$<HTMLOptionElement>('#category option').map((o) => o.textContent!.trim())).to.deep.equal([
      'I do not know',
      'The garden',
      'Iets',
    ]);
  });

  it('validates: too short, with an error summary that links to the field', async () => {
    const po = await make();
    await expect(po.el).to.be.accessible();
    const error = oneEvent(po.el, 'bk-error') as Promise<BkErrorEvent>;
    await po.type('idea', ' a ');
    await po.submit();
    expect((await error).reason).to.equal('invalid');
    await po.el.updateComplete;
    const summary = po.summary!;
    expect(summary).not.to.equal(null);
    expect(po.root.activeElement).to.equal(summary);
    expect(po.errorFor('idea')).to.contain('te kort');
    const idea = po.field('idea');
    expect(idea.getAttribute('aria-invalid')).to.equal('true');
    expect(idea.getAttribute('aria-describedby')).to.contain('idea-error');
    expect(po.el.matches(':state(invalid)')).to.equal(true);
    await expect(po.el).to.be.accessible();
    summary.querySelector('a')!.click();
    expect(po.root.activeElement).to.equal(idea);
    // Errors follow corrections once the summary was shown.
    await po.type('idea', 'Een wandelgroep');
    expect(po.summary).to.equal(null);
    expect(idea.hasAttribute('aria-invalid')).to.equal(false);
  });

  it('shows consent only when contact is filled in, and then requires it', async () => {
    const po = await make();
    await expect(po.el).to.be.accessible();
    await po.type('idea', 'Een koffieochtend voor moeders');
    expect(po.$('#consent')).to.equal(null);
    await po.type('contact', 'ans@example.nl');
    const consent = po.field('consent');
    expect(consent.required).to.equal(true);
    expect(po.$('label[for=consent]')!.textContent).to.contain('alleen daarvoor');
    let submitted = false;
    po.el.addEventListener('bk-submit', (e) => {
      submitted = true;
      e.preventDefault();
    });
    await po.submit();
    expect(submitted).to.equal(false);
    expect(po.errorFor('consent')).to.contain('vinkje');
    expect(po.summary!.textContent).to.contain('vinkje');
    await expect(po.el).to.be.accessible();
    await po.type('contact', 'geen contact');
    await po.check('consent');
    expect(po.errorFor('contact')).to.contain('e-mailadres of telefoonnummer');
    await po.type('contact', '');
    expect(po.$('#consent')).to.equal(null);
  });

  it('dispatches a cancelable bk-submit with the envelope; cancelling sends nothing', async () => {
    const po = await make('lang="nl-BE"');
    await expect(po.el).to.be.accessible();
    await po.type('idea', '  Een buurtmoestuin  ');
    await po.choose('category', 'activiteit');
    await po.choose('role', 'naaste');
    await po.check('help');
    await po.type('name', 'Ans');
    await po.type('contact', '06 12345678');
    await po.check('consent');
    const submit = oneEvent(po.el, 'bk-submit') as unknown as Promise<BkSubmitEvent>;
    po.el.addEventListener('bk-submit', (e) => e.preventDefault(), { once: true });
    await po.submit();
    const { envelope } = await submit;
    expect(envelope.id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(envelope).to.include({ site: 's', widget: 'idea-box', schemaVersion: 1, locale: 'nl-BE' });
    expect(envelope.data).to.deep.equal({
      kind: 'idea',
      text: 'Een buurtmoestuin',
      category: 'activiteit',
      role: 'naaste',
      wantsToHelp: true,
      name: 'Ans',
      contact: '06 12345678',
    });
    expect(envelope.consent!.textVersion).to.equal('idea-contact-2026-11');
    expect(envelope.trap.honeypot).to.equal('');
    expect(envelope.trap.elapsedMs).to.be.a('number');
    await po.el.updateComplete;
    expect(po.el.phase).to.equal('form');
    expect(po.field<HTMLTextAreaElement>('idea').value).to.equal('  Een buurtmoestuin  ');
  });

  it('does not download the public list’s code when the list is hidden', () => {
    // Every widget in this file has hide-list; the list, its strings and styles are a lazy chunk.
    const loaded = performance.getEntriesByType('resource').map((e) => e.name);
    expect(loaded.filter((url) => /idea-list|votes-store|list-strings/.test(url))).to.deep.equal([]);
  });

  it('announces the characters left only near the limit', async () => {
    const po = await make();
    await expect(po.el).to.be.accessible();
    const live = () => po.$('.field [aria-live]')!.textContent!.trim();
    await po.type('idea', 'x'.repeat(100));
    expect(live()).to.equal('');
    expect(po.$('[part~="counter"]')!.textContent).to.contain('100 van 2000 tekens');
    await po.type('idea', 'x'.repeat(1905));
    expect(live()).to.equal('Nog 95 tekens over');
    await po.type('idea', 'x'.repeat(1906));
    expect(live(), 'unchanged within a threshold').to.equal('Nog 95 tekens over');
    await po.type('idea', 'x'.repeat(1999));
    expect(live()).to.equal('Nog 1 teken over');
  });
});
