/** English and Arabic texts of a read that failed (see `load-strings.ts`). */
import type { LoadStrings } from './load-strings.js';

export const LOAD_INTL: Record<string, LoadStrings> = {
  en: {
    loadRetrying: 'Could not load. We will try again shortly.',
    loadRetry: 'Try again now',
    loadNotConnected: 'This part of the page does not work here yet. Please ask the people at the centre.',
  },
  ar: {
    loadRetrying: 'تعذّر التحميل. سنحاول مرة أخرى بعد قليل.',
    loadRetry: 'حاول الآن مرة أخرى',
    loadNotConnected: 'هذا الجزء من الصفحة لا يعمل هنا بعد. اسأل العاملين في المركز.',
  },
};
