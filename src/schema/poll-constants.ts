/**
 * `<feedback-poll>` as data: the poll kinds, their answer values, the outcome statement
 * set with the Badhuis survey's attribution stem, and the built-in default polls. Zod-free, so the
 * widget imports it; the collector validates with `feedback-poll.ts`.
 */
import type { LocalizedText } from './localized-text.js';

/** One-tap kinds ask a single question; `statements` is a set of agreement statements. */
export const POLL_KINDS = ['smileys', 'yes-no', 'scale', 'choice', 'statements'] as const;
export type PollKind = (typeof POLL_KINDS)[number];

/** Smileys, best first: 😀 🙂 😐 🙁. Each has a text label for screen readers (see the widget strings). */
export const SMILEY_VALUES = ['heel-goed', 'goed', 'gaat-wel', 'niet-goed'] as const;
export const SMILEY_EMOJI: Record<(typeof SMILEY_VALUES)[number], string> = {
  'heel-goed': '😀',
  goed: '🙂',
  'gaat-wel': '😐',
  'niet-goed': '🙁',
};
export const YES_NO_VALUES = ['ja', 'een-beetje', 'nee'] as const;
export const SCALE_VALUES = ['1', '2', '3', '4', '5'] as const;

/** The agreement scale of the outcome statements, from disagree to agree, plus "weet niet". */
export const AGREEMENT_VALUES = ['helemaal-oneens', 'oneens', 'neutraal', 'eens', 'helemaal-eens'] as const;
export const DONT_KNOW = 'weet-niet' as const;
export type AgreementValue = (typeof AGREEMENT_VALUES)[number] | typeof DONT_KNOW;
/** "% eens" counts these over everyone who gave an opinion (so without "weet niet"). */
export const AGREE_VALUES: readonly AgreementValue[] = ['eens', 'helemaal-eens'];

/** Who answered, so results can be split. Optional for the respondent. */
export const POLL_RESPONDENT_TYPES = ['bezoeker', 'vrijwilliger', 'buurtbewoner', 'naaste'] as const;
export type PollRespondentType = (typeof POLL_RESPONDENT_TYPES)[number];

export const POLL_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
export const POLL_TEXT_MAX = 300;
export const POLL_COMMENT_MAX = 1000;
export const POLL_STORY_MAX = 2000;
export const POLL_OPTIONS_MAX = 12;
export const POLL_STATEMENTS_MAX = 20;

/** The attribution stem of the Badhuis survey; `{naam}` is the initiative's name. */
export const DEFAULT_STATEMENT_STEM = 'Door de activiteiten van {naam} …';

/** A statement: its ending after the stem, and the theme it measures (for the report). */
export interface PollStatement {
  id: string;
  text: LocalizedText;
  theme?: string | undefined;
}

export interface PollOption {
  value: string;
  label: LocalizedText;
}

/**
 * The default outcome statements: the three themes of the Badhuis survey (verbondenheid, netwerk,
 * zelfvertrouwen), worded as in the survey report so the figures stay comparable with it.
 */
export const DEFAULT_STATEMENTS: readonly PollStatement[] = [
  { id: 'ken-buurtbewoners', text: 'ken ik andere buurtbewoners.', theme: 'verbondenheid' },
  { id: 'praatje', text: 'maak ik vaker een praatje met mensen uit de buurt.', theme: 'verbondenheid' },
  { id: 'verbonden', text: 'voelen buurtbewoners zich meer verbonden met elkaar.', theme: 'verbondenheid' },
  { id: 'hulp-vinden', text: 'weet ik buurtbewoners beter te vinden als ik een vraag heb of iets nodig heb.', theme: 'netwerk' },
  { id: 'hulp-vragen', text: 'vraag ik vaker hulp en advies aan mensen uit de buurt.', theme: 'netwerk' },
  { id: 'vaardigheden', text: 'heb ik nieuwe vaardigheden geleerd.', theme: 'zelfvertrouwen' },
  { id: 'zelfverzekerd', text: 'weet ik beter wat ik goed kan.', theme: 'zelfvertrouwen' },
];

