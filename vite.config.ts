import { defineConfig } from 'vite';
import { resolve } from 'node:path';
import { firstRenderInLoaderPlugin, minifyTemplatesPlugin, preloadHelperPlugin } from './scripts/build-plugins.mjs';

/**
 * Two browser builds from one config:
 * - default: ESM per widget for npm, with lit external (the host app dedupes lit);
 * - `--mode cdn`: one file `dist/cdn/buurtkit.js` with lit inlined, so a website owner installs
 *   everything with a single `<script type="module">`; it holds every widget's first render, the
 *   parts loaded later are in `dist/cdn/chunks/`.
 * The schema and the collector are compiled by tsc (tsconfig.node.json), not here.
 */
const root = import.meta.dirname;
const src = (path: string) => resolve(root, 'src', path);

export const npmEntries = {
  'widgets/idea-box/idea-box': src('widgets/idea-box/idea-box.ts'),
  'widgets/idea-box/locales/en': src('widgets/idea-box/locales/en.ts'),
  'widgets/idea-box/locales/ar': src('widgets/idea-box/locales/ar.ts'),
  'widgets/activity-calendar/activity-calendar': src('widgets/activity-calendar/activity-calendar.ts'),
  'widgets/activity-calendar/locales/en': src('widgets/activity-calendar/locales/en.ts'),
  'widgets/activity-calendar/locales/ar': src('widgets/activity-calendar/locales/ar.ts'),
  'widgets/feedback-poll/feedback-poll': src('widgets/feedback-poll/feedback-poll.ts'),
  'widgets/feedback-poll/locales/en': src('widgets/feedback-poll/locales/en.ts'),
  'widgets/feedback-poll/locales/ar': src('widgets/feedback-poll/locales/ar.ts'),
  'core/buurtkit-config': src('core/buurtkit-config.ts'),
  'define/idea-box': src('define/idea-box.ts'),
  'define/activity-calendar': src('define/activity-calendar.ts'),
  'define/feedback-poll': src('define/feedback-poll.ts'),
  'widgets/welcome-intake/welcome-intake': src('widgets/welcome-intake/welcome-intake.ts'),
  'widgets/welcome-intake/locales/en': src('widgets/welcome-intake/locales/en.ts'),
  'widgets/welcome-intake/locales/ar': src('widgets/welcome-intake/locales/ar.ts'),
  'define/welcome-intake': src('define/welcome-intake.ts'),
  'widgets/volunteer-signup/volunteer-signup': src('widgets/volunteer-signup/volunteer-signup.ts'),
  'widgets/volunteer-signup/locales/en': src('widgets/volunteer-signup/locales/en.ts'),
  'widgets/volunteer-signup/locales/ar': src('widgets/volunteer-signup/locales/ar.ts'),
  'widgets/host-today/host-today': src('widgets/host-today/host-today.ts'),
  'widgets/host-today/locales/en': src('widgets/host-today/locales/en.ts'),
  'widgets/host-today/locales/ar': src('widgets/host-today/locales/ar.ts'),
  'define/volunteer-signup': src('define/volunteer-signup.ts'),
  'define/host-today': src('define/host-today.ts'),
  'define/buurtkit-config': src('define/buurtkit-config.ts'),
  'define/all': src('define/all.ts'),
};

/**
 * The CDN build's shared chunks, by what is always fetched together. Left to itself the bundler
 * makes one chunk per distinct set of importers: a dozen files per widget, several under 200 bytes.
 * - `lit`: Lit, the base element, the provider and the core every widget renders with (the loader
 *   fetches the provider with any widget, so they always travel together);
 * - `read`: loading from the collector, its notices and the date formats (not needed by the intake);
 * - `send`: the outbox and what hands a submission to it, shared by every form widget;
 * - `calendar`: the calendar's own modules that its lazy parts use too.
 */
