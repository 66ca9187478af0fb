// Seeded responses for the demo centre's polls: the built-in outcome statements ("impact")
// with n = 111 in the last eleven months, like the Badhuis survey, a
// smaller, slightly less positive round the year before (for the comparison), and one-tap
// "welkom" answers from the website and the tablet at the door. Deterministic (seeded PRNG), so
// every fresh demo shows the same report.
import { DEFAULT_STATEMENTS, uuidv7 } from '../dist/schema/index.js';

/** Share agreeing among those with an opinion, per statement: the Badhuis survey's figures. */
const AGREE = {
  'ken-buurtbewoners': 0.73,
  praatje: 0.69,
  verbonden: 0.88,
  'hulp-vinden': 0.37,
  'hulp-vragen': 0.41,
  vaardigheden: 0.42,
  zelfverzekerd: 0.45,
};

/** Verbatim answers from the survey report, and a few in the same vein; the first three are ticked. */
const STORIES = [
  'Ik voel meer verbonden met de buurt, ik leer elke week nieuw mensen kennen.',
  'De Linde is een plek om laagdrempelig binnen te lopen om een vraag te stellen over iets in de buurt.',
  'De laagdrempelige programmering heeft voor iedereen wel wat.',
  'Sinds de koffieochtend groet ik mijn buren op straat.',
  'Ik help nu zelf mee bij het samen koken, dat had ik nooit gedacht.',
];

function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(random, weighted) {
  let r = random() * weighted.reduce((s, [, w]) => s + w, 0);
  for (const [value, w] of weighted) if ((r -= w) < 0) return value;
  return weighted.at(-1)[0];
}

const RESPONDENT = [
  ['bezoeker', 45],
  ['buurtbewoner', 30],
  ['vrijwilliger', 12],
  ['naaste', 5],
  [undefined, 8],
];

function statementAnswers(random, shift) {
  const answers = {};
  for (const { id } of DEFAULT_STATEMENTS) {
    const r = random();
    if (r < 0.04) continue; // skipped
    if (r < 0.12) {
      answers[id] = 'weet-niet';
      continue;
    }
    answers[id] =
      random() < AGREE[id] - shift
        ? random() < 0.4
          ? 'helemaal-eens'
          : 'eens'
        : pick(random, [
            ['neutraal', 50],
            ['oneens', 35],
            ['helemaal-oneens', 15],
          ]);
  }
  return answers;
}

async function insert(store, site, at, data) {
  const id = uuidv7(at);
  const iso = new Date(at).toISOString();
  await store.polls.insertResponse(
    {
      id,
      site,
      widget: 'feedback-poll',
      kind: 'poll-response',
      locale: 'nl',
      schemaVersion: 1,
      sentAt: iso,
      receivedAt: iso,
      consent: null,
      data: { kind: 'poll-response', ...data },
      elapsedMs: 45_000,
    },
    {
      pollId: data.pollId,
      answer: data.answer ?? null,
      statements: data.statements ?? null,
      comment: null,
      respondentType: data.respondentType ?? null,
      story: data.story ?? null,
      activityId: null,
      mode: data.mode ?? null,
    },
  );
  return id;
}

export async function seedPolls(store, site, now) {
  const random = mulberry32(7);
  const DAY = 86_400_000;
  const ticked = [];
  // This year: 111 answers to the statements, spread over the last eleven months.
  for (let n = 0; n < 111; n++) {
    const at = now - Math.floor(2 + random() * 330) * DAY - Math.floor(random() * 8) * 3_600_000;
    const story = n % 22 === 3 ? STORIES[(n / 22) | 0] : undefined;
    const id = await insert(store, site, at, {
      pollId: 'impact',
      statements: statementAnswers(random, 0),
      respondentType: pick(random, RESPONDENT),
      story,
      mode: random() < 0.6 ? 'kiosk' : 'inline',
    });
    if (story && STORIES.indexOf(story) < 3) ticked.push(id);
  }
  // The year before: a first, smaller round.
  for (let n = 0; n < 64; n++) {
    const at = now - Math.floor(370 + random() * 330) * DAY;
    await insert(store, site, at, {
      pollId: 'impact',
      statements: statementAnswers(random, 0.08),
      respondentType: pick(random, RESPONDENT),
      mode: 'inline',
    });
  }
  // "Voelde je je welkom?": one tap, mostly at the door.
  for (let n = 0; n < 86; n++) {
    const at = now - Math.floor(1 + random() * 300) * DAY;
    const answer = pick(random, [
      ['heel-goed', 55],
      ['goed', 32],
      ['gaat-wel', 10],
      ['niet-goed', 3],
    ]);
    await insert(store, site, at, { pollId: 'welkom', answer, mode: random() < 0.7 ? 'kiosk' : 'inline' });
  }
  for (const id of ticked) await store.polls.selectStory(site, id, true);
}
