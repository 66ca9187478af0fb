/**
 * RFC 5545 content lines: unfolding, `NAME;PARAM=value:value` splitting and TEXT escaping.
 * Shared by the ICS reader and writer. Tolerant: it never throws and reports what it could not
 * read instead.
 */

export interface ContentLine {
  /** Upper-cased property name (`DTSTART`, `X-WR-TIMEZONE`). */
  readonly name: string;
  /** Upper-cased parameter names to their values (quotes removed, RFC 6868 decoded). */
  readonly params: Readonly<Record<string, readonly string[]>>;
  readonly value: string;
  /** 1-based line number of the first physical line, for warnings. */
  readonly line: number;
  /** True when the line was broken and repaired (see `parseContentLine`). */
  readonly repaired?: boolean;
}

export interface LogicalLine {
  readonly text: string;
  readonly line: number;
}

/**
 * Joins folded lines (CRLF, LF or CR followed by a space or tab). Blank lines are dropped,
 * and a continuation after a blank line still belongs to the line before it.
 */
export function unfold(text: string): LogicalLine[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: { text: string; line: number }[] = [];
  const physical = source.split(/\r\n|\n|\r/);
  for (let i = 0; i < physical.length; i++) {
    const raw = physical[i]!;
    if (raw.length === 0) continue;
    const first = raw.charCodeAt(0);
    if ((first === 0x20 || first === 0x09) && out.length > 0) {
      out[out.length - 1]!.text += raw.slice(1);
    } else if (raw.trim().length > 0) {
      out.push({ text: raw, line: i + 1 });
    }
  }
  return out;
}

/** RFC 6868: `^n` newline, `^'` double quote, `^^` caret. */
function decodeParamValue(value: string): string {
  return value.replace(/\^(n|N|'|\^)/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c === "'" ? '"' : '^'));
}

const NAME = /^[A-Za-z0-9-]+$/;

/**
 * Splits a logical line into name, parameters and value; `undefined` when it is not a content
 * line at all. Outlook sometimes writes `DTSTART;TZID="Zone:20200609T090000"` with the value
 * inside the quotes; that is repaired by splitting the quoted text at its last colon.
 */
export function parseContentLine(text: string, line: number): ContentLine | undefined {
  let i = 0;
  while (i < text.length && text[i] !== ';' && text[i] !== ':') i++;
  const name = text.slice(0, i).trim();
  if (!NAME.test(name) || i >= text.length) return undefined;

  const params: Record<string, string[]> = {};
  let lastQuoted: { param: string; index: number } | undefined;
  while (text[i] === ';') {
    i++;
    const start = i;
    while (i < text.length && text[i] !== '=' && text[i] !== ';' && text[i] !== ':') i++;
    const param = text.slice(start, i).trim().toUpperCase();
    const values: string[] = [];
    if (text[i] === '=') {
      i++;
      for (;;) {
        if (text[i] === '"') {
          const close = text.indexOf('"', i + 1);
          const end = close < 0 ? text.length : close;
          lastQuoted = { param, index: values.length };
          values.push(decodeParamValue(text.slice(i + 1, end)));
          i = close < 0 ? text.length : close + 1;
        } else {
          const start2 = i;
          while (i < text.length && text[i] !== ',' && text[i] !== ';' && text[i] !== ':') i++;
          values.push(decodeParamValue(text.slice(start2, i).trim()));
        }
        if (text[i] === ',') i++;
        else break;
      }
    }
    if (param) params[param] = [...(params[param] ?? []), ...values];
  }
  if (text[i] === ':') return { name: name.toUpperCase(), params, value: text.slice(i + 1), line };

  // No colon left: try the Outlook repair before giving up.
  if (lastQuoted) {
    const quoted = params[lastQuoted.param]![lastQuoted.index]!;
    const colon = quoted.lastIndexOf(':');
    if (colon > 0) {
      params[lastQuoted.param]![lastQuoted.index] = quoted.slice(0, colon);
      return { name: name.toUpperCase(), params, value: quoted.slice(colon + 1), line, repaired: true };
    }
  }
  return undefined;
}

export function paramOf(line: ContentLine, name: string): string | undefined {
  return line.params[name]?.[0];
}

/** Unescapes a TEXT value: `\n` `\N` newline, `\,` `\;` `\\`, and Outlook's `\:`. */
export function unescapeText(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c !== '\\' || i === value.length - 1) {
      out += c;
      continue;
    }
    const next = value[++i]!;
    if (next === 'n' || next === 'N') out += '\n';
    else if (next === ',' || next === ';' || next === '\\' || next === ':') out += next;
    else out += `\\${next}`; // unknown escape: keep it rather than lose a character
  }
  return out;
}

/** Splits a list value on separators that are not escaped, before unescaping. */
export function splitUnescaped(value: string, separator = ','): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && i + 1 < value.length) {
      current += c + value[++i]!;
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/** Escapes TEXT for writing: backslash, semicolon, comma and line breaks; other control characters are dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/** A value written as-is (UID, URL): without control characters, so it cannot break the line. */
export function rawValue(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]/g, '');
}

/** Quotes a parameter value when it holds `:` `;` or `,` (RFC 5545 §3.2); drops characters it cannot carry. */
export function quoteParam(value: string): string {
  const clean = value.replace(/["\r\n]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1), continuation lines starting with a space,
 * without ever splitting a UTF-8 sequence or a surrogate pair.
 */
export function foldLine(line: string): string {
  // Short ASCII lines are the common case.
  if (line.length <= 75 && !/[^\x00-\x7f]/.test(line)) return line;
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  let limit = 75;
  for (const ch of line) {
    // for…of walks code points, so surrogate pairs stay whole; a code point is 1–4 UTF-8 bytes.
    const cp = ch.codePointAt(0)!;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes + size > limit) {
      parts.push(current);
      current = '';
      bytes = 0;
      limit = 74; // the leading space counts towards the 75
    }
    current += ch;
    bytes += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
