/**
 * The date formatter's set-up (`src/core/warm-dates.ts`) on a page that never goes idle (here
 * `requestIdleCallback` never calls back, as on a page busy with its own animations): it waits for
 * idle time until a widget's read brings dates, then runs the steps left at once, so the read is
 * shown. Each page is a frame of its own: the set-up runs once per page.
 */
import { expect, fixture, html } from '@open-wc/testing';

const page = (script: string) => `<!doctype html><html lang="nl"><head><meta charset="utf-8"></head><body>
  <script type="module">
    globalThis.requestIdleCallback = () => 0;
    let made = 0;
    Intl.DateTimeFormat = new Proxy(Intl.DateTimeFormat, { construct: (t, a) => (made++, Reflect.construct(t, a)) });
    window.made = () => made;
    const { warmDates, withDates } = await import('/src/core/warm-dates.ts');
    ${script}
  </script></body></html>`;

type Frame = Window & { made?: () => number; result?: unknown };

async function load(script: string): Promise<Frame> {
  const frame = await fixture<HTMLIFrameElement>(html`<iframe .srcdoc=${page(script)}></iframe>`);
  const win = frame.contentWindow as Frame;
  for (let i = 0; i < 100 && win.result === undefined; i++) await new Promise((r) => setTimeout(r, 50));
  return win;
}

describe('the date set-up on a page that never goes idle', () => {
  it('waits for idle time while no widget needs it', async () => {
    const win = await load(`
      void warmDates('Europe/Amsterdam');
      await new Promise((r) => setTimeout(r, 300));
      window.result = made;`);
    expect(win.result).to.equal(0);
  });

  it('runs the steps left at once when a read brings dates, and gives the read its value', async () => {
    const win = await load(`
      void warmDates('Europe/Amsterdam');
      await new Promise((r) => setTimeout(r, 100));
      window.result = await withDates(Promise.resolve({ shifts: 2 }));`);
    expect(win.result).to.deep.equal({ shifts: 2 });
    // The last step's formatter: every step ran.
    expect(win.made!()).to.equal(1);
  });
});
