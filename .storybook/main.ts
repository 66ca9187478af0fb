import type { StorybookConfig } from '@storybook/web-components-vite';
import { storyCollectorPlugin } from './story-collector.js';

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    viteConfig.plugins = [...(viteConfig.plugins ?? []), storyCollectorPlugin()];
    return viteConfig;
  },
};
export default config;