const core = (names: string) => new RegExp(`/src/core/(${names})\\.ts$`);
const cdnChunkGroups = [
  {
    name: 'lit',
    test: (id: string) =>
      /\/node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element|@lit\/context)\//.test(id) ||
      /rolldown\/runtime/.test(id) ||
      /\/src\/define\/buurtkit-config\.ts$/.test(id) ||
      core(
        'buurtkit-element|buurtkit-config|config-context|endpoint|events|lang|localize|buurtkit-widget|next-task|styles|status|form-styles|buurtkit-sender|sending-part|theme',
      ).test(id),
  },
  {
    // Small modules the widgets that read from the collector use at first render; as chunks of
    // their own they cost a phone on HTTP/1.1 (six connections per host) another round trip.
    name: 'read',
    test: (id: string) =>
      core('not-connected|localized|bidi|load|load-strings|formats').test(id) || /\/src\/schema\/localized-text\.ts$/.test(id),
  },
  {
    name: 'send',
    test: (id: string) =>
      core('outbox|outbox-store|outbox-db|render-token-cache|delivery|delivery-strings|send-events|request|form-encoding|envelope').test(
        id,
      ) || /\/src\/schema\/(ids|constants)\.ts$/.test(id),
  },
  {
    // What the calendar's first render shares with its lazy views and detail.
    name: 'calendar',
    test: (id: string) =>
      /\/src\/activities\/(days|engine|items|sources)\.ts$/.test(id) ||
      /\/src\/schema\/activity-texts\.ts$/.test(id) ||
      /\/src\/calendar\/zone-offset\.ts$/.test(id),
  },
];

export default defineConfig(({ mode }) => {
  if (mode === 'admin') {
    // The coordinator page, served by the collector at /admin: its own bundle with lit inlined,
    // no CDN bundle, no inline scripts or styles (the collector sends a strict CSP).
    return {
      root: src('admin'),
      base: '/admin/',
      publicDir: false,
      plugins: [
        minifyTemplatesPlugin(),
        {
          // package.json `sideEffects` names only the widget define modules; the page's own
          // modules register its elements, so they must not be shaken out.
          name: 'buurtkit-admin-side-effects',
          transform(code: string, id: string) {
            return id.startsWith(src('admin')) ? { code, map: null, moduleSideEffects: true } : null;
          },
        },
      ],
      build: {
        outDir: resolve(root, 'dist/admin'),
        emptyOutDir: true,
        target: 'es2022',
        sourcemap: true,
        minify: true,
        modulePreload: { polyfill: false },
        assetsInlineLimit: 0,
      },
    };
  }
  if (mode === 'cdn') {
    const firstRender = firstRenderInLoaderPlugin();
    return {
      plugins: [minifyTemplatesPlugin(), preloadHelperPlugin(), firstRender],
      // Relative: the bundle works from any folder on any host, and the preload helper resolves
      // each dependency against the importing file's URL.
      base: './',
      build: {
        outDir: 'dist/cdn',
        minify: true,
        emptyOutDir: true,
        target: 'es2022',
        sourcemap: true,
        // Not lib mode: Vite keeps whitespace in lib-mode ES output; a CDN file should be fully minified.
        rolldownOptions: {
          input: src('define/cdn.ts'),
          // The entry exports nothing; chunks may still import the loader's shared modules from it.
          preserveEntrySignatures: false,
          // Features loaded on demand (dynamic import) land next to it in chunks/; one script tag still installs all.
          output: {
            format: 'es',
            // The bundler writes the entry as a facade of the `buurtkit` group's chunk, which the
            // plugin makes the loader file (see firstRenderInLoaderPlugin).
            entryFileNames: 'chunks/[name]-facade.js',
            chunkFileNames: firstRender.chunkFileNames('chunks/[name]-[hash].js'),
            // Every module runs when first needed, not when the file loads: a page evaluates only
            // the widgets it shows, each in its own task.
            strictExecutionOrder: true,
            codeSplitting: {
              groups: [{ name: 'buurtkit', test: firstRender.inLoader, priority: 1 }, ...cdnChunkGroups],
              includeDependenciesRecursively: false,
            },
          },
        },
      },
    };
  }
  return {
    plugins: [minifyTemplatesPlugin()],
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      sourcemap: true,
      minify: false,
      lib: {
        entry: npmEntries,
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rolldownOptions: {
        external: [/^lit(\/|$)/, /^@lit\//],
        output: { chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  };
});
