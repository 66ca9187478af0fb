import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define/idea-box.js';
import type { IdeaBox } from '../../src/widgets/idea-box/idea-box.js';
import { IdeaBoxObject, collectorInfo, waitFor } from './helpers.js';

// Its own file, so the page has not loaded the idea box's sending part before this test.

const sendLoaded = () => performance.getEntriesByType('resource').some((e) => e.name.includes('/idea-box/idea-sending-part'));

describe('<idea-box> sending part', () => {
  it('follows right after the first render, without any interaction', async () => {
    const c = await collectorInfo();
    const el = await fixture<IdeaBox>(html`<idea-box endpoint=${c.url} site=${c.site}></idea-box>`);
    const po = new IdeaBoxObject(el);
    // The form is there at once; the part (not in the first download, see `npm run size`) follows.
    expect(po.field('idea')).to.exist;
    await waitFor(() => el.send, { timeout: 5000, message: 'the sending part' });
    expect(sendLoaded()).to.equal(true);
  });
});
