/**
 * Reordering lists in the manage forms (poll options and statements, intake steps and questions):
 * "up" and "down" buttons that keep keyboard focus on the moved item's button.
 */
import { html } from 'lit';

/** A copy of `list` with item `index` moved by `delta` places (clamped to the list). */
export function moved<T>(list: readonly T[], index: number, delta: number): T[] {
  const to = Math.max(0, Math.min(list.length - 1, index + delta));
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item!);
  return next;
}

export interface OrderButtons {
  /** Unique per list, e.g. `option` or `q-2` (the questions of step 2). */
  list: string;
  index: number;
  count: number;
  /** Accessible names, e.g. "Koffie omhoog" / "Koffie omlaag". */
  upLabel: string;
  downLabel: string;
  up: string;
  down: string;
  onMove: (index: number, delta: number) => void;
}

/**
 * Two buttons; at either end the button stays focusable but says it cannot (`aria-disabled`), so
 * focus is never dropped on the page when an item reaches the top or bottom.
 */
export function orderButtons(o: OrderButtons) {
  const button = (delta: -1 | 1) => {
    const off = delta < 0 ? o.index === 0 : o.index === o.count - 1;
    return html`<button type="button" class="move" data-move="${o.list}-${o.index}-${delta < 0 ? 'up' : 'down'}"
      aria-label=${delta < 0 ? o.upLabel : o.downLabel} aria-disabled=${off ? 'true' : 'false'}
      @click=${() => !off && o.onMove(o.index, delta)}><span aria-hidden="true">${delta < 0 ? '↑' : '↓'}</span> ${delta < 0 ? o.up : o.down}</button>`;
  };
  return html`<span class="order">${button(-1)}${button(1)}</span>`;
}

/** After a move: focus the same button on the item at its new place (in `root`, once rendered). */
export function focusMoved(root: ParentNode, list: string, index: number, delta: number): void {
  root.querySelector<HTMLElement>(`[data-move="${list}-${index + delta}-${delta < 0 ? 'up' : 'down'}"]`)?.focus();
}
