import { describe, expect, it } from 'vitest';
import { minifyCssText, minifyHtmlText, minifyTemplates } from '../../scripts/build-plugins.mjs';

describe('minifyTemplates', () => {
  it('collapses indentation in html templates to one space, never to nothing', () => {
    expect(minifyHtmlText('<p>\n      a\n    </p>')).toBe('<p> a </p>');
    expect(minifyHtmlText('<b>x</b>\n  <i>y</i>')).toBe('<b>x</b> <i>y</i>');
    expect(minifyHtmlText('a  b')).toBe('a  b');
  });

  it('minifies css text but keeps descendant and pseudo-class selectors apart', () => {
    expect(minifyCssText(':host {\n  display: block; /* why */\n}\n a :focus { color: red; }')).toBe(
      ':host{display: block}a :focus{color: red}',
    );
  });

  it('rewrites only the literal parts of nested templates, never the expressions', () => {
    const source = [
      'const t = html`<ul>',
      '    ${items.map((i) => html`<li>',
      '        ${i.name + "  kept  "}',
      '      </li>`)}',
      '  </ul>`;',
      'const plain = `keep\n   this`;',
    ].join('\n');
    const out = minifyTemplates(source, 'x.ts')!.code;
    expect(out).toContain('html`<ul> ${items.map((i) => html`<li> ${i.name + "  kept  "} </li>`)} </ul>`');
    expect(out).toContain('`keep\n   this`');
  });

  it('leaves a module without templates alone', () => {
    expect(minifyTemplates('export const a = 1;', 'a.ts')).toBeNull();
  });
});
