/** Texts of `<host-today>`. `{name}`, `{start}` and `{end}` are filled in; every key can be overridden. */
export const nl = {
  filled: 'Vandaag is {name} je gastvrouw of gastheer — {start} tot {end} uur',
  filledNoName: 'Vandaag is er een gastvrouw of gastheer — {start} tot {end} uur',
  open: 'Vandaag ({start} tot {end} uur) nog geen gastvrouw of gastheer — wil jij?',
  signUp: 'Meld je aan',
};
export type HostTodayStrings = typeof nl;
