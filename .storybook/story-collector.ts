import type { Plugin } from 'vite';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs a real collector (SQLite in a temp dir, seeded with the demo centre's ideas) next to the
 * Storybook dev server and proxies `/collector/*` to it, so stories show the widget against the
 * real protocol rather than mocked responses. Small extra routes show how the widget
 * behaves when a server is down (`/__story/unavailable`, 503), slow (`/__story/slow`), refuses a
 * submission (`/__story/rejecting`, 400) or is just a webhook (`/__story/webhook`). A static
 * `build-storybook` has no collector: the list stays hidden and submissions are kept in the
 * outbox, which is what a visitor would see too.
 */
export function storyCollectorPlugin(): Plugin {
  return {
    name: 'buurtkit-story-collector',
    apply: 'serve',
    async config() {
      const { startDemoCollector } = await import('../scripts/demo-collector.mjs');
      const dir = mkdtempSync(join(tmpdir(), 'buurtkit-storybook-'));
      const collector = await startDemoCollector({ dbPath: join(dir, 'stories.sqlite'), port: 0 });
      // A second site with nothing published yet, for the "empty" story.
      await collector.store.createSite({ slug: 'nieuw-initiatief', name: 'Nieuw initiatief' }, new Date().toISOString());
      return {
        server: {
          proxy: {
            '/collector': {
              target: collector.url,
              rewrite: (path: string) => path.replace(/^\/collector/, ''),
              // Same-origin through the proxy: the collector's origin check is not what stories show.
              configure: (proxy) => {
                proxy.on('proxyReq', (req) => req.removeHeader('origin'));
              },
            },
          },
        },
      };
    },
    configureServer(server) {
      server.middlewares.use('/__story/unavailable', (_req, res) => {
        res.statusCode = 503;
        res.setHeader('content-type', 'application/json');
        res.setHeader('retry-after', '3600');
        res.end(JSON.stringify({ error: 'unavailable', message: 'Story: the collector is down.' }));
      });
      server.middlewares.use('/__story/slow', (_req, res) => {
        // Answers after a minute, so the "sending" state stays on screen.
        setTimeout(() => {
          res.statusCode = 201;
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ status: 'received' }));
        }, 60_000);
      });
      server.middlewares.use('/__story/webhook', (_req, res) => {
        res.statusCode = 200;
        res.setHeader('content-type', 'application/json');
        res.end('{"ok":true}');
      });
      server.middlewares.use('/__story/rejecting', (_req, res) => {
        res.statusCode = 400;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ error: 'bad_request', message: 'Story: the server refuses this.' }));
      });
    },
  };
}
