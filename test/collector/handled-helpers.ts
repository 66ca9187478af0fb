/** Items of every kind a coordinator can mark as handled, stored directly. */
import type { Store, SubmissionRecord } from '../../src/collector/store/types.js';
import { uuidv7, volunteerRoleSchema, volunteerShiftSchema, type HandledKind } from '../../src/schema/index.js';

const T0 = '2026-11-20T09:00:00.000Z';

function envelope(site: string, widget: SubmissionRecord['widget'], kind: string, data: Record<string, unknown>): SubmissionRecord {
  return {
    id: uuidv7(),
    site,
    widget,
    kind,
    locale: 'nl',
    schemaVersion: 1,
    sentAt: T0,
    receivedAt: T0,
    consent: null,
    data: { kind, ...data },
    elapsedMs: 9000,
  };
}

/** One item of every kind for the site; returns their ids. */
export async function oneOfEach(store: Store, site: string): Promise<Record<HandledKind, string>> {
  const idea = envelope(site, 'idea-box', 'idea', { text: 'Een moestuin' });
  await store.ideas.insert(idea, {
    text: 'Een moestuin',
    category: null,
    role: null,
    wantsToHelp: false,
    name: null,
    contact: null,
    consentVersion: null,
    consentGivenAt: null,
    consentHash: null,
  });
  const intake = envelope(site, 'welcome-intake', 'intake', {});
  await store.intakes.insert(intake, {
    flowId: 'welkom',
    flowVersion: 1,
    visibility: 'host',
    forSomeoneElse: false,
    assisted: false,
    answers: {},
    sealed: null,
    consentVersion: null,
    consentGivenAt: null,
    consentHash: null,
  });
  const application = envelope(site, 'volunteer-signup', 'application', { firstName: 'Anna', contact: 'anna@example.nl' });
  await store.volunteer.insertApplication(application);
  const response = envelope(site, 'feedback-poll', 'response', { pollId: 'welkom', answer: 'goed' });
  await store.polls.insertResponse(response, {
    pollId: 'welkom',
    answer: 'goed',
    statements: null,
    comment: 'Fijn',
    respondentType: null,
    story: null,
    activityId: null,
    mode: null,
  });
  const role = await store.volunteer.createItem({ id: uuidv7(), site, kind: 'role', data: volunteerRoleSchema.parse({ name: 'Bar' }) }, T0);
  const shift = await store.volunteer.createItem(
    {
      id: uuidv7(),
      site,
      kind: 'shift',
      data: volunteerShiftSchema.parse({ roleId: role.id, start: '2026-11-30T10:00', end: '2026-11-30T12:00', capacity: 2 }),
    },
    T0,
  );
  const signup = await store.volunteer.signUp(
    {
      submission: envelope(site, 'volunteer-signup', 'shifts', { firstName: 'Bram' }),
      tokenHash: uuidv7(),
      firstName: 'Bram',
      contact: 'bram@example.nl',
      slots: [{ shiftId: shift.id, date: '2026-11-30', startAt: '2026-11-30T09:00:00.000Z', endAt: '2026-11-30T11:00:00.000Z' }],
      offerMs: 3_600_000,
    },
    T0,
  );
  return { idea: idea.id, intake: intake.id, application: application.id, 'poll-response': response.id, signup: signup.signups[0]!.id };
}