/**
 * A poll as data: inline in the page (`poll` attribute) or served by the collector. Texts are
 * Dutch, or Dutch with English and Arabic (`LocalizedText`); the widget shows the reader's language
 * and falls back to Dutch. The widget's string tables translate the built-in statements.
 */
export interface PollDefinition {
  id: string;
  kind: PollKind;
  /** The heading; the widget's default when absent. */
  title?: LocalizedText | undefined;
  /** The one question of a one-tap poll ("Voelde je je welkom?"). */
  question?: LocalizedText | undefined;
  /** `choice`: the options. */
  options?: PollOption[] | undefined;
  /** `statements`: the set; `DEFAULT_STATEMENTS` when absent. */
  statements?: PollStatement[] | undefined;
  /** `statements`: the stem before each statement; `DEFAULT_STATEMENT_STEM` when absent. */
  stem?: LocalizedText | undefined;
  /** Fills `{naam}` in the stem and story question; the site's name on the collector. */
  subject?: string | undefined;
  /** Offer an optional comment field. */
  comment?: boolean | undefined;
  /** Ask (optionally) who is answering: bezoeker, vrijwilliger, buurtbewoner, naaste. */
  respondentType?: boolean | undefined;
  /** Offer the optional story field ("Vertel in een paar zinnen wat {naam} voor je betekent"). */
  story?: boolean | undefined;
  /** Show the aggregate results after voting (and let the public results route answer). */
  showResults?: boolean | undefined;
  /** Ties the poll to one activity (its calendar id) … */
  activityId?: string | undefined;
  /** … or to a period (local dates, inclusive). */
  period?: { from: string; to: string } | undefined;
}

/** What a respondent sends (widget `feedback-poll`, kind `poll-response`). Every answer optional. */
export type PollResponsePayload = {
  kind: 'poll-response';
  pollId: string;
  /** The answer to a one-question poll (a value of its kind, or a `choice` option value). */
  answer?: string | undefined;
  /** Statement id → agreement value. */
  statements?: Record<string, AgreementValue> | undefined;
  comment?: string | undefined;
  respondentType?: PollRespondentType | undefined;
  story?: string | undefined;
  activityId?: string | undefined;
  /** `kiosk` when sent from a shared tablet (no per-device limit). */
  mode?: 'inline' | 'kiosk' | undefined;
};

/** The built-in polls every site has until a coordinator defines its own with the same id. */
export const DEFAULT_POLLS: readonly PollDefinition[] = [
  // One tap and done: no extra fields, so the widget sends on the tap itself.
  {
    id: 'welkom',
    kind: 'smileys',
    question: { nl: 'Voelde je je welkom?', en: 'Did you feel welcome?', ar: 'هل شعرت بالترحيب؟' },
    showResults: true,
  },
  {
    id: 'impact',
    kind: 'statements',
    title: { nl: 'Wat betekenen onze activiteiten voor jou?', en: 'What do our activities mean to you?', ar: 'ماذا تعني أنشطتنا لك؟' },
    respondentType: true,
    story: true,
  },
];

/** The answer values of a one-question poll; empty for `statements`. */
export function answerValues(poll: Pick<PollDefinition, 'kind' | 'options'>): string[] {
  switch (poll.kind) {
    case 'smileys':
      return [...SMILEY_VALUES];
    case 'yes-no':
      return [...YES_NO_VALUES];
    case 'scale':
      return [...SCALE_VALUES];
    case 'choice':
      return (poll.options ?? []).map((o) => o.value);
    default:
      return [];
  }
}

/** The statements a poll asks (the default set when it names none); empty for one-question kinds. */
export function statementsOf(poll: Pick<PollDefinition, 'kind' | 'statements'>): readonly PollStatement[] {
  if (poll.kind !== 'statements') return [];
  return poll.statements?.length ? poll.statements : DEFAULT_STATEMENTS;
}

/** Fills `{naam}`; the stem of the survey, "Door de activiteiten van De Linde …". */
export function fillSubject(text: string, subject: string): string {
  return text.replace(/\{naam\}/g, subject);
}
