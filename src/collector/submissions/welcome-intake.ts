/**
 * `<welcome-intake>`: answers are checked against the flow they were given with (built-in or a
 * stored version; an unknown, inline flow is checked for shape only and all its answers count as
 * sensitive). Sensitive answers (topics, free text, contact) are sealed with the site's key
 * (AES-256-GCM, see intake-crypto.ts) before anything is written, also in the stored envelope. A
 * site without a configured key answers 503 `intake_key_missing`: the widget's outbox keeps the
 * intake and retries, so nothing is lost while the operator adds the key, and nothing is stored in
 * clear. The widget seals the whole intake in the browser (`data: {kind: 'sealed', sealed}`) with
 * the site's public key; it is opened here on receipt and then handled like a plain one.
 */
import { createHash } from 'node:crypto';
import {
  DEFAULT_INTAKE_FLOW,
  allQuestions,
  intakeAnswerIssues,
  intakeSubmissionSchema,
  isSensitive,
  localText,
  sealedIntakeSubmissionSchema,
  toFieldIssues,
  type IntakeFlow,
  type IntakeSubmission,
} from '../../schema/index.js';
import { invalid } from '../http.js';
import { IntakeSealError, openBrowserSealed, seal, type IntakeKey } from '../intake-crypto.js';
import { keyMissing } from '../routes/welcome-intake.js';
import type { Store } from '../store/types.js';
import { checkEnvelope } from '../envelope.js';
import { submissionKind } from './kind.js';

export const welcomeIntake = submissionKind({
  widget: 'welcome-intake',
  envelopes: [intakeSubmissionSchema, sealedIntakeSubmissionSchema],

  parse(body, { site, app }): IntakeSubmission {
    const parsed = intakeSubmissionSchema.safeParse(openedBody(body, site.slug, app.intakeKeys.get(site.slug)));
    if (!parsed.success) throw invalid(toFieldIssues(parsed.error));
    return parsed.data;
  },

  async check(envelope, { site, app }) {
    const { data } = envelope;
    const flow = await knownFlow(app.store, site.slug, data.flow);
    const issues = flow ? intakeAnswerIssues(flow, data, !!envelope.consent) : unknownFlowIssues(data.answers, !!envelope.consent);
    if (issues.length) throw invalid(issues);
    return flow;
  },

  // A webhook hears that an intake came in, never its answers (read them on the coordinator page).
  forward: (_record, { data }) => ({
    data: { kind: data.kind, flow: data.flow, visibility: data.visibility, forSomeoneElse: data.forSomeoneElse },
    consent: null,
  }),

  async store(envelope, flow, record, { site, app }) {
    const { data } = envelope;
    const keys = app.intakeKeys.get(site.slug);
    if (!keys?.length) throw keyMissing(site.slug);
    const sensitiveIds = new Set(
      flow
        ? allQuestions(flow)
            .filter(isSensitive)
            .map((q) => q.id)
        : Object.keys(data.answers),
    );
    const open: Record<string, unknown> = {};
    const secret: Record<string, unknown> = {};
    for (const [id, answer] of Object.entries(data.answers)) (sensitiveIds.has(id) ? secret : open)[id] = answer;
    const sealed = Object.keys(secret).length ? seal(keys, site.slug, envelope.id, secret) : null;

    // The stored envelope keeps only what is not sensitive; the sealed answers live in the intake row.
    record.data = { ...data, answers: open, sealed: sealed !== null };
    const textHash = record.consent && flow ? consentHashOf(flow, record.consent.textVersion, envelope.locale) : null;
    if (record.consent) record.consent.textHash = textHash;
    return app.store.intakes.insert(record, {
      flowId: data.flow.id,
      flowVersion: data.flow.version,
      visibility: data.visibility,
      forSomeoneElse: data.forSomeoneElse,
      assisted: data.assisted,
      answers: open,
      sealed,
      consentVersion: record.consent?.textVersion ?? null,
      consentGivenAt: record.consent?.givenAt ?? null,
      consentHash: textHash,
    });
  },
});

/** The text version the widget sends with consent: one per flow version, since the text is the flow's. */
export const intakeConsentVersion = (flow: { id: string; version: number }) => `intake:${flow.id}:${flow.version}`;

/** The flow an intake names, when the collector knows it. */
async function knownFlow(store: Store, site: string, ref: { id: string; version: number }): Promise<IntakeFlow | null> {
  if (ref.id === DEFAULT_INTAKE_FLOW.id && ref.version === DEFAULT_INTAKE_FLOW.version) return DEFAULT_INTAKE_FLOW;
  const stored = await store.intakes.getFlow(site, ref.version);
  const flow = stored?.flow as IntakeFlow | undefined;
  return flow && flow.id === ref.id ? flow : null;
}

/** A body sealed in the browser, opened with the site's key; any other body as it came. */
function openedBody(body: unknown, site: string, keys: readonly IntakeKey[] | undefined): unknown {
  if ((body as { data?: { kind?: unknown } } | null)?.data?.kind !== 'sealed') return body;
  const outer = sealedIntakeSubmissionSchema.safeParse(body);
  if (!outer.success) throw invalid(toFieldIssues(outer.error));
  checkEnvelope(outer.data, site);
  if (!keys?.length) throw keyMissing(site);
  try {
    return { ...outer.data, data: openBrowserSealed(keys, site, outer.data.id, outer.data.data.sealed) };
  } catch (error) {
    if (!(error instanceof IntakeSealError)) throw error;
    throw invalid([{ path: 'data.sealed', message: error.message, code: 'sealed' }]);
  }
}

/** The flow's consent question is the consent text: hash what the visitor saw, in their language. */
function consentHashOf(flow: IntakeFlow, textVersion: string, locale: string): string | null {
  const question = allQuestions(flow).find((q) => q.type === 'consent');
  if (!question || textVersion !== intakeConsentVersion(flow)) return null;
  return createHash('sha256').update(localText(question.label, locale), 'utf8').digest('hex');
}

/** Without the flow, at least: contact details only with consent. */
function unknownFlowIssues(answers: Record<string, unknown>, hasConsent: boolean) {
  const withDetail = Object.entries(answers).find(
    ([, a]) => typeof a === 'object' && a !== null && !Array.isArray(a) && !!(a as { detail?: string }).detail?.trim(),
  );
  return withDetail && !hasConsent
    ? [{ path: 'consent', message: 'Consent is required when contact details are given', code: 'errConsent' }]
    : [];
}
