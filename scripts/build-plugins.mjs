// Build plugins for the browser bundles.
// minifyTemplatesPlugin removes the indentation from Lit `html` and `css` tagged templates: bundlers
// minify code but leave template text alone, and in a widget many bytes are template text. The
// TypeScript parser finds the templates, so nested templates and `${…}` parts are handled exactly.
import ts from 'typescript';
import MagicString from 'magic-string';

/** Collapses whitespace in HTML text; a run with a line break becomes one space (never nothing). */
export function minifyHtmlText(text) {
  return text.replace(/\s*\n\s*/g, ' ');
}

/** Collapses whitespace in CSS and drops it around braces, semicolons and commas; drops comments. */
export function minifyCssText(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/;}/g, '}');
}

function templateParts(node) {
  const template = node.template;
  if (ts.isNoSubstitutionTemplateLiteral(template)) return [template];
  return [template.head, ...template.templateSpans.map((span) => span.literal)];
}

/** Returns the minified module, or null when it has no `html`/`css` templates. */
export function minifyTemplates(code, fileName) {
  if (!/\b(html|css)`/.test(code)) return null;
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out = new MagicString(code);
  let changed = false;
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && (node.tag.text === 'html' || node.tag.text === 'css')) {
      const minify = node.tag.text === 'html' ? minifyHtmlText : minifyCssText;
      for (const part of templateParts(node)) {
        // The raw text sits between the opening (` or }) and the closing (` or ${) delimiters.
        const start = part.getStart(source) + 1;
        const end = part.getEnd() - (ts.isTemplateTail(part) || ts.isNoSubstitutionTemplateLiteral(part) ? 1 : 2);
        const raw = code.slice(start, end);
        const min = minify(raw);
        if (min !== raw) {
          out.overwrite(start, end, min || ' ');
          changed = true;
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return changed ? { code: out.toString(), map: out.generateMap({ hires: true, source: fileName }) } : null;
}

export function minifyTemplatesPlugin() {
  return {
    name: 'buurtkit-minify-templates',
    enforce: 'pre',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id)) return null;
      return minifyTemplates(code, id);
    },
  };
}

/**
 * Replaces Vite's module-preload helper (about 1.2 KB gz) with a direct call. The helper adds
 * `<link rel=modulepreload>` and CSS for lazy chunks; ours carry no CSS and import only what the
 * entry already loaded, so the plain `import()` is all a browser needs.
 */
export function plainDynamicImportPlugin() {
  const HELPER = '\0vite/preload-helper.js';
  return {
    name: 'buurtkit-plain-dynamic-import',
    enforce: 'pre',
    apply: 'build',
    load(id) {
      if (id === HELPER) return 'export const __vitePreload = (load) => load();';
      return null;
    },
  };
}
