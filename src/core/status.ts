import { html } from 'lit';

export type StatusTone = 'info' | 'success' | 'error';

/**
 * The polite live region a widget keeps rendered at all times, so screen readers announce each
 * change ("Bezig met versturen…", "Verstuurd", "Bewaard op dit apparaat…", "Kon niet worden
 * verstuurd"). Keep it outside the parts that come and go (form, thank-you).
 */
export function statusRegion(message: string, tone: StatusTone = 'info') {
  return html`<p part="status" class="status" data-tone=${tone} role="status" aria-live="polite" aria-atomic="true">${message}</p>`;
}
