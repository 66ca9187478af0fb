/**
 * Every widget on foreign host pages written here: a light theme, a dark theme (light text on a
 * dark page, no `--bk-*` set), `color-scheme: dark`, tiny base fonts (10 px body,
 * `html{font-size:62.5%}`), a huge base font, and an Arabic right-to-left page. Each page checks
 * that the widget rendered its real content (seeded ideas, shifts, a poll, activities, the
 * intake's first step, today's host), that axe's colour-contrast rule passes on a counted number
 * of text nodes, and that every visible text has AA contrast against what is really behind it,
 * computed here independently of axe.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define/activity-calendar.js';
import '../../src/define/feedback-poll.js';
import '../../src/define/host-today.js';
import '../../src/define/idea-box.js';
import '../../src/define/volunteer-signup.js';
import '../../src/define/welcome-intake.js';
import { buildEnvelope } from '../../src/core/envelope.js';
import { luminance } from '../../src/core/theme.js';
import type { HostToday } from '../../src/widgets/host-today/host-today.js';
import { SEED_ITEMS, NOW } from './activity-calendar-helpers.js';
import { admin, clearOutboxDb, collectorInfo, postEnvelope, uniqueKey, waitFor, type CollectorInfo } from './helpers.js';

let c: CollectorInfo;
const tag = uniqueKey('theme');
/** A Dutch idea ending in punctuation: on an Arabic page the "?" must stay on its right. */
const IDEA = `Kunnen we op zaterdag samen koken ${tag}?`;
const ROLE = `Koffieschenker ${tag}`;
let pollId = '';

/** The host pages: CSS on the whole document, as a theme would set it. */
const HOSTS = {
  light: 'html { background: #fdfcf8; color: #222; font: 16px/1.4 Georgia, serif; }',
  dark: 'html { background: #121416; color: #eeeeee; font: 16px/1.5 system-ui, sans-serif; } a { color: #9cf; }',
  'color-scheme dark': ':root { color-scheme: dark; } html { background: Canvas; color: CanvasText; }',
  'tiny body': 'html { background: #fff; color: #333; } body { font-size: 10px; }',
  'root 62.5%': 'html { font-size: 62.5%; background: #fff; color: #333; } body { font-size: 1rem; }',
  huge: 'html { font-size: 250%; background: #fff; color: #222; }',
} as const;
type Host = keyof typeof HOSTS;

let hostStyle: HTMLStyleElement | undefined;
function hostPage(css: string, { rtl = false } = {}) {
  hostStyle = document.createElement('style');
  hostStyle.textContent = css;
  document.head.append(hostStyle);
  if (rtl) {
    document.documentElement.setAttribute('dir', 'rtl');
    document.documentElement.setAttribute('lang', 'ar');
  }
}
afterEach(() => {
  hostStyle?.remove();
  document.documentElement.removeAttribute('dir');
  document.documentElement.setAttribute('lang', 'en');
});

interface Case {
  tag: string;
  /** Places and fills the widget inside `wrap`; resolves when its content is there. */
  make(wrap: HTMLElement, lang: string): Promise<HTMLElement>;
  /** Text the rendered widget must show (never a blank widget). */
  expects: string;
  /** At least this many texts are checked (host-today is two lines and a link). */
  texts?: number;
}

const sr = (el: Element) => el.shadowRoot!;

