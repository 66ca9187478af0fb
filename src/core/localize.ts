/**
 * Per-element localisation: a Lit ReactiveController, no page-global runtime (the host page may
 * have its own). Each widget brings typed string tables (`nl` built in and the default, `en`
 * loaded when asked for); more locales are data, added with `registerLocale()`; every string can
 * be overridden per instance through the widget's `strings` property or JSON attribute.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DEFAULT_LOCALE, dirOf, languageChanged, matchLocale, observeLang, resolveLang } from './lang.js';

/** A message: plain text with `{placeholders}`, or plural forms chosen by `Intl.PluralRules`. */
export type PluralMessage = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;
export type Message = string | PluralMessage;
export type StringTable = Record<string, Message>;

/** Widgets add their tables here by declaration merging, so `registerLocale` is typed. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface StringScopes {}

export type LocaleData = { [K in keyof StringScopes]?: Partial<StringScopes[K]> } & Record<string, StringTable | undefined>;

/** Registered strings: scope (widget) → locale → table. */
const registry: Record<string, Record<string, StringTable>> = {};

/**
 * Add or extend a locale, e.g. `registerLocale('ar', { 'idea-box': {...} })`. Widgets already on
 * the page re-render.
 */
export function registerLocale(locale: string, data: LocaleData): void {
  const tag = locale.toLowerCase();
  for (const [scope, table] of Object.entries(data)) {
    const tables = (registry[scope] ??= {});
    if (table) tables[tag] = { ...tables[tag], ...table };
  }
  languageChanged();
}

/** Replace `{name}` placeholders; unknown names stay as they are. */
export function interpolate(text: string, params: Record<string, unknown> = {}): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export interface LocalizeHost extends ReactiveControllerHost, HTMLElement {
  /** Per-instance overrides of any string. */
  strings?: StringTable | undefined;
}

export class LocalizeController<S extends StringTable> implements ReactiveController {
  /** The resolved requested language tag (e.g. `nl-BE`). */
  lang = DEFAULT_LOCALE;
  /** The locale whose strings are used (e.g. `nl`). */
  locale = DEFAULT_LOCALE;
  private unobserve?: () => void;
  private plurals?: Intl.PluralRules;
  private readonly loading: Record<string, Promise<void>> = {};

  /**
   * @param tables Built-in strings per locale; `nl` is the fallback for every key.
   * @param loaders Built-in locales that ship apart and load when the element's language asks for
   *   them, e.g. `{ en: () => import('./en.js').then((m) => m.en) }`.
   */
  constructor(
    private readonly host: LocalizeHost,
    private readonly scope: string,
    private readonly tables: Record<string, Partial<S>>,
    private readonly loaders: Record<string, () => Promise<Partial<S>>> = {},
  ) {
    host.addController(this);
  }

  /** Add built-in strings that arrive later (a part of the widget loaded on demand). */
  add(tables: Record<string, Partial<S>>): void {
    for (const [tag, table] of Object.entries(tables)) this.tables[tag] = { ...this.tables[tag], ...table };
    this.host.requestUpdate();
  }

  /** Start loading a locale that ships apart when the element's language asks for it. */
  private load(lang = resolveLang(this.host)): Promise<void> | undefined {
    const tag = matchLocale(lang, Object.keys(this.loaders));
    const load = this.loaders[tag];
    if (!load || this.tables[tag]) return undefined;
    return (this.loading[tag] ??= load().then(
      (table) => this.add({ [tag]: table }),
      // Offline, say: Dutch meanwhile; a later update tries again.
      () => void delete this.loading[tag],
    ));
  }

  /**
   * Settles when the strings for the element's language are here, or after `waitMs` at most (a
   * host may hold its first render that long, so Dutch does not flash); undefined when nothing loads.
   */
  ready(waitMs = 1500): Promise<unknown> | undefined {
    const loading = this.load();
    return loading && Promise.race([loading, new Promise((r) => setTimeout(r, waitMs))]);
  }

  hostConnected() {
    this.unobserve = observeLang(() => this.host.requestUpdate());
  }

  hostDisconnected() {
    this.unobserve?.();
  }

  /** Resolve once per update, before render. */
  hostUpdate() {
    this.lang = resolveLang(this.host);
    void this.load(this.lang);
    const locale = matchLocale(this.lang, [...Object.keys(this.tables), ...Object.keys(registry[this.scope] ?? {})]);
    if (locale !== this.locale) this.plurals = undefined;
    this.locale = locale;
  }

  /** `ltr` or `rtl` for the locale in use, unless the host sets `dir` itself. */
  get dir(): 'ltr' | 'rtl' {
    const own = this.host.getAttribute('dir');
    return own === 'rtl' || own === 'ltr' ? own : dirOf(this.locale);
  }

  private lookup(key: string): Message {
    return (
      this.host.strings?.[key] ??
      registry[this.scope]?.[this.locale]?.[key] ??
      this.tables[this.locale]?.[key] ??
      this.tables[DEFAULT_LOCALE]?.[key] ??
      key
    );
  }

  /** A string with `{placeholders}` filled; plural messages pick their form from `params.count`. */
  t(key: keyof S & string, params?: Record<string, unknown>): string {
    const msg = this.lookup(key);
    if (typeof msg === 'string') return interpolate(msg, params);
    this.plurals ??= new Intl.PluralRules(this.locale);
    const form = this.plurals.select(Number(params?.['count'] ?? 0));
    return interpolate(msg[form] ?? msg.other, params);
  }

  /** Optional key lookup for data-driven strings (category or status labels). */
  has(key: string): boolean {
    return this.lookup(key) !== key;
  }
}

/** Attribute converter for `strings='{"key":"text"}'`; bad JSON is reported once and ignored. */
export const stringsConverter = {
  fromAttribute(value: string | null): StringTable | undefined {
    if (!value) return undefined;
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as StringTable;
    } catch {
      /* fall through */
    }
    console.warn('[buurtkit] The strings attribute must be a JSON object, e.g. {"heading":"…"}.');
    return undefined;
  },
};
