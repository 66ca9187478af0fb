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
 * not carry) with a small one that does what matters here: before a dynamic `import()` runs, add
 * (in a task of their own) a `<link rel=modulepreload>` for every file of the imported module's
 * static graph (Vite passes the list it knows from the build), so the browser fetches them all in
 * one round instead of discovering them import by import. The links carry the page's CSP nonce where it has one (needed under
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
    for (const dep of deps) {
      const href = new URL(dep, importerUrl).href;
      if (added.has(href)) continue;
      added.add(href);
      urls.push(href);
    }
    // Putting in a modulepreload link starts its fetch there and then (a few ms per link on a slow
    // phone): in a task of their own, so a widget that asks for a part while it renders does not
    // pay for it in its render. Queued before the import's own task, so the downloads start first.
    if (urls.length) setTimeout(() => preload(urls), 0);
  }
  // The downloads start first (the links above); the imports run one at a time, each in a task
  // of its own. A module's graph evaluates, and a widget defines, upgrades and renders, in the task
  // that finishes its import: several widgets whose code arrives together would otherwise render in
  // one long task. Code that is already in the file (the loader's first-render code) would
  // otherwise run in the task that asked for it, so every import starts in a new task. A queued
  // import finds its modules preloaded, so waiting costs no round trip.
  const run = turn.then(nextTask).then(load);
  turn = run.catch(() => {});
  return run.catch((error) => {
    for (const href of urls) added.delete(href);
    throw error;
  });
};
let turn = Promise.resolve();
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
const preload = (urls) => {
  const n = nonce();
  for (const href of urls) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    if (n) link.nonce = n;
    link.href = href;
    document.head.append(link);
  }
};
`;

/**
 * The CDN loader file carries every widget's first-render code, so a page with one script tag has
 * a widget's code after two round trips (the page, then `buurtkit.js`), not three (the widget's
 * files were only requested once the loader had run and seen the tag). Parts loaded later (sending
 * parts, detail views, the ICS parser, other languages) stay in `chunks/`.
 *
 * The code is in the file but does not run until its tag is found: the build wraps each module in
 * an init function (`strictExecutionOrder`) and the loader's `import()` of a widget becomes a call
 * of that function, in its own task. So a page evaluates only the widgets it shows, and Lit does
 * not start until a widget needs it (when the page's Trusted Types policy refuses Lit, the loader
 * still runs and says so in each widget's place).
 *
 * Usage: `const plugin = firstRenderInLoaderPlugin()`; a code-splitting group
 * `{ name: 'buurtkit', test: plugin.inLoader }` collects the modules and
 * `chunkFileNames: plugin.chunkFileNames('chunks/[name]-[hash].js')` names their chunk
 * `buurtkit.js`. The bundler then writes the entry as a one-line facade that imports that chunk;
 * `generateBundle` makes the chunk the loader itself (it calls the entry's init function), with
 * the bundler's runtime helpers inlined, and drops the facade. The build fails when the output does
 * not have the expected shape.
 */
export function firstRenderInLoaderPlugin({ entry = '/src/define/cdn.ts', loader = 'buurtkit.js' } = {}) {
  const modules = new Set();
  const fail = (what) => {
    throw new Error(`firstRenderInLoaderPlugin: ${what}; the bundler's output changed shape`);
  };
  return {
    name: 'buurtkit-first-render-in-loader',
    apply: 'build',
    /** The loader's own modules and the static graph of each module it imports on demand. */
    inLoader: (id) => modules.has(id),
    /** `output.chunkFileNames`: the chunk that holds the entry module is written as the loader. */
    chunkFileNames: (pattern) => (chunk) => (chunk.moduleIds.some((id) => id.endsWith(entry)) ? loader : pattern),
    buildEnd() {
      const entryId = [...this.getModuleIds()].find((id) => id.endsWith(entry));
      if (!entryId) return;
      const stack = [entryId, ...this.getModuleInfo(entryId).dynamicallyImportedIds];
      while (stack.length) {
        const id = stack.pop();
        if (modules.has(id)) continue;
        modules.add(id);
        stack.push(...this.getModuleInfo(id).importedIds);
      }
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const chunk = bundle[loader];
        const facade = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry);
        if (!chunk || chunk.type !== 'chunk' || !facade)
          fail(
            `no ${loader} chunk or no entry in ${Object.keys(bundle)
              .filter((k) => !k.endsWith('.map'))
              .slice(0, 8)}`,
          );
        // The facade: `import{X as e}from"../buurtkit.js";e();` — X is the loader's init function.
        const call =
          /^import\s*\{\s*([\w$]+)\s+as\s+([\w$]+)\s*\}\s*from\s*["'`][^"'`]+["'`];?\s*\2\(\);?\s*(\/\/# sourceMappingURL=\S+\s*)?$/.exec(
            facade.code,
          );
        if (!call) fail(`unexpected entry facade ${JSON.stringify(facade.code.slice(0, 200))}`);
        const exports = exportList(chunk.code) ?? fail(`no export list in ${loader}`);
        const init = exports.find(([, exported]) => exported === call[1])?.[0] ?? fail(`${call[1]} is not exported by ${loader}`);
        // The runtime helpers (a few hundred bytes) come as a chunk of their own, which lazy chunks
        // import; the loader gets its own copy, so it imports nothing.
        const imports = chunk.imports;
        if (imports.length !== 1) fail(`${loader} imports ${JSON.stringify(imports)}, expected only the runtime helpers`);
        const runtime = bundle[imports[0]];
        const importStatement = new RegExp(
          `import\\s*\\{([^}]*)\\}\\s*from\\s*["'\`][^"'\`]*${escape(imports[0].split('/').pop())}["'\`];?`,
        ).exec(chunk.code);
        if (!importStatement || runtime?.type !== 'chunk') fail(`no import of ${imports[0]} in ${loader}`);
        const runtimeExports = exportList(runtime.code) ?? fail(`no export list in ${imports[0]}`);
        const runtimeBody = runtime.code.replace(/export\s*\{[^}]*\}\s*;?/, '').replace(/\/\/# sourceMappingURL=\S+\s*$/, '');
        const bindings = importStatement[1]
          .split(',')
          .map((s) => s.trim().split(/\s+as\s+/))
          .map(([exported, local = exported]) => `${exported}:${local}`);
        const helpers = `const __bkRuntime=(()=>{${runtimeBody};return{${runtimeExports.map(([local, exported]) => `${exported}:${local}`).join(',')}}})();\n`;
        // Same length as the import it replaces, so the source map's columns stay right.
        const replacement = `const{${bindings.join(',')}}=__bkRuntime;`;
        if (replacement.length > importStatement[0].length) fail('the runtime import is shorter than its replacement');
        let code = chunk.code;
        code =
          code.slice(0, importStatement.index) +
          replacement.padEnd(importStatement[0].length) +
          code.slice(importStatement.index + importStatement[0].length);
        const mapComment = /\n?\/\/# sourceMappingURL=\S+\s*$/.exec(code);
        const body = mapComment ? code.slice(0, mapComment.index) : code;
        chunk.code = `${helpers}${body}\n${init}();${mapComment ? mapComment[0] : ''}`;
        chunk.imports = [];
        // One line was added at the top: the map starts with an empty line.
        if (chunk.map) chunk.map.mappings = `;${chunk.map.mappings}`;
        const mapAsset = bundle[`${loader}.map`];
        if (mapAsset?.type === 'asset') {
          const map = JSON.parse(String(mapAsset.source));
          map.mappings = `;${map.mappings}`;
          mapAsset.source = JSON.stringify(map);
        }
        chunk.isEntry = true;
        delete bundle[facade.fileName];
        delete bundle[`${facade.fileName}.map`];
      },
    },
  };
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `[local, exported]` pairs of a chunk's `export{a as b,c}` statement. */
function exportList(code) {
  const statement = /export\s*\{([^}]*)\}\s*;?\s*(\/\/# sourceMappingURL=\S+\s*)?$/.exec(code);
  if (!statement) return undefined;
  return statement[1]
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [local, exported = local] = s.split(/\s+as\s+/);
      return [local, exported];
    });
}
