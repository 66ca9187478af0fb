/**
 * The page's outbox starts when `<welcome-intake>` connects (its sending part is in the first
 * download). What an earlier page left in the outbox must not wait for anyone to reach the last
 * step: the outbox sends it as soon as a page shows the intake.
 * Its own file: the page's shared outbox starts once per page.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define/welcome-intake.js';
import { Outbox } from '../../src/core/outbox.js';
import type { WelcomeIntake } from '../../src/widgets/welcome-intake/welcome-intake.js';
import { clearOutboxDb, outboxRequest, receiverLog, receiverUrl, scriptReceiver, uniqueKey, waitFor } from './helpers.js';

describe('<welcome-intake>: what an earlier page left in the outbox', () => {
  before(clearOutboxDb);

  it('is sent when a page shows only the intake, before anyone reaches the last step', async () => {
    const key = uniqueKey('leftover');
    const rx = await receiverUrl();
    await scriptReceiver(key, [{ status: 200 }]);
    // An earlier page stored this and was closed before it could send.
    const now = Date.now();
    await new Outbox().save({
      ...outboxRequest(`${rx}/json/${key}`, { id: key }),
      id: key,
      site: 'de-linde',
      widget: 'welcome-intake',
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
    });
    const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
    wrap.innerHTML = `<welcome-intake endpoint="${rx}/json/${uniqueKey('unused')}" site="de-linde" endpoint-type="webhook"></welcome-intake>`;
    const el = wrap.querySelector('welcome-intake') as WelcomeIntake;
    await waitFor(() => el.currentFlow, { message: 'the built-in flow' });
    expect(el.shadowRoot!.querySelector('.step-title')!.textContent).to.contain('Stap 1 van 5');
    await waitFor(async () => (await receiverLog(key)).length === 1, { message: 'the earlier intake sent' });
    await waitFor(async () => (await new Outbox().items()).length === 0, { message: 'an empty outbox' });
  });
});
