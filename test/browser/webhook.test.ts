import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define/all.js';
import type { BkSentEvent } from '../../src/core/send-events.js';
import type { IdeaBox } from '../../src/widgets/idea-box/idea-box.js';
import { IdeaBoxObject, clearOutboxDb, receiverLog, receiverUrl, scriptReceiver, uniqueKey } from './helpers.js';

let rx: string;

async function make(markup: string) {
  const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
  wrap.innerHTML = markup;
  const el = wrap.querySelector('idea-box') as IdeaBox;
  await el.updateComplete;
  return new IdeaBoxObject(el);
}

describe('webhook mode: any endpoint', () => {
  before(async () => {
    rx = await receiverUrl();
  });
  beforeEach(clearOutboxDb);

  it('POSTs the envelope as JSON to a foreign receiver, and hides the list', async () => {
    const key = uniqueKey('json');
    await scriptReceiver(key, [{ status: 200, delayMs: 400 }]);
    const po = await make(
      `<buurtkit-config endpoint="${rx}/json/${key}" site="de-linde" endpoint-type="webhook"><idea-box></idea-box></buurtkit-config>`,
    );
    await expect(po.el).to.be.accessible();
    await po.type('idea', 'Een internetcursus voor ouderen');
    await po.choose('category', 'samen-organiseren');
    const sent = oneEvent(po.el, 'bk-sent') as unknown as Promise<BkSentEvent>;
    await po.submit();
    // Sending takes 400 ms here: the sending state is visible and accessible.
    expect(po.el.matches(':state(sending)')).to.equal(true);
    expect(po.$('button[type=submit]')!.getAttribute('aria-disabled')).to.equal('true');
    await expect(po.el).to.be.accessible();
    const { id } = await sent;
    await po.waitForPhase('sent');
    const log = await receiverLog(key);
    expect(log).to.have.length(1);
    expect(log[0]!.contentType).to.equal('application/json');
    const envelope = JSON.parse(log[0]!.body);
    expect(envelope).to.include({ id, site: 'de-linde', widget: 'idea-box', schemaVersion: 1 });
    expect(envelope.data).to.deep.equal({
      kind: 'idea',
      text: 'Een internetcursus voor ouderen',
      category: 'samen-organiseren',
      wantsToHelp: false,
    });
    expect(po.$('[part~="list"]')).to.equal(null);
    expect(po.$('[part~="vote-button"]')).to.equal(null);
  });

  it('form mode: url-encoded with dotted keys, no-cors (no CORS headers needed), an opaque answer counts as sent', async () => {
    const key = uniqueKey('form');
    const po = await make(
      `<idea-box endpoint-type="webhook" payload-format="form" endpoint="${rx}/form/${key}" site="de-linde" lang="en"></idea-box>`,
    );
    await expect(po.el).to.be.accessible();
    await po.type('idea', 'A coffee morning for mothers');
    await po.type('contact', '+31 6 1234 5678');
    await po.check('consent');
    await po.submit();
    await po.waitForPhase('sent');
    expect(po.thanks!.textContent).to.contain('Thank you! We have your idea.');
    await expect(po.el).to.be.accessible();
    const log = await receiverLog(key);
    expect(log).to.have.length(1);
    expect(log[0]!.contentType).to.match(/^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(log[0]!.body);
    expect(form.get('site')).to.equal('de-linde');
    expect(form.get('widget')).to.equal('idea-box');
    expect(form.get('locale')).to.equal('en');
    expect(form.get('data.text')).to.equal('A coffee morning for mothers');
    expect(form.get('data.contact')).to.equal('+31 6 1234 5678');
    expect(form.get('data.wantsToHelp')).to.equal('false');
    expect(form.get('consent.textVersion')).to.equal('idea-contact-2026-11');
    expect(form.get('trap.honeypot')).to.equal('');
    expect(Number(form.get('trap.elapsedMs'))).to.be.at.least(0);
    expect(po.$('[part~="list"]')).to.equal(null);
  });
});
