/** The coordinator's poll and intake-flow forms as data: what they send passes the collector's schemas. */
import { describe, expect, it } from 'vitest';
import {
  checkFlowDraft,
  draftOfFlow,
  flowOfDraft,
  intakeFieldOfPath,
  localTextOf,
  textDraft,
  withConsentFollowingContact,
} from '../../src/admin/intake/intake-draft.js';
import { moved } from '../../src/admin/shared/list-order.js';
import {
  checkPollDraft,
  draftOfPoll,
  newPollDraft,
  pollFieldOfPath,
  pollOfDraft,
  pollState,
  slugOf,
} from '../../src/admin/polls/poll-draft.js';
import { DEFAULT_POLLS, DEFAULT_STATEMENTS, pollDefinitionSchema } from '../../src/schema/feedback-poll.js';
import { DEFAULT_INTAKE_FLOW, intakeFlowSchema, type IntakeFlow } from '../../src/schema/welcome-intake.js';

describe('poll form data', () => {
  it('writes the English and Arabic next to the Dutch, and reads them back into the same fields', () => {
    const draft = {
      ...newPollDraft(),
      id: 'drinken',
      kind: 'choice' as const,
      question: 'Wat drink je?',
      translations: { title: { en: '', ar: '' }, question: { en: 'What do you drink?', ar: 'ماذا تشرب؟' }, stem: { en: '', ar: '' } },
      options: [
        { value: '', label: 'Thee', labelIn: { en: 'Tea', ar: 'شاي' } },
        { value: '', label: 'Koffie', labelIn: { en: '', ar: '' } },
      ],
    };
    const body = pollOfDraft(draft);
    expect(body.question).toEqual({ nl: 'Wat drink je?', en: 'What do you drink?', ar: 'ماذا تشرب؟' });
    expect(body.options).toEqual([
      { value: 'thee', label: { nl: 'Thee', en: 'Tea', ar: 'شاي' } },
      { value: 'koffie', label: 'Koffie' },
    ]);
    const back = draftOfPoll(pollDefinitionSchema.parse({ id: 'drinken', ...body }));
    expect(back.translations!.question).toEqual({ en: 'What do you drink?', ar: 'ماذا تشرب؟' });
    expect(back.options.map((o) => [o.label, o.labelIn])).toEqual([
      ['Thee', { en: 'Tea', ar: 'شاي' }],
      ['Koffie', { en: '', ar: '' }],
    ]);
    // The built-in poll's question comes with its translations.
    expect(draftOfPoll(DEFAULT_POLLS[0]!).translations!.question.ar).toBe('هل شعرت بالترحيب؟');
  });

  it('writes each kind as the collector accepts it, with only the fields the kind uses', () => {
    const choice = { ...newPollDraft(), id: 'koffie', kind: 'choice' as const, question: 'Wat drink je?' };
    choice.options = [
      { value: '', label: 'Koffie' },
      { value: '', label: 'Koffie!' },
      { value: 'thee', label: 'Thee' },
    ];
    const body = pollOfDraft({ ...choice, inPeriod: true, from: '2026-03-01', to: '2026-03-31', showResults: true });
    expect(body).toEqual({
      kind: 'choice',
      question: 'Wat drink je?',
      options: [
        { value: 'koffie', label: 'Koffie' },
        { value: 'koffie-2', label: 'Koffie!' },
        { value: 'thee', label: 'Thee' },
      ],
      showResults: true,
      period: { from: '2026-03-01', to: '2026-03-31' },
    });
    expect(pollDefinitionSchema.safeParse({ id: 'koffie', ...body }).success).toBe(true);

    const statements = pollOfDraft({
      ...newPollDraft(),
      kind: 'statements',
      question: 'ignored',
      story: true,
      forActivity: true,
      activityId: 'breicafe',
    });
    expect(statements).toMatchObject({
      kind: 'statements',
      story: true,
      activityId: 'breicafe',
      stem: 'Door de activiteiten van {naam} …',
    });
    expect(statements.statements!.map((s) => s.id)).toEqual(DEFAULT_STATEMENTS.map((s) => s.id));
    expect(statements).not.toHaveProperty('question');
    expect(pollDefinitionSchema.safeParse({ id: 'impact-2', ...statements }).success).toBe(true);
  });

  it('reads back what it writes, and the built-in polls', () => {
    const [welkom, impact] = DEFAULT_POLLS;
    expect({ id: welkom!.id, ...pollOfDraft(draftOfPoll(welkom!)) }).toEqual(welkom);
    // The built-in statements poll names no set: the form shows (and then saves) the default one.
    const { statements, stem, ...rest } = pollOfDraft(draftOfPoll(impact!));
    expect({ id: impact!.id, ...rest }).toEqual(impact);
    expect(statements).toEqual(DEFAULT_STATEMENTS);
    expect(stem).toBe('Door de activiteiten van {naam} …');
    for (const poll of DEFAULT_POLLS)
      expect(pollDefinitionSchema.safeParse({ id: poll.id, ...pollOfDraft(draftOfPoll(poll)) }).success).toBe(true);
    // An activity and a period may both hold; both are kept.
    const both = {
      id: 'x',
      kind: 'scale' as const,
      question: 'Hoe?',
      activityId: 'breicafe',
      period: { from: '2026-01-01', to: '2026-01-31' },
    };
    expect({ id: 'x', ...pollOfDraft(draftOfPoll(both)) }).toEqual(both);
  });

  it('finds missing texts, bad or taken ids and a reversed period before sending', () => {
    const d = { ...newPollDraft(), id: 'Koffie', kind: 'choice' as const, inPeriod: true, from: '2026-03-02', to: '2026-03-01' };
    expect(checkPollDraft(d, true, []).map((i) => `${i.field}:${i.key}`)).toEqual([
      'id:pollIdInvalid',
      'question:required',
      'options.0:required',
      'options.1:required',
      'to:periodOrder',
    ]);
    expect(checkPollDraft({ ...newPollDraft(), id: 'welkom', question: 'Hoi?' }, true, ['welkom'])).toEqual([
      { field: 'id', key: 'pollIdTaken' },
    ]);
    expect(checkPollDraft({ ...newPollDraft(), id: 'welkom', question: 'Hoi?' }, false, ['welkom'])).toEqual([]);
  });

  it('maps collector paths to fields, and knows when a poll is open', () => {
    expect(pollFieldOfPath('options.1.label')).toBe('options.1');
    expect(pollFieldOfPath('options')).toBe('options');
    expect(pollFieldOfPath('period.to')).toBe('to');
    expect(pollFieldOfPath('question')).toBe('question');
    const period = { from: '2026-03-01', to: '2026-03-31' };
    expect([
      pollState({ period }, '2026-02-28'),
      pollState({ period }, '2026-03-31'),
      pollState({ period }, '2026-04-01'),
      pollState({}, '2026-04-01'),
    ]).toEqual(['upcoming', 'open', 'closed', 'open']);
    expect(slugOf('Één koffie, graag!')).toBe('een-koffie-graag');
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 2, -2)).toEqual(['c', 'a', 'b']);
  });
});

