/**
 * The texts of a read that failed (see `load.ts`). Dutch is in every widget's first download;
 * English and Arabic (`load-strings-intl.ts`) load the first time a failure is shown in those
 * languages. A widget's `strings` override them like any other key.
 */
export const LOAD_NL = {
  loadRetrying: 'Kon niet laden. We proberen het zo weer.',
  loadRetry: 'Nu opnieuw proberen',
  loadNotConnected: 'Dit deel van de pagina werkt hier nog niet. Vraag het aan de mensen van het buurthuis.',
};

export type LoadStringKey = keyof typeof LOAD_NL;
export type LoadStrings = Record<LoadStringKey, string>;
