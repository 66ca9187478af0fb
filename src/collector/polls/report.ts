/**
 * The impact report's figures for a site and period: output (activities
 * held from the calendar; volunteers when sign-up provides them), outcome (statements with % eens
 * and n, against the previous period), the quick polls, reach by respondent type, the stories a
 * coordinator ticked, the method and the caveat. Plain data: `report-html.ts` renders it, and the
 * same object is the JSON answer.
 */
import { dutchText } from '../../schema/localized-text.js';
import { expand } from '../../activities/recurrence.js';
import {
  POLL_RESPONDENT_TYPES,
  aggregatePoll,
  compareStatements,
  fillSubject,
  DEFAULT_STATEMENT_STEM,
  type PollDefinition,
  type QuestionResult,
  type StatementComparison,
} from '../../schema/index.js';
import type { PollResponseRecord, Site, Store, VolunteerFigures } from '../store/types.js';
import { previousPeriod, type Period } from './period.js';
import { listSitePolls } from './polls.js';

/** The joint interpretation questions (duidingsvragen), as headings to fill in together. */
export const INTERPRETATION_QUESTIONS = [
  'Herken je de cijfers in de praktijk?',
  'Kunnen we ze verklaren?',
  'Wat vinden we ervan?',
  'Wat betekent dat voor de toekomst?',
] as const;

export interface ActivityFigures {
  /** Occurrences that took place (not cancelled) in the period, up to now. */
  held: number;
  /** Cancelled occurrences in the same span. */
  cancelled: number;
  previousHeld: number;
  /** Held occurrences per activity title, most first. */
  byTitle: { title: string; held: number }[];
}

export interface OutcomePoll {
  id: string;
  title: string | null;
  /** The stem with the name filled in: "Door de activiteiten van De Linde …". */
  stem: string;
  n: number;
  previousN: number;
  statements: (StatementComparison & { theme: string | null; dontKnow: number })[];
}

export interface QuickPoll {
  id: string;
  kind: PollDefinition['kind'];
  question: string;
  n: number;
  previousN: number;
  result: QuestionResult;
  options: { value: string; label: string }[] | null;
}

export interface ImpactReport {
  site: { slug: string; name: string; timeZone: string };
  period: { from: string; to: string; days: number };
  previousPeriod: { from: string; to: string };
  generatedAt: string;
  output: {
    /** Null when the calendar holds no activities at all. */
    activities: ActivityFigures | null;
    /** The calendar does not count participants yet. */
    participants: null;
    /** Null until volunteer sign-up provides figures ("nog geen gegevens"). */
    volunteers: VolunteerFigures | null;
  };
  outcome: OutcomePoll[];
  quickPolls: QuickPoll[];
  reach: { n: number; byRespondentType: { type: string; count: number }[]; kiosk: number; inline: number };
  stories: { id: string; story: string; respondentType: string | null; receivedAt: string }[];
  method: { n: number; polls: { id: string; n: number }[]; scale: string; how: string };
  caveat: string[];
  questions: readonly string[];
}

const SCALE_TEXT = 'helemaal oneens – oneens – neutraal – eens – helemaal eens, en "weet niet"';

export const REPORT_CAVEAT = [
  'De cijfers komen van de mensen die de peiling invulden. Dat is geen steekproef van de hele buurt: wie vaak komt, vult vaker in.',
  'Bij de stellingen zeggen mensen zelf of iets door de activiteiten komt. Dat is hun ervaring, geen bewijs van oorzaak en gevolg.',
  'Een initiatief is verantwoordelijk voor wat het met zijn activiteiten kan beïnvloeden (ontmoeting, een plek waar je welkom bent), niet voor alles wat er in de buurt verandert.',
  '"% eens" telt eens en helemaal eens, van iedereen die een mening gaf; "weet niet" telt niet mee. Bij kleine aantallen (n onder 30) kan een percentage sterk schommelen: vergelijk met de vorige periode voorzichtig.',
  'De antwoordschaal is voor deze peiling gekozen. Vergelijk de percentages daarom niet één op één met andere metingen.',
];

