/**
 * The impact report as one printable HTML page (A4, print stylesheet), charts as inline SVG with
 * every number in text beside them. No script; the one `<style>` element is allowed by its hash in
 * the page's CSP (`REPORT_CSP`), so the page works under `default-src 'none'`.
 */
import { createHash } from 'node:crypto';
import type { ImpactReport } from './report.js';

const CSS = `
:root { color: #1a1a1a; font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { margin: 0 auto; max-width: 52rem; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #0a5c7a; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .4rem; }
.lead { color: #4a4a4a; margin: 0 0 1rem; }
.figures { display: flex; flex-wrap: wrap; gap: .75rem; margin: .5rem 0 1rem; padding: 0; list-style: none; }
.figures li { border: 1px solid #c9d3d8; border-radius: .4rem; padding: .5rem .75rem; min-width: 9rem; }
.figures strong { display: block; font-size: 1.6rem; line-height: 1.1; }
table { border-collapse: collapse; width: 100%; margin: .25rem 0 1rem; }
th, td { text-align: start; vertical-align: top; padding: .3rem .4rem; border-bottom: 1px solid #dde3e6; }
th { font-weight: 600; font-size: .9rem; }
td.num, th.num { text-align: end; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.chart { width: 11rem; }
svg { display: block; }
.none { color: #4a4a4a; font-style: italic; }
blockquote { margin: .5rem 0; padding: .4rem .8rem; border-inline-start: 4px solid #0a5c7a; background: #f3f5f6; }
blockquote footer { color: #4a4a4a; font-size: .9rem; }
.caveat { background: #fff8e1; border: 1px solid #e0c97a; border-radius: .4rem; padding: .5rem 1rem; }
.fill { border-bottom: 1px solid #9aa5ab; height: 1.6rem; margin: 0; }
.meta { color: #4a4a4a; font-size: .9rem; }
@page { size: A4; margin: 16mm 15mm; }
@media print {
  :root { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  table, blockquote, .figures, .caveat, section.question { break-inside: avoid; }
  section.interpretation { break-before: page; }
}
`;

