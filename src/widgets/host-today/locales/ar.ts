/** Arabic texts for `<host-today>` (right to left). */
import { registerLocale } from '../../../core/localize.js';
import type { HostTodayStrings } from '../strings.js';

export const ar: HostTodayStrings = {
  filled: 'اليوم {name} هو المضيف — من {start} إلى {end}',
  filledNoName: 'اليوم يوجد مضيف — من {start} إلى {end}',
  open: 'لا يوجد مضيف اليوم بعد (من {start} إلى {end}) — هل تريد أنت؟',
  signUp: 'سجّل',
};

registerLocale('ar', { 'host-today': ar });