function activityFigures(
  items: Awaited<ReturnType<Store['activities']['list']>>,
  period: Period,
  previous: Period,
  now: Date,
): ActivityFigures | null {
  const activities = items.map((r) => r.data).filter((i) => i.kind === 'activity');
  if (activities.length === 0) return null;
  const count = (p: Period) => {
    const end = Math.min(Date.parse(p.before), now.getTime());
    const start = Date.parse(p.start);
    let held = 0;
    let cancelled = 0;
    const byTitle = new Map<string, number>();
    if (end <= start) return { held, cancelled, byTitle };
    for (const item of activities) {
      for (const o of expand(item, start, end)) {
        if (Date.parse(o.start) < start) continue; // began before the period
        if (o.status === 'gaat-niet-door') {
          cancelled++;
          continue;
        }
        held++;
        const title = o.title ?? item.title;
        byTitle.set(title, (byTitle.get(title) ?? 0) + 1);
      }
    }
    return { held, cancelled, byTitle };
  };
  const current = count(period);
  return {
    held: current.held,
    cancelled: current.cancelled,
    previousHeld: count(previous).held,
    byTitle: [...current.byTitle]
      .map(([title, held]) => ({ title, held }))
      .sort((a, b) => b.held - a.held || a.title.localeCompare(b.title, 'nl')),
  };
}

export async function buildImpactReport(store: Store, site: Site, period: Period, now: Date): Promise<ImpactReport> {
  const previous = previousPeriod(period, site.timeZone);
  const [polls, responses, before, activities, volunteers] = await Promise.all([
    listSitePolls(store, site),
    store.polls.listResponses(site.slug, { receivedFrom: period.start, receivedBefore: period.before }),
    store.polls.listResponses(site.slug, { receivedFrom: previous.start, receivedBefore: previous.before }),
    store.activities.list(site.slug),
    store.volunteer.figures ? store.volunteer.figures(site.slug, period.start, period.before) : Promise.resolve(null),
  ]);
  const byPoll = (rows: PollResponseRecord[], id: string) => rows.filter((r) => r.pollId === id);
  const outcome: OutcomePoll[] = [];
  const quickPolls: QuickPoll[] = [];
  for (const { poll } of polls) {
    const now_ = byPoll(responses, poll.id);
    const then = byPoll(before, poll.id);
    if (now_.length === 0 && then.length === 0) continue;
    const current = aggregatePoll(poll, now_);
    const earlier = aggregatePoll(poll, then);
    if (poll.kind === 'statements') {
      const comparison = compareStatements(current, earlier);
      outcome.push({
        id: poll.id,
        title: poll.title ? dutchText(poll.title) : null,
        stem: fillSubject(poll.stem ? dutchText(poll.stem) : DEFAULT_STATEMENT_STEM, poll.subject ?? site.name),
        n: current.n,
        previousN: earlier.n,
        statements: comparison.map((c, i) => ({ ...c, theme: current.statements[i]!.theme, dontKnow: current.statements[i]!.dontKnow })),
      });
    } else {
      quickPolls.push({
        id: poll.id,
        kind: poll.kind,
        question: poll.question ? dutchText(poll.question) : poll.id,
        n: current.n,
        previousN: earlier.n,
        result: current.question!,
        options: poll.options?.map((o) => ({ value: o.value, label: dutchText(o.label) })) ?? null,
      });
    }
  }
  const typeCounts = new Map<string, number>();
  for (const r of responses) typeCounts.set(r.respondentType ?? 'onbekend', (typeCounts.get(r.respondentType ?? 'onbekend') ?? 0) + 1);
  const stories = responses
    .filter((r) => r.storySelected && r.story)
    .map((r) => ({ id: r.id, story: r.story!, respondentType: r.respondentType, receivedAt: r.receivedAt }));
  const pollCounts = [...new Set(responses.map((r) => r.pollId))].map((id) => ({ id, n: byPoll(responses, id).length }));
  return {
    site: { slug: site.slug, name: site.name, timeZone: site.timeZone },
    period: { from: period.from, to: period.to, days: period.days },
    previousPeriod: { from: previous.from, to: previous.to },
    generatedAt: now.toISOString(),
    output: { activities: activityFigures(activities, period, previous, now), participants: null, volunteers: volunteers ?? null },
    outcome,
    quickPolls,
    reach: {
      n: responses.length,
      byRespondentType: [...POLL_RESPONDENT_TYPES, 'onbekend'].map((type) => ({ type, count: typeCounts.get(type) ?? 0 })),
      kiosk: responses.filter((r) => r.mode === 'kiosk').length,
      inline: responses.filter((r) => r.mode !== 'kiosk').length,
    },
    stories,
    method: {
      n: responses.length,
      polls: pollCounts,
      scale: SCALE_TEXT,
      how:
        'Anonieme peiling met <feedback-poll>: op de website van het initiatief en op een tablet bij de deur. ' +
        'Iedereen mocht elke vraag overslaan; per browser één antwoord per peiling, op de tablet zonder die grens.',
    },
    caveat: REPORT_CAVEAT,
    questions: INTERPRETATION_QUESTIONS,
  };
}
