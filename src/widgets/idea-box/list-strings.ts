/**
 * Texts of the public idea list of `<idea-box>`. They travel with the list, which is loaded on
 * demand (see `idea-list.ts`); like every other key they can be overridden per instance and per
 * locale (`registerLocale`).
 */
import type { PluralMessage } from '../../core/localize.js';

export const listNl = {
  listHeading: 'Wat we met jullie ideeën doen',
  statusPrefix: 'Stand van zaken:',
  'status.ontvangen': 'Ontvangen',
  'status.wordt-besproken': 'Wordt besproken',
  'status.gepland': 'Gepland',
  'status.gedaan': 'Gedaan',
  'status.niet-mogelijk': 'Niet mogelijk',
  reasonLabel: 'Waarom niet:',
  answerLabel: 'Wat we ermee doen',
  postedOn: 'Ingestuurd op {date}',
  vote: 'Ik vind dit ook een goed idee',
  votes: { one: '{count} persoon vindt dit een goed idee', other: '{count} mensen vinden dit een goed idee' } as PluralMessage,
  voteThanks: 'Bedankt voor je stem!',
  voteFailed: 'Je stem kon niet worden verstuurd.',
};

export type ListStrings = typeof listNl;

export const listEn: ListStrings = {
  listHeading: 'What we do with your ideas',
  statusPrefix: 'Status:',
  'status.ontvangen': 'Received',
  'status.wordt-besproken': 'Being discussed',
  'status.gepland': 'Planned',
  'status.gedaan': 'Done',
  'status.niet-mogelijk': 'Not possible',
  reasonLabel: 'Why not:',
  answerLabel: 'What we do with it',
  postedOn: 'Sent on {date}',
  vote: 'I think this is a good idea too',
  votes: { one: '{count} person thinks this is a good idea', other: '{count} people think this is a good idea' },
  voteThanks: 'Thank you for your vote!',
  voteFailed: 'Your vote could not be sent.',
};
