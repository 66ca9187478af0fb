/**
 * The texts of a read that failed (see `load.ts`), in every widget's first download: small, so
 * they ship here for Dutch, English and Arabic instead of in each widget's locale chunks. A
 * widget's `strings` override them like any other key.
 */
export const LOAD_STRINGS = {
  nl: {
    loadRetrying: 'Kon niet laden. We proberen het zo weer.',
    loadRetry: 'Nu opnieuw proberen',
    loadNotConnected: 'Dit onderdeel is nog niet aangesloten. De beheerder van de website kan dit oplossen.',
  },
  en: {
    loadRetrying: 'Could not load. We will try again shortly.',
    loadRetry: 'Try again now',
    loadNotConnected: 'This part is not connected yet. The website owner can fix this.',
  },
  ar: {
    loadRetrying: 'تعذّر التحميل. سنحاول مرة أخرى بعد قليل.',
    loadRetry: 'حاول الآن مرة أخرى',
    loadNotConnected: 'هذا الجزء غير متصل بعد. يمكن لصاحب الموقع إصلاح ذلك.',
  },
} as const;

export type LoadStringKey = keyof (typeof LOAD_STRINGS)['nl'];
