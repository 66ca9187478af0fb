/**
 * The coordinator page's list of websites allowed to use the widgets (`bk-admin-origins`, in the
 * privacy section), against the real collector through the admin API.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/admin/define.js';
import { HttpAdminApi } from '../../src/admin/shared/api.js';
import type { AdminOrigins } from '../../src/admin/privacy/origins.js';
import type { AdminPrivacy } from '../../src/admin/privacy/privacy.js';
import { API_BASE, commandFetch } from './admin-helpers.js';
import { admin, collectorInfo, waitFor, type CollectorInfo } from './helpers.js';

let info: CollectorInfo;
const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<E>(selector)!;
const originsPath = () => `/v1/admin/sites/${info.manageSite}/settings/origins`;

describe('bk-admin-origins', () => {
  let initial: string[];
  before(async () => {
    info = await collectorInfo();
    initial = (await admin<{ origins: string[] }>('GET', originsPath())).body.origins;
  });
  after(async () => {
    await admin('PUT', originsPath(), { origins: initial });
  });

  it('shows the allowed websites and adds one, normalised, so its widgets are connected', async () => {
    const api = new HttpAdminApi(info.token, info.manageSite, API_BASE, commandFetch());
    const privacy = await fixture<AdminPrivacy>(html`<bk-admin-privacy lang="nl" .api=${api}></bk-admin-privacy>`);
    const el = (await waitFor(() => privacy.shadowRoot!.querySelector<AdminOrigins>('bk-admin-origins'), {
      message: 'the websites part',
    }))!;
    await waitFor(() => el.saved, { message: 'origins loaded' });
    await el.updateComplete;
    const area = $<HTMLTextAreaElement>(el, '#origins');
    expect(area.value.split('\n')).to.deep.equal(initial);
    expect(initial).to.include(location.origin);
    await expect(privacy).to.be.accessible();

    area.value = `${area.value}\nHTTPS://www.Buurthuis-De-Eik.nl/`;
    area.dispatchEvent(new Event('input'));
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    await waitFor(() => $(el, '#origins-status').textContent === 'Opgeslagen. Deze websites mogen de formulieren nu gebruiken.', {
      message: 'saved',
    });
    expect(area.value.split('\n')).to.deep.equal([...initial, 'https://www.buurthuis-de-eik.nl']);
    const stored = await admin<{ origins: string[] }>('GET', originsPath());
    expect(stored.body.origins).to.deep.equal([...initial, 'https://www.buurthuis-de-eik.nl']);

    // A path is refused, and said so.
    area.value = `${area.value}\nhttps://www.example.nl/contact`;
    area.dispatchEvent(new Event('input'));
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    await waitFor(() => $(el, '#origins-status').textContent!.startsWith('Niet gelukt'), { message: 'refused' });
    expect($(el, '#origins').getAttribute('aria-invalid')).to.equal('true');
  });
});
