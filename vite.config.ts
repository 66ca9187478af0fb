import { defineConfig } from 'vite';
import { resolve } from 'node:path';

/**
 * Two browser builds from one config:
 * - default: ESM per widget for npm, with lit external (the host app dedupes lit);
 * - `--mode cdn`: one self-contained file `dist/cdn/buurtkit.js` with lit inlined, so a website
 *   owner installs everything with a single `<script type="module">`.
 * The schema and the collector are compiled by tsc (tsconfig.node.json), not here.
 */
const root = import.meta.dirname;
const src = (path: string) => resolve(root, 'src', path);

export const npmEntries = {
  'widgets/idea-box/idea-box': src('widgets/idea-box/idea-box.ts'),
  'widgets/idea-box/locales/ar': src('widgets/idea-box/locales/ar.ts'),
  'core/buurtkit-config': src('core/buurtkit-config.ts'),
  'define/idea-box': src('define/idea-box.ts'),
  'define/buurtkit-config': src('define/buurtkit-config.ts'),
  'define/all': src('define/all.ts'),
};

export default defineConfig(({ mode }) => {
  if (mode === 'cdn') {
    return {
      build: {
        outDir: 'dist/cdn',
        emptyOutDir: true,
        target: 'es2022',
        sourcemap: true,
        lib: {
          entry: src('define/all.ts'),
          formats: ['es'],
          fileName: () => 'buurtkit.js',
        },
        rolldownOptions: {
          output: { codeSplitting: false },
        },
      },
    };
  }
  return {
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
