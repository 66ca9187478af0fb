// `cem analyze` reads the JSDoc blocks on the element classes (@summary, @csspart, @cssproperty,
// @event, @slot) and writes custom-elements.json, which editors and Storybook use.
export default {
  globs: [
    'src/core/buurtkit-element.ts',
    'src/core/buurtkit-widget.ts',
    'src/core/buurtkit-sender.ts',
    'src/core/buurtkit-config.ts',
    'src/widgets/**/*.ts',
  ],
  exclude: ['src/**/*.styles.ts', 'src/**/strings.ts', 'src/**/locales/**'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};
