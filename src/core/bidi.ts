import { html, type TemplateResult } from 'lit';

/** A private-use character: no string table contains it. */
const MARK = '\u{F8FF}';

/**
 * A translated sentence with one piece of text someone wrote (a name, a reason) set apart in a
 * `<bdi>`: Dutch in an Arabic sentence, or Arabic in a Dutch one, keeps its own direction and
 * does not drag the sentence's punctuation along. `message` gets a marker to put where the text
 * goes, e.g. `(m) => l.t('cancelledReason', { reason: m })`.
 */
export function isolate(message: (mark: string) => string, written: string | TemplateResult): TemplateResult {
  const [before = '', ...rest] = message(MARK).split(MARK);
  return html`${before}${rest.map((after) => html`<bdi>${written}</bdi>${after}`)}`;
}
