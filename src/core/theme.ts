import type { ReactiveController, ReactiveControllerHost } from 'lit';

type ThemedHost = ReactiveControllerHost &
  HTMLElement & {
    /** `light`, `dark`, or unset (follow the page). */
    theme?: string | null;
  };

/**
 * Relative luminance (WCAG) of a computed `rgb()`/`rgba()` colour, or undefined for anything
 * else (a colour space the browser reports differently is left to the light set).
 */
export function luminance(color: string): number | undefined {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(color.trim());
  if (!m) return undefined;
  if (m[4] !== undefined && parseFloat(m[4]) === 0) return undefined;
  const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Text this light (luminance; #aaa is 0.40, #ccc 0.60) can only be read on a dark page. Grey
 * text on a white page (#767676, 0.18) stays on the light side.
 */
const LIGHT_TEXT = 0.35;

/**
 * Chooses a widget's colour set. `theme="dark"`/`"light"` decide; otherwise the text colour the
 * widget inherits tells what is behind it: light text means a dark page (a dark theme, or
 * `color-scheme: dark` without colours of its own), and the widget turns dark too. Checked when
 * connected, after each render and when the system's colour scheme changes, because a site's
 * dark mode switch changes what the widget inherits without telling it.
 */
export class ThemeController implements ReactiveController {
  private media: MediaQueryList | undefined;
  private readonly onChange = () => this.check();

  constructor(
    private readonly host: ThemedHost,
    /** Shows the set: the host's `dark` custom state. */
    private readonly setDark: (on: boolean) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.media ??= globalThis.matchMedia?.('(prefers-color-scheme: dark)');
    this.media?.addEventListener?.('change', this.onChange);
    this.check();
  }

  hostDisconnected(): void {
    this.media?.removeEventListener?.('change', this.onChange);
  }

  hostUpdated(): void {
    this.check();
  }

  /** Whether the widget shows its dark set now. */
  get dark(): boolean {
    const { theme } = this.host;
    if (theme === 'dark') return true;
    if (theme === 'light') return false;
    // The host's own `color` is the text it inherits (or `--bk-color-text`): the set never
    // changes it, so this cannot flip back and forth.
    const lum = luminance(getComputedStyle(this.host).color);
    return lum !== undefined && lum > LIGHT_TEXT;
  }

  private check(): void {
    if (!this.host.isConnected) return;
    this.setDark(this.dark);
  }
}
