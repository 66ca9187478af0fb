/** Base of the coordinator page's elements: buurtkit's base element with the admin strings. */
import { LocalizeController, stringsConverter, type StringTable } from '../../core/localize.js';
import { BuurtkitElement } from '../../core/buurtkit-element.js';
import { adminNl, SCOPE, type AdminStrings } from './strings.js';
import type { PropertyDeclarations } from 'lit';

export class AdminElement extends BuurtkitElement {
  static override properties: PropertyDeclarations = {
    ...BuurtkitElement.properties,
    strings: { attribute: 'strings', converter: stringsConverter },
  };

  declare strings: StringTable | undefined;

  protected readonly l = new LocalizeController<AdminStrings>(
    this,
    SCOPE,
    { nl: adminNl },
    {
      en: () => import('../locales/en.js').then((m) => m.en),
    },
  );

  /** A date (and time) in the page's language. */
  protected formatDate(iso: string | null, withTime = true): string {
    if (!iso) return this.l.t('none');
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return new Intl.DateTimeFormat(this.l.lang, withTime ? { dateStyle: 'long', timeStyle: 'short' } : { dateStyle: 'long' }).format(date);
  }

  /** Label of a status, role or other key-valued datum; the raw value when there is none. */
  protected label(prefix: 'status' | 'role', value: string | null): string {
    if (!value) return this.l.t('none');
    const key = `${prefix}.${value}`;
    return this.l.has(key) ? this.l.t(key as keyof AdminStrings) : value;
  }
}
