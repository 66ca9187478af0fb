import type { ReactiveController, ReactiveControllerHost } from 'lit';

type ThemedHost = ReactiveControllerHost &
  HTMLElement & {
    /** `light`, `dark`, or unset (follow the page). */
    theme?: string | null;
  };

/**
 * Relative luminance (WCAG) of a computed `rgb()`/`rgba()` colour; undefined for a transparent
 * one or a colour the browser reports in another form (such a widget keeps the light set).
 */
export function luminance(color: string): number | undefined {
  const [r, g, b, a] = (/^rgba?\(/.test(color) && color.match(/[\d.]+/g)?.map(Number)) || [];
  if (b === undefined || a === 0) return undefined;
  const c = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * c(r!) + 0.7152 * c(g!) + 0.0722 * c(b);
}

/**
 * Text this light (luminance; #aaa is 0.40, #ccc 0.60) can only be read on a dark page. Grey
 * text on a white page (#767676, 0.18) stays on the light side.
 */
const LIGHT_TEXT = 0.35;

/**
 * Chooses a widget's colour set. `theme="dark"`/`"light"` decide; otherwise the text colour the
 * widget inherits tells what is behind it: light text means a dark page (a dark theme, or
 * `color-scheme: dark` without colours of its own), and the widget turns dark too. Checked before
 * every render, so a dark page never flashes a light widget: before the render, reading the
 * host's colour makes the browser compute the page's styles but not the widget's new shadow
 * content, which is styled once, with the frame (read after the render, it styled all of that
 * inside the render task, and on a dark page a second time for the dark set: up to 200 ms on a
 * slow phone). A site that switches its own dark mode later sets `theme` (or the
 * widget follows at its next render).
 */
export class ThemeController implements ReactiveController {
  constructor(
    private readonly host: ThemedHost,
    /** Shows the set: the host's `dark` custom state. */
    private readonly setDark: (on: boolean) => void,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const { theme } = this.host;
    // The host's own `color` is the text it inherits (or `--bk-color-text`): the set never
    // changes it, so this cannot flip back and forth.
    this.setDark(theme ? theme === 'dark' : (luminance(getComputedStyle(this.host).color) ?? 0) > LIGHT_TEXT);
  }
}