/** CSP for the report page: nothing loads, only the one inline style (by hash). */
export const REPORT_STYLE_HASH = `sha256-${createHash('sha256').update(CSS).digest('base64')}`;
export const REPORT_CSP = [
  "default-src 'none'",
  `style-src '${REPORT_STYLE_HASH}'`,
  "img-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const esc = (v: unknown) =>
  String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const nl = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
const pct = (v: number | null) => (v === null ? '–' : `${nl.format(v)}%`);
const signed = (v: number | null) => (v === null ? '–' : `${v > 0 ? '+' : ''}${nl.format(v)} procentpunt`);
const dateText = (iso: string) =>
  new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${iso}T12:00:00Z`),
  );

const ANSWER_LABELS: Record<string, string> = {
  'heel-goed': '😀 Heel goed',
  goed: '🙂 Goed',
  'gaat-wel': '😐 Gaat wel',
  'niet-goed': '🙁 Niet goed',
  ja: 'Ja',
  'een-beetje': 'Een beetje',
  nee: 'Nee',
};
const TYPE_LABELS: Record<string, string> = {
  bezoeker: 'Bezoekers',
  vrijwilliger: 'Vrijwilligers',
  buurtbewoner: 'Buurtbewoners',
  naaste: 'Naasten',
  onbekend: 'Niet gezegd',
};
const TYPE_SINGULAR: Record<string, string> = {
  bezoeker: 'bezoeker',
  vrijwilliger: 'vrijwilliger',
  buurtbewoner: 'buurtbewoner',
  naaste: 'naaste',
};

/** A horizontal bar (0–100) with the previous period as a thin bar under it; the label says both. */
function bar(value: number | null, previous: number | null | undefined, label: string): string {
  const w = (v: number | null) => (v === null ? 0 : Math.round(v * 1.6 * 10) / 10);
  const prev = previous === undefined ? '' : `<rect x="0" y="19" width="${w(previous)}" height="5" fill="#9aa5ab"/>`;
  return `<svg role="img" aria-label="${esc(label)}" width="170" height="26" viewBox="0 0 170 26" xmlns="http://www.w3.org/2000/svg"><title>${esc(label)}</title><rect x="0" y="2" width="160" height="15" fill="#e8eef1"/><rect x="0" y="2" width="${w(value)}" height="15" fill="#0a5c7a"/>${prev}</svg>`;
}

/** A count relative to the largest in its table. */
function countBar(count: number, max: number, label: string): string {
  const width = max === 0 ? 0 : Math.round((count / max) * 1600) / 10;
  return `<svg role="img" aria-label="${esc(label)}" width="170" height="20" viewBox="0 0 170 20" xmlns="http://www.w3.org/2000/svg"><title>${esc(label)}</title><rect x="0" y="3" width="${width}" height="14" fill="#0a5c7a"/></svg>`;
}

function outputSection(r: ImpactReport): string {
  const a = r.output.activities;
  const v = r.output.volunteers;
  const activities = a
    ? `<ul class="figures">
        <li><strong>${a.held}</strong> keer een activiteit gehouden</li>
        <li><strong>${a.previousHeld}</strong> in de vorige periode</li>
        ${a.cancelled ? `<li><strong>${a.cancelled}</strong> keer afgelast</li>` : ''}
      </ul>
      <table><caption class="meta">Gehouden per activiteit</caption>
        <thead><tr><th scope="col">Activiteit</th><th scope="col" class="chart"><span class="meta">grafiek</span></th><th scope="col" class="num">Keer</th></tr></thead>
        <tbody>${a.byTitle
          .map(
            (t) =>
              `<tr><th scope="row">${esc(t.title)}</th><td class="chart">${countBar(t.held, a.byTitle[0]!.held, `${t.held} keer`)}</td><td class="num">${t.held}</td></tr>`,
          )
          .join('')}</tbody></table>`
    : '<p class="none">Nog geen gegevens: de activiteitenkalender heeft geen activiteiten in deze periode.</p>';
  return `<section id="output"><h2>Wat we deden (output)</h2>
    <h3>Activiteiten</h3>${activities}
    <h3>Deelnemers</h3><p class="none">Nog geen gegevens: de kalender telt nog geen deelnemers.</p>
    <section id="volunteers"><h3>Vrijwilligers</h3>${
      v
        ? `<ul class="figures"><li><strong>${v.volunteers}</strong> vrijwilligers</li><li><strong>${v.shifts}</strong> diensten</li><li><strong>${nl.format(v.hours)}</strong> uur</li></ul>`
        : '<p class="none">Nog geen gegevens.</p>'
    }</section></section>`;
}

function outcomeSection(r: ImpactReport): string {
  if (r.outcome.length === 0) {
    return '<section id="outcome"><h2>Wat het opleverde (outcome)</h2><p class="none">Nog geen gegevens: in deze periode zijn geen stellingen beantwoord.</p></section>';
  }
  const polls = r.outcome
    .map(
      (p) => `<h3>${esc(p.stem)}</h3>
      <p class="meta">n = ${p.n} ingevulde peilingen (vorige periode: ${p.previousN}). De balk is het percentage eens; de dunne grijze balk de vorige periode.</p>
      <table>
        <thead><tr><th scope="col">Stelling</th><th scope="col" class="chart"><span class="meta">grafiek</span></th><th scope="col" class="num">% eens</th><th scope="col" class="num">n</th><th scope="col" class="num">Vorige periode</th><th scope="col" class="num">Verschil</th></tr></thead>
        <tbody>${p.statements
          .map(
            (s) => `<tr><th scope="row">…${esc(s.text)}${s.theme ? `<br><span class="meta">${esc(s.theme)}</span>` : ''}</th>
            <td class="chart">${bar(s.current.percentAgree, s.previous.percentAgree, `${pct(s.current.percentAgree)} eens, vorige periode ${pct(s.previous.percentAgree)}`)}</td>
            <td class="num">${pct(s.current.percentAgree)}</td><td class="num">${s.current.n}${s.dontKnow ? `<br><span class="meta">+${s.dontKnow} weet niet</span>` : ''}</td>
            <td class="num">${pct(s.previous.percentAgree)}<br><span class="meta">n = ${s.previous.n}</span></td><td class="num">${signed(s.change)}</td></tr>`,
          )
          .join('')}</tbody></table>`,
    )
    .join('');
  return `<section id="outcome"><h2>Wat het opleverde (outcome)</h2>${polls}</section>`;
}

function quickPollSection(r: ImpactReport): string {
  if (r.quickPolls.length === 0) return '';
  const polls = r.quickPolls
    .map((q) => {
      const label = (value: string) => q.options?.find((o) => o.value === value)?.label ?? ANSWER_LABELS[value] ?? value;
      return `<h3>${esc(q.question)}</h3><p class="meta">n = ${q.result.n} (vorige periode: ${q.previousN} peilingen)</p>
      <table><thead><tr><th scope="col">Antwoord</th><th scope="col" class="chart"><span class="meta">grafiek</span></th><th scope="col" class="num">Aantal</th><th scope="col" class="num">%</th></tr></thead>
      <tbody>${q.result.answers
        .map(
          (a) =>
            `<tr><th scope="row">${esc(label(a.value))}</th><td class="chart">${bar(a.percent, undefined, `${a.count} keer, ${pct(a.percent)}`)}</td><td class="num">${a.count}</td><td class="num">${pct(a.percent)}</td></tr>`,
        )
        .join('')}</tbody></table>`;
    })
    .join('');
  return `<section id="quick-polls"><h2>Korte peilingen</h2>${polls}</section>`;
}

function reachSection(r: ImpactReport): string {
  const max = Math.max(0, ...r.reach.byRespondentType.map((t) => t.count));
  return `<section id="reach"><h2>Wie antwoordde</h2>
    <table><thead><tr><th scope="col">Groep</th><th scope="col" class="chart"><span class="meta">grafiek</span></th><th scope="col" class="num">Aantal</th></tr></thead>
    <tbody>${r.reach.byRespondentType
      .map(
        (t) =>
          `<tr><th scope="row">${esc(TYPE_LABELS[t.type] ?? t.type)}</th><td class="chart">${countBar(t.count, max, `${t.count}`)}</td><td class="num">${t.count}</td></tr>`,
      )
      .join('')}</tbody></table>
    <p class="meta">Op de tablet bij de deur: ${r.reach.kiosk}; op de website: ${r.reach.inline}.</p></section>`;
}

function storiesSection(r: ImpactReport): string {
  const body = r.stories.length
    ? r.stories
        .map(
          (s) =>
            `<blockquote><p>${esc(s.story)}</p>${s.respondentType ? `<footer>— ${esc(TYPE_SINGULAR[s.respondentType] ?? s.respondentType)}</footer>` : ''}</blockquote>`,
        )
        .join('')
    : '<p class="none">Nog geen verhalen gekozen. Een coördinator kiest verhalen uit de antwoorden voor dit rapport.</p>';
  return `<section id="stories"><h2>Verhalen</h2>${body}</section>`;
}

export function renderReportHtml(r: ImpactReport): string {
  const period = `${dateText(r.period.from)} t/m ${dateText(r.period.to)}`;
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Impactrapport ${esc(r.site.name)} — ${esc(period)}</title>
<style>${CSS}</style></head>
<body><main>
<header><h1>Impactrapport ${esc(r.site.name)}</h1>
<p class="lead">Periode: ${esc(period)} · vergeleken met ${esc(dateText(r.previousPeriod.from))} t/m ${esc(dateText(r.previousPeriod.to))}</p></header>
${outputSection(r)}
${outcomeSection(r)}
${quickPollSection(r)}
${reachSection(r)}
${storiesSection(r)}
<section id="method"><h2>Hoe we het vroegen</h2>
<ul><li>Periode: ${esc(period)} (${r.period.days} dagen).</li>
<li>Aantal ingevulde peilingen: n = ${r.method.n}${r.method.polls.length ? ` (${r.method.polls.map((p) => `${esc(p.id)}: ${p.n}`).join(', ')})` : ''}.</li>
<li>Antwoordschaal bij de stellingen: ${esc(r.method.scale)}.</li>
<li>${esc(r.method.how)}</li></ul></section>
<section id="caveat" class="caveat"><h2>Wat deze cijfers wel en niet zeggen</h2><ul>${r.caveat.map((c) => `<li>${esc(c)}</li>`).join('')}</ul></section>
<section class="interpretation" id="interpretation"><h2>Samen duiden</h2>
<p class="lead">Bespreek de cijfers met bezoekers, vrijwilligers en partners. Schrijf de antwoorden hieronder.</p>
${r.questions.map((q) => `<section class="question"><h3>${esc(q)}</h3><p class="fill"></p><p class="fill"></p><p class="fill"></p></section>`).join('')}
</section>
<footer class="meta"><p>Gemaakt op ${esc(new Date(r.generatedAt).toISOString().slice(0, 10))} met buurtkit.</p></footer>
</main></body></html>
`;
}
