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
export interface ApiFile {
  name: string;
  path: string;
  current: string | undefined;
  wanted: string;
}
export type OpenApiDocument = { openapi: string; paths: Record<string, Record<string, unknown>> } & Record<string, unknown>;
export const OPENAPI_FILE: string;
export const API_REFERENCE_FILE: string;
export function openApiDocument(openCollector: (options: { dbPath: string }) => Promise<{ app: unknown }>): Promise<OpenApiDocument>;
export function apiReference(doc: OpenApiDocument): string;
export function apiFiles(doc: OpenApiDocument): ApiFile[];
export function collectorLoader(): Promise<{
  openCollector: (options: { dbPath: string }) => Promise<{ app: unknown }>;
  close: () => Promise<void>;
}>;
