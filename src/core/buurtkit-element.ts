import { LitElement, adoptStyles, type CSSResult, type PropertyDeclarations } from 'lit';
import { ThemeController } from './theme.js';
import { VERSION, warnIfOtherVersion } from './version.js';

/** Custom states a widget shows as `:state(…)`, for styling by embedders. */
export type WidgetState = 'sending' | 'sent' | 'queued' | 'failed' | 'invalid';

/**
 * Base class of every buurtkit element: guarded registration, reactive `lang`/`dir`, and
 * `ElementInternals` custom states where the browser has them.
 */
export class BuurtkitElement extends LitElement {
  static override properties: PropertyDeclarations = {
    lang: { reflect: true },
    dir: { reflect: true },
    theme: { reflect: true },
  };

  declare lang: string;
  declare dir: string;
  /** `light` or `dark` colours; unset: follow the page (dark when its text is light). */
  declare theme: 'light' | 'dark' | undefined;

  protected readonly internals: ElementInternals | undefined;

  /** The buurtkit version this class came with, read by another copy's `define`. */
  static readonly version: string = VERSION;

  /**
   * Register the element under `tag`, unless something already did: loading the bundle twice
   * (say a CDN copy and an npm copy) must not throw, and another version there is worth a warning.
   */
  static define(tag: string): void {
    const registered = customElements.get(tag);
    if (registered) warnIfOtherVersion(tag, registered);
    else customElements.define(tag, this);
  }

  constructor() {
    super();
    try {
      this.internals = this.attachInternals?.();
    } catch {
      /* no internals: no custom states */
    }
    new ThemeController(this, (on) => this.toggleState('dark', on));
  }

  /**
   * Add stylesheets that came with a part loaded later, once each (where adoptedStyleSheets is
   * missing, Lit appends a `<style>` instead).
   */
  protected adoptLate(...sheets: CSSResult[]): void {
    const root = this.renderRoot as ShadowRoot;
    const fresh = sheets.filter((s) => !root.adoptedStyleSheets?.includes(s.styleSheet!));
    if (fresh.length) adoptStyles(root, [...(root.adoptedStyleSheets ?? []), ...fresh]);
  }

  /**
   * Set or clear a custom state; older Chromium only accepts the dashed `--name` form. Without
   * custom states nothing happens: styling by state is a nicety.
   */
  protected toggleState(name: string, on: boolean): void {
    const states = this.internals?.states;
    for (const state of [name, `--${name}`]) {
      try {
        return void (on ? states?.add(state) : states?.delete(state));
      } catch {
        /* try the next form */
      }
    }
  }
}