const CASES: Case[] = [
  {
    tag: 'idea-box',
    expects: IDEA,
    async make(wrap, lang) {
      wrap.innerHTML = `<idea-box endpoint="${c.url}" site="${c.site}" lang="${lang}"></idea-box>`;
      const el = wrap.firstElementChild as HTMLElement;
      await waitFor(() => sr(el).querySelector('.idea-text'), { message: 'the idea list' });
      return el;
    },
  },
  {
    tag: 'activity-calendar',
    expects: 'Samen koken',
    async make(wrap, lang) {
      const el = document.createElement('activity-calendar') as HTMLElement & { now: number };
      el.now = NOW;
      el.setAttribute('lang', lang);
      const script = document.createElement('script');
      script.type = 'application/json';
      script.textContent = JSON.stringify(SEED_ITEMS);
      el.append(script);
      wrap.append(el);
      await waitFor(() => sr(el).querySelector('.event-title'), { message: 'the activities' });
      return el;
    },
  },
  {
    tag: 'feedback-poll',
    expects: 'Hoe was het koffie-uur?',
    async make(wrap, lang) {
      localStorage.clear();
      wrap.innerHTML = `<feedback-poll endpoint="${c.url}" site="${c.site}" poll-id="${pollId}" lang="${lang}"></feedback-poll>`;
      const el = wrap.firstElementChild as HTMLElement;
      await waitFor(() => sr(el).querySelector('.choice'), { message: 'the poll' });
      return el;
    },
  },
  {
    tag: 'volunteer-signup',
    expects: ROLE,
    async make(wrap, lang) {
      wrap.innerHTML = `<volunteer-signup endpoint="${c.url}" site="${c.site}" lang="${lang}"></volunteer-signup>`;
      const el = wrap.firstElementChild as HTMLElement;
      await waitFor(() => sr(el).querySelector('.shift') && sr(el).textContent!.includes(ROLE), { message: 'the shifts' });
      return el;
    },
  },
  {
    tag: 'welcome-intake',
    expects: '☕',
    async make(wrap, lang) {
      sessionStorage.clear();
      wrap.innerHTML = `<welcome-intake endpoint="${c.url}" site="${c.site}" lang="${lang}"></welcome-intake>`;
      const el = wrap.firstElementChild as HTMLElement;
      await waitFor(() => sr(el).querySelector('.option, .card'), { message: 'the first step' });
      return el;
    },
  },
  {
    tag: 'host-today',
    expects: 'Fatima',
    texts: 3,
    async make(wrap, lang) {
      const el = document.createElement('host-today') as HostToday;
      el.setAttribute('lang', lang);
      el.signupUrl = '#aanmelden';
      el.answer = {
        timeZone: 'Europe/Amsterdam',
        date: '2026-12-07',
        hosts: [
          {
            shiftId: 'a',
            title: 'Gastvrouw',
            start: '2026-12-07T09:45:00+01:00',
            end: '2026-12-07T12:15:00+01:00',
            filled: true,
            firstName: 'Fatima',
          },
          { shiftId: 'b', title: 'Gastvrouw', start: '2026-12-07T13:00:00+01:00', end: '2026-12-07T16:00:00+01:00', filled: false },
        ],
      };
      wrap.append(el);
      await waitFor(() => sr(el).querySelector('[part="line"]'), { message: 'the host line' });
      return el;
    },
  },
];

