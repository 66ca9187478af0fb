import type { Plugin } from 'vite';
export function minifyHtmlText(text: string): string;
export function minifyCssText(text: string): string;
export function minifyTemplates(code: string, fileName: string): { code: string; map: unknown } | null;
export function minifyTemplatesPlugin(): Plugin;
export function preloadHelperPlugin(): Plugin;
