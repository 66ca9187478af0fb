/**
 * The component tree of an ICS file (VCALENDAR › VEVENT › VALARM …), built leniently: a missing
 * END is closed where it must have been, a stray END is skipped, and both are reported.
 */
import { parseContentLine, unfold, type ContentLine } from './ics-lines.js';
import type { IcsWarning } from './ics-parse.js';

export interface Component {
  readonly name: string;
  readonly line: number;
  readonly props: ContentLine[];
  readonly children: Component[];
}

const MAX_DEPTH = 8;

/** Builds the tree; a nameless root holds the top-level components. */
export function buildTree(text: string, warn: (w: IcsWarning) => void): Component {
  const root: Component = { name: '', line: 0, props: [], children: [] };
  const stack: Component[] = [root];
  let repaired = 0;
  for (const { text: raw, line } of unfold(text)) {
    const cl = parseContentLine(raw, line);
    if (!cl) {
      warn({ severity: 'warning', code: 'bad-line', message: `Line ${line} is not a content line and was skipped`, line });
      continue;
    }
    if (cl.repaired && repaired++ === 0) {
      warn({ severity: 'info', code: 'repaired-line', message: `Line ${line}: a value inside quotes was read as the value`, line });
    }
    const top = stack[stack.length - 1]!;
    if (cl.name === 'BEGIN') {
      const name = cl.value.trim().toUpperCase();
      // An event never contains an event: a second BEGIN:VEVENT closes the first.
      const open = stack.findIndex((c) => c.name === name && name === 'VEVENT');
      if (open > 0) {
        warn({ severity: 'info', code: 'missing-end', message: `${name} at line ${stack[open]!.line} has no END`, line });
        stack.length = open;
      }
      const child: Component = { name, line, props: [], children: [] };
      if (stack.length <= MAX_DEPTH) stack[stack.length - 1]!.children.push(child);
      stack.push(child);
    } else if (cl.name === 'END') {
      const name = cl.value.trim().toUpperCase();
      const at = stack.map((c) => c.name).lastIndexOf(name);
      if (at <= 0) {
        warn({ severity: 'info', code: 'stray-end', message: `END:${name} without BEGIN at line ${line}`, line });
        continue;
      }
      if (at < stack.length - 1) {
        warn({
          severity: 'info',
          code: 'missing-end',
          message: `${stack[stack.length - 1]!.name} at line ${stack[stack.length - 1]!.line} has no END`,
          line,
        });
      }
      stack.length = at;
    } else {
      top.props.push(cl);
    }
  }
  if (stack.length > 1) {
    warn({
      severity: 'info',
      code: 'missing-end',
      message: `${stack
        .slice(1)
        .map((c) => c.name)
        .join(', ')} not closed at the end of the file`,
    });
  }
  return root;
}

/** All components named `name`, not looking inside events (VALARMs and the like). */
export function collect(c: Component, name: string, out: Component[] = []): Component[] {
  for (const child of c.children) {
    if (child.name === name) out.push(child);
    else if (child.name !== 'VEVENT') collect(child, name, out);
  }
  return out;
}

export const first = (c: Component, name: string) => c.props.find((p) => p.name === name);

export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
