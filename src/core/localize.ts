/**
 * Per-element localisation: a Lit ReactiveController, no page-global runtime (the host page may
 * have its own). Each widget brings typed string tables (`nl` default, `en`); more locales are
 * data, added with `registerLocale()`; every string can be overridden per instance through the
 * widget's `strings` property or JSON attribute.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DEFAULT_LOCALE, dirOf, matchLocale, observeLang, resolveLang } from './lang.js';

/** A message: plain text with `{placeholders}`, or plural forms chosen by `Intl.PluralRules`. */
export type PluralMessage = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;
export type Message = string | PluralMessage;
export type StringTable = Record<string, Message>;

/** Widgets add their tables here by declaration merging, so `registerLocale` is typed. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface StringScopes {}

export type LocaleData = { [K in keyof StringScopes]?: Partial<StringScopes[K]> } & Record<string, StringTable | undefined>;

const registry = new Map<string, Map<string, StringTable>>();
const registered = new EventTarget();

/**
 * Add or extend a locale, e.g. `registerLocale('ar', { 'idea-box': {...} })`. Widgets already on
 * the page re-render.
 */
export function registerLocale(locale: string, data: LocaleData): void {
  const tag = locale.toLowerCase();
  let scopes = registry.get(tag);
  if (!scopes) registry.set(tag, (scopes = new Map()));
  for (const [scope, table] of Object.entries(data)) {
    if (table) scopes.set(scope, { ...scopes.get(scope), ...table } as StringTable);
  }
  registered.dispatchEvent(new Event('change'));
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

  constructor(
    private readonly host: LocalizeHost,
    private readonly scope: string,
    private readonly tables: { nl: S; en: S } & Record<string, S>,
  ) {
    host.addController(this);
  }

  hostConnected() {
    this.unobserve = observeLang(this.refresh);
    registered.addEventListener('change', this.refresh);
  }

  hostDisconnected() {
    this.unobserve?.();
    registered.removeEventListener('change', this.refresh);
  }

  /** Resolve once per update, before render. */
  hostUpdate() {
    this.lang = resolveLang(this.host);
    const available = new Set(Object.keys(this.tables));
    for (const [tag, scopes] of registry) if (scopes.has(this.scope)) available.add(tag);
    const locale = matchLocale(this.lang, available);
    if (locale !== this.locale) this.plurals = undefined;
    this.locale = locale;
  }

  private readonly refresh = () => this.host.requestUpdate();

  /** `ltr` or `rtl` for the locale in use, unless the host sets `dir` itself. */
  get dir(): 'ltr' | 'rtl' {
    const own = this.host.getAttribute('dir');
    return own === 'rtl' || own === 'ltr' ? own : dirOf(this.locale);
  }

  private lookup(key: string): Message {
    return (
      this.host.strings?.[key] ??
      registry.get(this.locale)?.get(this.scope)?.[key] ??
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

  date(value: string | number | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }): string {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? '' : new Intl.DateTimeFormat(this.locale, options).format(d);
  }

  number(value: number): string {
    return new Intl.NumberFormat(this.locale).format(value);
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