describe('intake flow form data', () => {
  const builtIn = DEFAULT_INTAKE_FLOW;
  const { version: _v, ...builtInBody } = builtIn;

  it('saves the built-in flow unchanged, and keeps languages it does not edit', () => {
    const { flow } = flowOfDraft(withConsentFollowingContact(draftOfFlow(builtIn, builtIn)));
    expect(flow).toEqual(JSON.parse(JSON.stringify(builtInBody)));
    expect(localTextOf({ ...textDraft({ nl: 'Hoi', en: 'Hi', ar: 'مرحبا' }), nl: 'Hallo ' })).toEqual({
      nl: 'Hallo',
      en: 'Hi',
      ar: 'مرحبا',
    });
    // Arabic is edited like the other two; a language the form does not show is kept.
    expect(localTextOf({ ...textDraft({ nl: 'Hoi', ar: 'مرحبا', fr: 'Salut' }), ar: ' أهلا ' })).toEqual({
      nl: 'Hoi',
      ar: 'أهلا',
      fr: 'Salut',
    });
    expect(textDraft('Alleen Nederlands')).toEqual({ nl: 'Alleen Nederlands', en: '', ar: '', rest: {} });
  });

  it('leaves out questions turned off, brings the built-in ones back as off, and keeps consent with contact', () => {
    const d = draftOfFlow(builtIn, builtIn);
    const talents = d.steps[1]!.questions.findIndex((q) => q.source.id === 'talenten');
    d.steps[1]!.questions[talents]!.on = false;
    const saved = flowOfDraft(d);
    expect(saved.flow.steps[1]!.questions.map((q) => q.id)).not.toContain('talenten');
    expect(intakeFlowSchema.safeParse(saved.flow).success).toBe(true);

    // Loaded again: the question is there, off, in its step.
    const again = draftOfFlow({ ...saved.flow, version: 2 } as IntakeFlow, builtIn);
    const back = again.steps[1]!.questions.find((q) => q.source.id === 'talenten')!;
    expect(back.on).toBe(false);

    // Contact off: consent goes off too, and the flow is still valid.
    const contact = withConsentFollowingContact({
      ...d,
      steps: d.steps.map((s) => ({ ...s, questions: s.questions.map((q) => (q.source.type === 'contact' ? { ...q, on: false } : q)) })),
    });
    const types = flowOfDraft(contact).flow.steps.flatMap((s) => s.questions.map((q) => q.type));
    expect(types).not.toContain('contact');
    expect(types).not.toContain('consent');
    expect(intakeFlowSchema.safeParse(flowOfDraft(contact).flow).success).toBe(true);
  });

  it('adds choices with values from their labels, and maps collector paths back past turned-off questions', () => {
    const d = draftOfFlow(builtIn, builtIn);
    d.steps[0]!.questions[0]!.on = false; // voor-wie
    const reden = d.steps[0]!.questions[1]!;
    reden.options = [
      ...reden.options,
      { value: '', label: { nl: 'Een praatje', en: '', ar: '', rest: {} }, icon: '' },
      { value: '', label: { nl: '3 dingen', en: '', ar: '', rest: {} }, icon: '' },
    ];
    const saved = flowOfDraft(d);
    const values = saved.flow.steps[0]!.questions[0]!.options!.map((o) => o.value);
    expect(values.slice(-2)).toEqual(['een-praatje', 'keuze-3-dingen']);
    expect(intakeFlowSchema.safeParse(saved.flow).success).toBe(true);
    // The saved flow's first question is the draft's second (the first is off).
    expect(intakeFieldOfPath('steps.0.questions.0.label', saved)).toBe('s0-q1-label');
    expect(intakeFieldOfPath('steps.0.questions.0.options.5.label', saved)).toBe('s0-q1-o5');
    expect(intakeFieldOfPath('steps.0.questions.0.showIf.question', saved)).toBe('s0-q1');
    expect(intakeFieldOfPath('steps.1.title', saved)).toBe('s1-title');
    expect(intakeFieldOfPath('steps', saved)).toBe('steps');
    expect(intakeFieldOfPath('title', saved)).toBe('title');
  });

  it('finds empty texts and questions that depend on one turned off', () => {
    const flow: IntakeFlow = {
      id: 'kort',
      version: 3,
      steps: [
        {
          id: 'een',
          title: 'Een',
          questions: [
            {
              id: 'kom-je',
              type: 'single',
              label: 'Kom je vaker?',
              options: [
                { value: 'ja', label: 'Ja' },
                { value: 'nee', label: 'Nee' },
              ],
            },
            { id: 'waarom', type: 'short-text', label: 'Waarom?', showIf: { question: 'kom-je', anyOf: ['ja'] } },
          ],
        },
      ],
    };
    const d = draftOfFlow(flow, flow);
    d.steps[0]!.questions[0]!.on = false;
    d.steps[0]!.title = textDraft('');
    expect(checkFlowDraft(d)).toEqual([
      { field: 's0-title', key: 'required' },
      { field: 's0-q1', key: 'dependsOnOff', name: 'Kom je vaker?' },
    ]);
  });
});
