import type { Plugin } from 'vite';
export function minifyHtmlText(text: string): string;
export function minifyCssText(text: string): string;
export function minifyTemplates(code: string, fileName: string): { code: string; map: unknown } | null;
export function minifyTemplatesPlugin(): Plugin;
export function preloadHelperPlugin(): Plugin;
export function firstRenderInLoaderPlugin(options?: { entry?: string; loader?: string }): Plugin & {
  inLoader(id: string): boolean;
  chunkFileNames(pattern: string): (chunk: { moduleIds: string[] }) => string;
};