/** Elements of the widget that show text of their own, and are on screen. */
function textElements(el: Element): HTMLElement[] {
  const out: HTMLElement[] = [];
  const walk = (root: Element | ShadowRoot) => {
    for (const child of root.querySelectorAll<HTMLElement>('*')) {
      const own = [...child.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (!own) continue;
      const r = child.getBoundingClientRect();
      const style = getComputedStyle(child);
      if (r.width <= 1 || r.height <= 1 || style.visibility === 'hidden' || child.closest('.trap, [aria-hidden="true"]')) continue;
      out.push(child);
    }
  };
  walk(sr(el));
  return out;
}

const rgba = (color: string): [number, number, number, number] => {
  const m = /rgba?\(([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+))?\)/.exec(color);
  if (!m) throw new Error(`cannot read colour ${color}`);
  return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
};

/** The colour really behind an element: the first opaque background up the tree, across the shadow boundary. */
function backgroundOf(el: Element): string {
  const layers: [number, number, number, number][] = [];
  for (let node: Element | null = el; node; node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host ?? null) {
    const bg = rgba(getComputedStyle(node).backgroundColor);
    if (bg[3] > 0) layers.push(bg);
    if (bg[3] >= 1) break;
    if (node === document.documentElement) break;
  }
  let [r, g, b] = [255, 255, 255]; // the canvas under everything
  for (const [lr, lg, lb, a] of layers.reverse()) [r, g, b] = [lr * a + r * (1 - a), lg * a + g * (1 - a), lb * a + b * (1 - a)];
  return `rgb(${r}, ${g}, ${b})`;
}

const ratio = (a: string, b: string) => {
  const [x, y] = [luminance(a)!, luminance(b)!].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
};

/** Every visible text of the widget against its real background; returns how many were checked. */
function assertContrast(el: Element): number {
  const texts = textElements(el);
  const bad = texts
    .map((t) => {
      const style = getComputedStyle(t);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const r = ratio(style.color, backgroundOf(t));
      return { t, r, need: large ? 3 : 4.5, text: t.textContent!.trim().slice(0, 40), color: style.color, bg: backgroundOf(t) };
    })
    .filter((x) => x.r < x.need);
  expect(bad.map((x) => `${x.text} ${x.color} on ${x.bg}: ${x.r.toFixed(2)}`)).to.deep.equal([]);
  return texts.length;
}

/** axe's colour-contrast rule alone: no violations, and it really looked at the widget's texts. */
async function axeContrast(el: Element): Promise<number> {
  await expect(el).to.be.accessible();
  const axe = (
    window as unknown as { axe: { run(e: Element, o: object): Promise<{ violations: unknown[]; passes: { nodes: unknown[] }[] }> } }
  ).axe;
  const result = await axe.run(el, { runOnly: ['color-contrast'] });
  expect(result.violations).to.deep.equal([]);
  return result.passes[0]?.nodes.length ?? 0;
}

describe('widgets on foreign host themes', () => {
  before(async () => {
    c = await collectorInfo();
    await clearOutboxDb();
    // A published idea, a poll with choices and a shift for a role, all on the real collector.
    const envelope = buildEnvelope({
      site: c.site,
      widget: 'idea-box',
      locale: 'nl',
      data: { kind: 'idea', text: IDEA, wantsToHelp: false },
      trap: { honeypot: '', elapsedMs: 5000 },
    });
    expect((await postEnvelope(c, envelope)).status).to.equal(201);
    expect(
      (
        await admin('PATCH', `/v1/admin/sites/${c.site}/ideas/${envelope.id}`, {
          published: true,
          status: 'gepland',
          publicAnswer: 'We beginnen in januari.',
        })
      ).status,
    ).to.equal(200);
    pollId = uniqueKey('p').toLowerCase();
    const poll = await admin('PUT', `/v1/admin/sites/${c.site}/polls/${pollId}`, {
      kind: 'choice',
      question: 'Hoe was het koffie-uur?',
      options: [
        { value: 'fijn', label: 'Fijn' },
        { value: 'druk', label: 'Te druk' },
      ],
      respondentType: true,
      comment: true,
    });
    expect(poll.status).to.equal(200);
    const role = await admin<{ id: string }>('POST', `/v1/admin/sites/${c.site}/volunteer/roles`, {
      name: ROLE,
      whatYouDo: 'Je schenkt koffie.',
      notAsked: 'Geen hulpverlening.',
    });
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(Date.now() + 5 * 86_400_000);
    const shift = await admin('POST', `/v1/admin/sites/${c.site}/volunteer/shifts`, {
      roleId: role.body.id,
      start: `${date}T09:45`,
      end: `${date}T12:15`,
      capacity: 3,
    });
    expect(shift.status).to.equal(201);
  });

  for (const host of ['light', 'dark', 'color-scheme dark'] as Host[]) {
    for (const w of CASES) {
      it(`${w.tag} on a ${host} page: rendered, own colours, AA contrast (axe and measured)`, async () => {
        hostPage(HOSTS[host]);
        const wrap = await fixture<HTMLDivElement>(html`<div style="max-width: 60rem"></div>`);
        const el = await w.make(wrap, 'nl');
        expect(sr(el).textContent).to.contain(w.expects);
        const dark = host !== 'light';
        expect(el.matches(':state(dark)'), 'dark set').to.equal(dark);
        expect(await axeContrast(el), 'texts axe checked').to.be.at.least(w.texts ?? 4);
        expect(assertContrast(el), 'texts measured').to.be.at.least(w.texts ?? 4);
      });
    }
  }

  it('theme="dark" and theme="light" override what the page suggests', async () => {
    hostPage(HOSTS.light);
    const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = await CASES[0]!.make(wrap, 'nl');
    el.setAttribute('theme', 'dark');
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(el.matches(':state(dark)')).to.equal(true);
    // A dark widget on a light page paints its cards dark and keeps light text on them.
    const card = sr(el).querySelector('.idea')!;
    expect(luminance(getComputedStyle(card).backgroundColor)!).to.be.lessThan(0.05);
    expect(ratio(getComputedStyle(card).color, getComputedStyle(card).backgroundColor)).to.be.greaterThan(7);
    hostStyle!.textContent = HOSTS.dark;
    el.setAttribute('theme', 'light');
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(el.matches(':state(dark)')).to.equal(false);
  });

  for (const host of ['tiny body', 'root 62.5%'] as Host[]) {
    for (const w of CASES) {
      it(`${w.tag} on a page with a ${host} font: no text under 16 px, widths not shrunk`, async () => {
        hostPage(HOSTS[host]);
        const wrap = await fixture<HTMLDivElement>(html`<div style="width: 1000px"></div>`);
        const el = await w.make(wrap, 'nl');
        expect(sr(el).textContent).to.contain(w.expects);
        const texts = textElements(el);
        expect(texts.length).to.be.at.least(w.texts ?? 4);
        const small = texts
          .filter((t) => parseFloat(getComputedStyle(t).fontSize) < 16)
          .map((t) => `${t.textContent!.trim().slice(0, 30)}: ${getComputedStyle(t).fontSize}`);
        expect(small).to.deep.equal([]);
        // A max-width of 40em at 16 px is 640 px, whatever the page's root font size.
        if (w.tag === 'idea-box') expect(el.getBoundingClientRect().width).to.equal(640);
        assertContrast(el);
      });
    }
  }

  for (const w of CASES) {
    it(`${w.tag} with a huge base font in a phone-wide column: nothing sticks out sideways`, async () => {
      hostPage(HOSTS.huge);
      const wrap = await fixture<HTMLDivElement>(html`<div style="width: 360px"></div>`);
      const el = await w.make(wrap, 'nl');
      expect(sr(el).textContent).to.contain(w.expects);
      expect(parseFloat(getComputedStyle(el).fontSize)).to.equal(40);
      const right = el.getBoundingClientRect().right;
      const out = textElements(el)
        .filter((t) => t.getBoundingClientRect().right > right + 1)
        .map((t) => `${t.localName}.${t.className}: ${t.textContent!.trim().slice(0, 30)}`);
      expect(out).to.deep.equal([]);
      expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
      assertContrast(el);
    });
  }

  for (const w of CASES) {
    it(`${w.tag} on an Arabic right-to-left page: Arabic, right to left, contrast holds`, async () => {
      hostPage(HOSTS.dark, { rtl: true });
      const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
      const el = await w.make(wrap, 'ar');
      const base = sr(el).querySelector<HTMLElement>('[part~="base"]')!;
      await waitFor(() => base.getAttribute('dir') === 'rtl' && /[\u0600-\u06ff]/.test(sr(el).textContent!), { message: 'Arabic' });
      expect(sr(el).textContent).to.contain(w.expects);
      expect(getComputedStyle(base).direction).to.equal('rtl');
      expect(await axeContrast(el)).to.be.at.least(w.texts ?? 3);
      expect(assertContrast(el)).to.be.at.least(w.texts ?? 4);
    });
  }

  it('on an Arabic page a Dutch idea reads left to right, its question mark at its end', async () => {
    hostPage(HOSTS.light, { rtl: true });
    const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = await CASES[0]!.make(wrap, 'ar');
    const p = (await waitFor(() => [...sr(el).querySelectorAll<HTMLElement>('.idea-text')].find((x) => x.textContent === IDEA), {
      message: 'the Dutch idea',
    }))!;
    expect(p.getAttribute('dir')).to.equal('auto');
    expect(getComputedStyle(p).direction).to.equal('ltr');
    expect(getComputedStyle(p.closest('[part~="base"]')!).direction).to.equal('rtl');
    // The "?" is painted at the right end of the line, after the last word.
    const range = document.createRange();
    const text = [...p.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()) as Text;
    const at = (i: number) => (range.setStart(text, i), range.setEnd(text, i + 1), range.getBoundingClientRect());
    expect(at(IDEA.length - 1).left).to.be.greaterThan(at(IDEA.length - 2).left);
  });
});
