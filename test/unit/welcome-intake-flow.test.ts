/** The intake flow model: definition validation, "show if", answer checks and the payload. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INTAKE_FLOW,
  allQuestions,
  buildIntakePayload,
  conditionHolds,
  intakeFlowSchema,
  intakePayloadSchema,
  isSensitive,
  localText,
  pruneAnswers,
  validateAnswers,
  visibleSteps,
  type IntakeFlow,
} from '../../src/schema/index.js';

const flow: IntakeFlow = {
  id: 'test',
  version: 3,
  steps: [
    {
      id: 'een',
      title: 'Een',
      questions: [
        {
          id: 'kleur',
          type: 'single',
          label: 'Kleur',
          options: [
            { value: 'rood', label: 'Rood' },
            { value: 'blauw', label: 'Blauw' },
          ],
        },
        {
          id: 'tint',
          type: 'multiple',
          label: 'Tint',
          showIf: { question: 'kleur', anyOf: ['rood'] },
          options: [{ value: 'licht', label: 'Licht' }],
        },
      ],
    },
    {
      id: 'twee',
      title: 'Twee',
      showIf: { question: 'tint', answered: true },
      questions: [{ id: 'waarom', type: 'long-text', label: 'Waarom' }],
    },
    {
      id: 'drie',
      title: 'Drie',
      questions: [
        { id: 'contact', type: 'contact', label: 'Contact' },
        { id: 'ok', type: 'consent', label: 'Mag het?', showIf: { question: 'contact', anyOf: ['phone', 'email'] } },
        { id: 'wie', type: 'visibility', label: 'Wie?' },
        { id: 'voor', type: 'on-behalf', label: 'Voor wie?' },
      ],
    },
  ],
};

describe('flow definitions', () => {
  it('accepts the built-in flow: no question required, topics and free text sensitive', () => {
    const parsed = intakeFlowSchema.safeParse(DEFAULT_INTAKE_FLOW);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    const questions = allQuestions(DEFAULT_INTAKE_FLOW);
    expect(questions.filter(isSensitive).map((q) => q.id)).toEqual(['talenten', 'themas', 'contact']);
    expect(questions.find((q) => q.id === 'themas')!.options!.map((o) => o.value)).toEqual([
      'contact',
      'dagstructuur',
      'gezond-leven',
      'wonen',
      'geld',
      'werk',
      'taal',
      'vervoer',
      'zorg',
      'naasten',
    ]);
    // Every text in nl, en and ar.
    const texts = JSON.stringify(DEFAULT_INTAKE_FLOW).match(/"(label|title|hint|intro)":\{[^}]*\}/g)!;
    for (const t of texts) expect(t).toMatch(/"nl":.*"en":.*"ar":/);
    // Never name, origin or diagnosis.
    expect(JSON.stringify(DEFAULT_INTAKE_FLOW)).not.toMatch(/naam|afkomst|diagnose|"name"/i);
  });

  it('refuses conditions on later or unknown questions, unknown choices and duplicate ids', () => {
    expect(intakeFlowSchema.safeParse(flow).success).toBe(true);
    const issues = (f: unknown) => intakeFlowSchema.safeParse(f).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    const reversed = {
      ...flow,
      steps: [{ ...flow.steps[0]!, questions: [...flow.steps[0]!.questions].reverse() }, ...flow.steps.slice(1)],
    };
    expect(issues(reversed)).toContain('steps.0.questions.0.showIf.question: "kleur" is not an earlier question');
    const badChoice = structuredClone(flow) as any;
    badChoice.steps[0].questions[1].showIf.anyOf = ['groen'];
    expect(issues(badChoice)).toContain('steps.0.questions.1.showIf.anyOf: "groen" is not a choice of "kleur"');
    const twice = structuredClone(flow) as any;
    twice.steps[1].questions[0].id = 'kleur';
    expect(issues(twice)).toContain('steps.1.questions.0.id: Question id "kleur" is used twice');
    const noOptions = structuredClone(flow) as any;
    delete noOptions.steps[0].questions[0].options;
    expect(issues(noOptions).join()).toMatch(/Give at least one option/);
    const consentAlone = { id: 'x', steps: [{ id: 'a', title: 'A', questions: [{ id: 'ok', type: 'consent', label: 'OK' }] }] };
    expect(issues(consentAlone)).toContain('steps: A consent question needs a contact question');
    expect(issues({ ...flow, id: 'Met Spatie' }).join()).toMatch(/^id:/);
  });
});

describe('show if', () => {
  it('follows earlier answers: choices, "answered", contact channel, consent', () => {
    expect(conditionHolds({ question: 'kleur', anyOf: ['rood'] }, { kleur: 'rood' })).toBe(true);
    expect(conditionHolds({ question: 'kleur', anyOf: ['rood'] }, { kleur: 'blauw' })).toBe(false);
    expect(conditionHolds({ question: 'tint', answered: true }, { tint: [] })).toBe(false);
    expect(conditionHolds({ question: 'tint', answered: false }, {})).toBe(true);
    expect(conditionHolds({ question: 'contact', anyOf: ['email'] }, { contact: { channel: 'email' } })).toBe(true);
    expect(conditionHolds({ question: 'ok', anyOf: ['yes'] }, { ok: true })).toBe(true);
    expect(conditionHolds(undefined, {})).toBe(true);
  });

  it('shows a step only when it has something to show, and prunes answers hidden by a later change, in cascade', () => {
    expect(visibleSteps(flow, {}).map((s) => s.id)).toEqual(['een', 'drie']);
    expect(visibleSteps(flow, { kleur: 'rood', tint: ['licht'] }).map((s) => s.id)).toEqual(['een', 'twee', 'drie']);
    // Changing "kleur" hides "tint", which hides step two and its answer.
    expect(pruneAnswers(flow, { kleur: 'blauw', tint: ['licht'], waarom: 'Daarom', contact: { channel: 'none' }, ok: true })).toEqual({
      kleur: 'blauw',
      contact: { channel: 'none' },
    });
  });
});

describe('answers', () => {
  it('lets everything be skipped, and checks only what was answered', () => {
    expect(validateAnswers(flow, {})).toEqual({});
    expect(
      validateAnswers(flow, {
        kleur: 'groen',
        tint: ['licht', 'donker'],
        waarom: 'x'.repeat(2001),
        onbekend: 'x',
        wie: 'iedereen',
      }),
    ).toEqual({ kleur: 'errUnknownOption', tint: 'errUnknownOption', waarom: 'errTooLong', onbekend: 'errType', wie: 'errUnknownOption' });
  });

  it('checks contact details by channel and asks consent only when details are given', () => {
    const v = (contact: unknown, ok?: boolean) => validateAnswers(flow, { contact: contact as never, ...(ok !== undefined && { ok }) });
    expect(v({ channel: 'visit', note: 'Liever Fatima' })).toEqual({});
    expect(v({ channel: 'phone' })).toEqual({ contact: 'errDetailMissing' });
    expect(v({ channel: 'phone', detail: 'bel me' }, true)).toEqual({ contact: 'errPhone' });
    expect(v({ channel: 'email', detail: '06 12345678' }, true)).toEqual({ contact: 'errEmail' });
    expect(v({ channel: 'email', detail: 'a@b.nl' })).toEqual({ ok: 'errConsent' });
    expect(v({ channel: 'email', detail: 'a@b.nl' }, true)).toEqual({});
  });

  it('builds the payload: hidden and empty answers out, visibility and naaste lifted, most private by default', () => {
    const payload = buildIntakePayload(
      flow,
      {
        kleur: 'blauw',
        tint: ['licht'],
        contact: { channel: 'email', detail: ' a@b.nl ', note: ' ' },
        ok: true,
        voor: 'together',
        waarom: '  ',
      },
      true,
    );
    expect(payload).toEqual({
      kind: 'intake',
      flow: { id: 'test', version: 3 },
      answers: { kleur: 'blauw', contact: { channel: 'email', detail: 'a@b.nl' }, ok: true, voor: 'together' },
      visibility: 'professional',
      forSomeoneElse: true,
      assisted: true,
    });
    expect(intakePayloadSchema.safeParse(payload).success).toBe(true);
    expect(buildIntakePayload(flow, { wie: 'host', voor: 'self', contact: { channel: 'visit', detail: 'x' } }, false)).toMatchObject({
      answers: { contact: { channel: 'visit' }, voor: 'self' },
      visibility: 'host',
      forSomeoneElse: false,
    });
  });

  it('picks text by locale with fallbacks', () => {
    expect(localText({ nl: 'Hoi', en: 'Hi' }, 'en-GB')).toBe('Hi');
    expect(localText({ nl: 'Hoi', en: 'Hi' }, 'ar')).toBe('Hoi');
    expect(localText({ en: 'Hi' }, 'ar')).toBe('Hi');
    expect(localText('Zo', 'en')).toBe('Zo');
  });
});
