#!/usr/bin/env node
// `npm start`: the demo centre's website with the widgets, and the collector behind them.
// Two origins, as in real life: the centre's site (default :8080) and the collector (:8787).
import { createServer } from 'node:http';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startDemoCollector } from './demo-collector.mjs';

const root = resolve(import.meta.dirname, '..');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/** Serves demo/ at `/` and the CDN bundle at `/buurtkit/`, filling in the collector's URL. */
function startSiteServer({ port, host, collectorUrl }) {
  const mounts = [
    ['/buurtkit/', join(root, 'dist/cdn')],
    ['/', join(root, 'demo')],
  ];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const [prefix, dir] = mounts.find(([p]) => path.startsWith(p));
    let file = normalize(join(dir, path.slice(prefix.length)));
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Niet gevonden');
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    res.setHeader('content-type', type);
    res.setHeader('cache-control', 'no-cache');
    if (extname(file) === '.html') {
      res.end(readFileSync(file, 'utf8').replaceAll('%COLLECTOR_URL%', collectorUrl));
    } else {
      createReadStream(file).pipe(res);
    }
  });
  return new Promise((resolvePromise) => {
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolvePromise({ url: `http://localhost:${actual}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

/** Starts both servers; ports 0 pick free ones (the end-to-end tests do that). */
export async function startDemo({
  dataDir = join(root, '.data'),
  collectorPort = Number(process.env.PORT ?? 8787),
  sitePort = Number(process.env.DEMO_PORT ?? 8080),
  host = process.env.HOST ?? '127.0.0.1',
} = {}) {
  const collector = await startDemoCollector({ dbPath: join(dataDir, 'demo.sqlite'), port: collectorPort, host });
  const site = await startSiteServer({ port: sitePort, host, collectorUrl: collector.url });
  // Only now is the site's origin known (port 0 picks one): allow it in the collector's CORS list.
  const origins = [site.url, site.url.replace('localhost', '127.0.0.1')];
  const current = await collector.store.access.getSite(collector.site);
  await collector.store.access.updateSite(collector.site, {
    allowedOrigins: [...new Set([...current.allowedOrigins, ...origins])],
  });
  return {
    siteUrl: site.url,
    collectorUrl: collector.url,
    token: collector.token,
    site: collector.site,
    dbPath: join(dataDir, 'demo.sqlite'),
    async stop() {
      await site.close();
      await collector.close();
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const demo = await startDemo();
  const rel = demo.dbPath.replace(root + '/', '');
  console.log(`
  Buurthuiskamer De Linde — buurtkit demo

  Centre website:   ${demo.siteUrl}/
  Hostile host page: ${demo.siteUrl}/hostile.html
  Collector:        ${demo.collectorUrl}
  Coordinator page: ${demo.collectorUrl}/admin/  (sign in with the token below, site "${demo.site}")
  Coordinator token (shown once, valid 7 days):
    ${demo.token}

  Try the coordinator API:
    curl -H "Authorization: Bearer ${demo.token}" ${demo.collectorUrl}/v1/admin/sites/${demo.site}/ideas
  Export all ideas as CSV for Dutch Excel:
    node dist/collector/cli.js export ${demo.site} ideas --db ${rel} --out ideeen.csv
    curl -H "Authorization: Bearer ${demo.token}" -o ideeen.csv ${demo.collectorUrl}/v1/admin/sites/${demo.site}/export/ideas.csv

  The impact report (print it to PDF from the browser; poll answers are seeded):
    curl -H "Authorization: Bearer ${demo.token}" -o rapport.html ${demo.collectorUrl}/v1/admin/sites/${demo.site}/report

  Stop with Ctrl+C.
`);
  const shutdown = async () => {
    await demo.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
