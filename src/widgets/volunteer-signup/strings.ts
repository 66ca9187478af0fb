/**
 * Texts of `<volunteer-signup>`, plain Dutch (B1). Every key can be overridden per instance
 * (`strings`) and per locale (`registerLocale`); English and Arabic load when a page asks for them.
 * The general sign-up form's texts load with that form (`apply-strings.ts`), the confirmation's
 * and the personal link page's with those (`own-strings.ts`).
 */
import type { PluralMessage } from '../../core/localize.js';
import type { ApplyStrings } from './apply-strings.js';
import type { OwnStrings } from './own-strings.js';

export const nl = {
  heading: 'Vrijwilliger worden',
  intro: 'Kies een of meer diensten. We vragen alleen je voornaam en een e-mailadres of telefoonnummer.',
  rolesHeading: 'Wat kun je doen?',
  whatYouDo: 'Wat je doet',
  notAsked: 'Wat we níet van je vragen',
  timePerWeek: 'Tijd',
  training: 'Training',
  contactPerson: 'Vragen? Stel ze aan',
  shiftsHeading: 'Kies je diensten',
  noShifts: 'Er staan nu geen diensten open.',
  placesLeft: { one: 'nog 1 plek', other: 'nog {count} plekken' } as PluralMessage,
  full: 'vol: je komt op de wachtlijst',
  waiting: { one: '{count} persoon wacht', other: '{count} mensen wachten' } as PluralMessage,
  collision: 'Let op: deze dienst is tegelijk met een andere dienst die je kiest.',
  nameLabel: 'Je voornaam',
  contactLabel: 'E-mail of telefoonnummer',
  contactHint: 'Zo laten we je weten of er plek is. Alleen de coördinator ziet dit.',
  privacy: 'Anderen zien nooit je naam. Ze zien alleen hoeveel plekken er nog zijn.',
  submit: 'Aanmelden',
  summaryTitle: 'Kijk nog even naar dit:',
  errChoose: 'Kies minstens één dienst.',
  errName: 'Vul je voornaam in.',
  errContact: 'Vul een e-mailadres of telefoonnummer in.',
  errForm: 'Er klopt iets niet. Kijk je keuze nog even na.',
  sending: 'Bezig met aanmelden…',
  sent: 'Aangemeld',
  queued: 'Je aanmelding staat veilig op deze telefoon of computer. We laten weten of er plek is.',
  failed: 'Aanmelden lukte niet. Probeer het later nog eens.',
  loadFailed: 'De diensten konden niet worden geladen. Probeer het later nog eens.',
  manageHeading: 'Je aanmelding',
  loading: 'Even laden…',
  notConnected: 'Aanmelden kan hier nog niet. Vraag het aan de mensen van het buurthuis.',
  applyButton: 'Liever eerst kennismaken? Meld je algemeen aan',
};

export type SignupStrings = typeof nl;
export type VolunteerSignupStrings = SignupStrings & ApplyStrings & OwnStrings;
