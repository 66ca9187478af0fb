/**
 * The personal-mode draft: answers and the current step in sessionStorage only (never
 * localStorage), so a closed tab forgets them and a shared computer does not show them to the next
 * person. Kiosk mode keeps no draft at all. Storage may be unavailable (privacy modes): then no draft.
 */
import type { IntakeAnswers, IntakeFlow } from '../../schema/welcome-intake-flow.js';

export interface IntakeDraft {
  answers: IntakeAnswers;
  step: string;
}

export const draftKey = (site: string, flow: IntakeFlow) => `buurtkit:welcome-intake:${site}:${flow.id}:${flow.version}`;

export function readDraft(key: string): IntakeDraft | undefined {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(key) ?? 'null');
    if (!parsed || typeof parsed !== 'object') return undefined;
    const { answers, step } = parsed as Partial<IntakeDraft>;
    return answers && typeof answers === 'object' && typeof step === 'string' ? { answers, step } : undefined;
  } catch {
    return undefined;
  }
}

export function writeDraft(key: string, draft: IntakeDraft | undefined): void {
  try {
    if (draft && Object.keys(draft.answers).length) sessionStorage.setItem(key, JSON.stringify(draft));
    else sessionStorage.removeItem(key);
  } catch {
    /* no storage: no draft */
  }
}
