/** A custom-elements.json manifest (only what scripts/docs.mjs reads is typed loosely). */
export type Manifest = { modules: { path: string; declarations?: unknown[] }[] };
export interface DocsPage {
  tag: string;
  path: string;
  current: string | undefined;
  wanted: string;
}
export const DOCS_DIR: string;
export const BEGIN: string;
export const END: string;
export function analyze(): Promise<Manifest>;
export function pages(manifest: Manifest): DocsPage[];
export function reference(element: unknown): string;
export function updatePage(existing: string | undefined, element: unknown): string;
