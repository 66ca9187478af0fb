import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define/idea-box.js';
import type { BkErrorEvent } from '../../src/core/events.js';
import type { BkSentEvent } from '../../src/core/send-events.js';
import { Outbox, type OutboxEvent } from '../../src/core/outbox.js';
import { IdeaBox } from '../../src/widgets/idea-box/idea-box.js';
import type { FieldErrors } from '../../src/widgets/idea-box/form-values.js';
import {
  IdeaBoxObject,
  admin,
  clearOutboxDb,
  collectorInfo,
  receiverUrl,
  scriptReceiver,
  uniqueKey,
  waitFor,
  type CollectorInfo,
} from './helpers.js';

/** Skips the browser's checks, so the collector's own 422 answers can be tested. */
class UncheckedIdeaBox extends IdeaBox {
  protected override validate(): FieldErrors {
    return {};
  }
}
UncheckedIdeaBox.define('unchecked-idea-box');

interface AdminIdea {
  id: string;
  text: string;
  role: string | null;
  wantsToHelp: boolean;
  name: string | null;
  contact: string | null;
  consentVersion: string | null;
  locale: string;
}

let c: CollectorInfo;

async function make(tag = 'idea-box', attrs = '') {
  const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
  wrap.innerHTML = `<${tag} endpoint="${c.url}" site="${c.site}" hide-list ${attrs}></${tag}>`;
  const el = wrap.querySelector(tag) as IdeaBox;
  await el.updateComplete;
  return new IdeaBoxObject(el);
}

describe('<idea-box> with a real collector', () => {
  before(async () => {
    c = await collectorInfo();
  });
  beforeEach(clearOutboxDb);

  it('submits: sending, then a thank-you; the idea is stored (201) and visible to the coordinator', async () => {
    const po = await make('idea-box', 'lang="nl"');
    await expect(po.el).to.be.accessible();
    const outbox = new Outbox().start();
    const statuses: number[] = [];
    outbox.addEventListener('outcome', (e) => statuses.push((e as OutboxEvent).outcome.status));
    po.el.outbox = outbox;
    const text = `Een wandelgroep op dinsdag ${uniqueKey()}`;
    await po.type('idea', text);
    await po.choose('role', 'buurtbewoner');
    await po.check('help');
    await po.type('name', 'Ans');
    await po.type('contact', 'ans@example.nl');
    await po.check('consent');
    const sent = oneEvent(po.el, 'bk-sent') as unknown as Promise<BkSentEvent>;
    await po.submit();
    expect(po.el.phase).to.equal('sending');
    expect(po.status).to.equal('Bezig met versturen…');
    expect(po.el.matches(':state(sending)')).to.equal(true);
    const { id } = await sent;
    expect(statuses).to.deep.equal([201]);
    outbox.stop();
    await po.waitForPhase('sent');
    expect(po.el.matches(':state(sent)')).to.equal(true);
    expect(po.status).to.equal('Verstuurd');
    expect(po.thanks!.textContent).to.contain('Bedankt! Je idee is binnen.');
    expect(po.thanks!.textContent).to.contain('huiskamergesprek');
    expect(po.root.activeElement).to.equal(po.$('.thanks-title'));
    await expect(po.el).to.be.accessible();

    const { status, body } = await admin<{ ideas: AdminIdea[] }>('GET', `/v1/admin/sites/${c.site}/ideas`);
    expect(status).to.equal(200);
    const row = body.ideas.filter((i) => i.id === id);
    expect(row).to.have.length(1);
    expect(row[0]).to.include({
      text,
      role: 'buurtbewoner',
      wantsToHelp: true,
      name: 'Ans',
      contact: 'ans@example.nl',
      consentVersion: 'idea-contact-2026-11',
      locale: 'nl',
    });

    // Another idea: back to an empty form, focus in the textarea.
    po.$<HTMLButtonElement>('[part~="another"]')!.click();
    await po.el.updateComplete;
    expect(po.el.phase).to.equal('form');
    expect(po.field<HTMLTextAreaElement>('idea').value).to.equal('');
    expect(po.root.activeElement).to.equal(po.field('idea'));
    expect(po.status).to.equal('');
  });

  it('maps the collector’s 422 issues onto the fields and keeps the text', async () => {
    const po = await make('unchecked-idea-box');
    await expect(po.el).to.be.accessible();
    await po.type('idea', 'ab');
    const error = oneEvent(po.el, 'bk-error') as unknown as Promise<BkErrorEvent>;
    await po.submit();
    const e = await error;
    expect(e.reason).to.equal('invalid');
    expect(e.detail.status).to.equal(422);
    expect(e.detail.issues!.map((i) => i.path)).to.include('data.text');
    await po.waitForPhase('failed');
    expect(po.el.matches(':state(invalid)')).to.equal(true);
    expect(po.field<HTMLTextAreaElement>('idea').value).to.equal('ab');
    expect(po.errorFor('idea')).to.contain('te kort');
    expect(po.field('idea').getAttribute('aria-invalid')).to.equal('true');
    expect(po.status).to.contain('Versturen lukte niet');
    expect(po.root.activeElement).to.equal(po.summary);
    await expect(po.el).to.be.accessible();

    // Contact without consent: the collector's `consent` issue lands on the consent checkbox.
    await po.type('idea', 'Een koffieochtend');
    await po.type('contact', 'ans@example.nl');
    await po.submit();
    await waitFor(() => po.errorFor('consent'), { message: 'consent error' });
    expect(po.field<HTMLTextAreaElement>('idea').value).to.equal('Een koffieochtend');
    expect(po.errorFor('idea')).to.equal('');
  });

  it('shows "could not be sent" with the text kept on any other 4xx, and does not retry', async () => {
    const key = uniqueKey('forbidden');
    await scriptReceiver(key, [{ status: 403, body: '{"error":"forbidden"}' }]);
    const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
    wrap.innerHTML = `<idea-box endpoint-type="webhook" endpoint="${await receiverUrl()}/json/${key}" site="${c.site}"></idea-box>`;
    const po = new IdeaBoxObject(wrap.querySelector('idea-box') as IdeaBox);
    await po.el.updateComplete;
    await expect(po.el).to.be.accessible();
    await po.type('idea', 'Iets met muziek maken');
    const error = oneEvent(po.el, 'bk-error') as unknown as Promise<BkErrorEvent>;
    await po.submit();
    expect((await error).reason).to.equal('rejected');
    await po.waitForPhase('failed');
    expect(po.el.matches(':state(failed)')).to.equal(true);
    expect(po.field<HTMLTextAreaElement>('idea').value).to.equal('Iets met muziek maken');
    expect(po.$('[part~="error"]')!.textContent).to.contain('Je tekst staat er nog');
    expect(po.root.activeElement).to.equal(po.$('.form-error'));
    await expect(po.el).to.be.accessible();
    expect(await new Outbox().items()).to.have.length(0);
  });
});
