/**
 * What a widget says when the collector refused a submission because the page is not connected
 * correctly (see `not-connected.ts`): nothing is promised, and the visitor's text stays. Loaded
 * with the sending code, in Dutch, English and Arabic; a widget's `strings` override it.
 */
import type { StringTable } from './localize.js';

const SEND_NOT_CONNECTED = {
  nl: 'Versturen kan hier nog niet. Je tekst staat er nog. Vraag het aan de mensen van het buurthuis.',
  en: 'You cannot send this from here yet. Your text is still here. Please ask the people at the centre.',
  ar: 'لا يمكن الإرسال من هنا بعد. نصّك ما زال هنا. اسأل العاملين في المركز.',
} as const;

/** The "not connected yet" text for a refused submission, in `locale` (Dutch when there is none). */
export function sendNotConnectedText(host: { strings?: StringTable | undefined }, locale: string): string {
  const own = host.strings?.['sendNotConnected'];
  if (typeof own === 'string') return own;
  return SEND_NOT_CONNECTED[locale as keyof typeof SEND_NOT_CONNECTED] ?? SEND_NOT_CONNECTED.nl;
}
