/**
 * The EU summer-time rule the calendar reads today's date from before the page's first date
 * formatter exists, against Chromium's own Intl (its ICU and zone data, not Node's): every zone the
 * rule covers, every day and every switch of its years. And the calendar's first render in a page
 * whose formatter was never made: it asks Intl nothing, and shows today's date from the rule.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { hasRule } from '../../src/calendar/zone-rule.js';
import { ruleMismatches } from '../unit/zone-rule-check.js';

describe('the EU summer-time rule in Chromium', () => {
  it("gives what Chromium's Intl gives on every day and switch of its years, in each zone it covers", () => {
    const zones = Intl.supportedValuesOf('timeZone').filter(hasRule);
    expect(zones).to.include('Europe/Amsterdam');
    expect(zones.length).to.be.greaterThan(40);
    expect(zones.flatMap((zone) => ruleMismatches(zone))).to.deep.equal([]);
  });
});

describe("the calendar's first render", () => {
  /**
   * A page of its own (the test page has made formatters already) that counts every date
   * formatter made, before any buurtkit code runs, and notes how many existed when the calendar
   * first showed text and when its date set-up was done. Inline activities: the engine chunk
   * loads after the first render.
   */
  const page = `<!doctype html><html lang="nl"><head><meta charset="utf-8"></head><body>
    <activity-calendar><script type="application/json">[{"id":"koffie","title":"Koffie-ochtend","start":"2026-12-07T10:00","rrule":"FREQ=WEEKLY"}]</script></activity-calendar>
    <script type="module">
      let made = 0;
      Intl.DateTimeFormat = new Proxy(Intl.DateTimeFormat, {
        construct: (target, args) => (made++, Reflect.construct(target, args)),
        apply: (target, self, args) => (made++, Reflect.apply(target, self, args)),
      });
      window.result = {};
      const el = document.querySelector('activity-calendar');
      const look = () => {
        if ((el.shadowRoot?.textContent?.trim().length ?? 0) > 10) window.result.atFirstText = made;
        else requestAnimationFrame(look);
      };
      look();
      await import('/src/define/activity-calendar.ts');
      const { warmDates } = await import('/src/core/warm-dates.ts');
      await warmDates('Europe/Amsterdam');
      window.result.afterWarmUp = made;
    </script></body></html>`;

  it('makes no date formatter; the set-up follows at idle', async () => {
    const frame = await fixture<HTMLIFrameElement>(html`<iframe .srcdoc=${page} style="inline-size: 40em; block-size: 30em"></iframe>`);
    const win = frame.contentWindow as Window & { result?: { atFirstText?: number; afterWarmUp?: number } };
    for (let i = 0; i < 200 && win.result?.afterWarmUp === undefined; i++) await new Promise((r) => setTimeout(r, 50));
    expect(win.result?.atFirstText).to.equal(0);
    expect(win.result?.afterWarmUp).to.be.greaterThan(0);
    const text = frame.contentDocument!.querySelector('activity-calendar')!.shadowRoot!.textContent!;
    expect(text).to.match(/Activiteiten|Wat is er te doen/i);
  });
});
