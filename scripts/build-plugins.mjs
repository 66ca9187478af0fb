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
 * Replaces Vite's module-preload helper (about 1.2 KB gz; it also handles CSS, which our chunks do
 * not carry) with a small one that does what matters here: before a dynamic `import()`, add a
 * `<link rel=modulepreload>` for every file of the imported module's static graph (Vite passes the
 * list it knows from the build), so the browser fetches them all in one round instead of discovering
 * them import by import. The links carry the page's CSP nonce where it has one (needed under
 * `'strict-dynamic'`); a link is not a Trusted Types sink. After a failed import the next try adds
 * its links again.
 */
export function preloadHelperPlugin() {
  const HELPER = '\0vite/preload-helper.js';
  return {
    name: 'buurtkit-preload-helper',
    enforce: 'pre',
    apply: 'build',
    load(id) {
      if (id === HELPER) return PRELOAD_HELPER;
      return null;
    },
  };
}

const PRELOAD_HELPER = `
const added = new Set();
const nonce = () => {
  const el = document.querySelector('meta[property=csp-nonce],script[nonce]');
  return el ? el.nonce || el.getAttribute('nonce') || '' : '';
};
export const __vitePreload = (load, deps, importerUrl) => {
  const urls = [];
  if (deps && deps.length && typeof document !== 'undefined') {
    const n = nonce();
    for (const dep of deps) {
      const href = new URL(dep, importerUrl).href;
      if (added.has(href)) continue;
      added.add(href);
      urls.push(href);
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      if (n) link.nonce = n;
      link.href = href;
      document.head.append(link);
    }
  }
  // The downloads start at once (the links above); the imports run one at a time, each in its own
  // task. A module's graph evaluates, and a widget defines, upgrades and renders, in the task that
  // finishes its import: several widgets whose code arrives together would otherwise render in one
  // long task. A queued import finds its modules preloaded, so waiting costs no round trip.
  const run = turn.then(load);
  turn = run.then(nextTask, nextTask);
  return run.catch((error) => {
    for (const href of urls) added.delete(href);
    throw error;
  });
};
let turn = Promise.resolve();
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
`;
