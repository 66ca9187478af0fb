/** English texts for `<host-today>`. */
import type { HostTodayStrings } from '../strings.js';

export const en: HostTodayStrings = {
  filled: 'Today {name} is your host — {start} to {end}',
  filledNoName: 'Today there is a host for you — {start} to {end}',
  open: 'No host yet today ({start} to {end}) — would you like to?',
  signUp: 'Sign up',
};
