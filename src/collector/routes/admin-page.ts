/**
 * Serves the coordinator page (built by `vite build --mode admin` into dist/admin) at /admin and
 * /admin/*, same origin as the admin API. A Fastify plugin: its onSend hook runs after the app's
 * root hook, so the page gets its own strict CSP instead of the API's `default-src 'none'`.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import { ApiError } from '../http.js';
import { REPORT_STYLE_HASH } from '../polls/report-html.js';

/**
 * No inline script or style; Lit's `css` uses constructable stylesheets, which this allows. One
 * exception by hash: the impact report's own `<style>`, because the page opens the report (fetched
 * with the token) as a blob: URL, and a blob: document inherits the CSP of the page that made it.
 */
export const ADMIN_PAGE_CSP = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  `style-src 'self' '${REPORT_STYLE_HASH}'`,
  "script-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** dist/admin, from dist/collector/routes (built) as from src/collector/routes (tests on sources). */
export const DEFAULT_ADMIN_DIR = fileURLToPath(new URL('../../../dist/admin/', import.meta.url));

export interface AdminPageOptions {
  /** Folder with the built page; `dist/admin` of this package by default. */
  dir?: string;
}

const notBuilt = () => new ApiError(404, 'admin_page_not_built', 'The coordinator page is not built; run `vite build --mode admin`');

export const adminPagePlugin: FastifyPluginAsync<AdminPageOptions> = async (app: FastifyInstance, options) => {
  const dir = resolve(options.dir ?? DEFAULT_ADMIN_DIR);

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Content-Security-Policy', ADMIN_PAGE_CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    return payload;
  });

  async function sendFile(reply: FastifyReply, relative: string) {
    const file = resolve(dir, relative);
    // Stay inside the folder: no `..`, no absolute paths, no dot files.
    if (!file.startsWith(dir + sep) || relative.split('/').some((part) => part.startsWith('.'))) {
      throw new ApiError(404, 'not_found', 'No such file');
    }
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      if (relative === 'index.html') throw notBuilt();
      throw new ApiError(404, 'not_found', 'No such file');
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    // index.html names the hashed assets: always revalidate it; the assets never change.
    const cache =
      relative === 'index.html' ? 'no-cache' : relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    return reply
      .type(type)
      .header('Cache-Control', cache)
      .send(await readFile(file));
  }

  const pageDoc = {
    tags: ['Coordinator'],
    summary: 'The coordinator page (it asks for a token itself)',
    responseType: 'text/html',
  } as const;
  app.get('/admin', { config: pageDoc }, (_request, reply) => sendFile(reply, 'index.html'));
  app.get('/admin/', { config: pageDoc }, (_request, reply) => sendFile(reply, 'index.html'));
  const assetDoc = {
    tags: ['Coordinator'],
    summary: "The coordinator page's scripts, styles and images",
    responseType: 'application/octet-stream',
  } as const;
  app.get('/admin/*', { config: assetDoc }, (request, reply) => {
    const rest = (request.params as { '*': string })['*'];
    return sendFile(reply, rest === '' ? 'index.html' : rest);
  });
};

export default adminPagePlugin;
