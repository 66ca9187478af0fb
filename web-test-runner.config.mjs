/**
 * Browser tests (Chromium via playwright-core and Debian's /usr/bin/chromium).
 *
 * Besides the test files, this starts for the whole run:
 * - a real collector process (test/fixtures/collector-process.mjs, from `npm run build:node`),
 *   with this runner's page origin allowed; tests read `{url, site, token}` at /__collector.json
 *   and reach the admin API through the `bk-admin` server command (node-side, no CORS needed);
 * - a foreign receiver (plain node:http) for webhook mode and scripted retries (`bk-receiver`);
 * - `bk-network` to cut the page off from those endpoints and back (see the comment there);
 * - `bk-count` to count the page's requests to those endpoints, by path;
 * - `bk-page` to serve a host page written in a test at `/__page/:key`, also from the foreign origin
 *   `http://127.0.0.1:<port>` (a cross-site iframe, where Chromium denies storage to third parties).
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';
import { startCollectorProcess } from './test/fixtures/collector-process.mjs';
import { startReceiver } from './test/browser/server/receiver.mjs';

/** A free port now, so the page origin is known before the collector starts. */
async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

const port = Number(process.env.WTR_PORT) || (await freePort());
const origin = `http://localhost:${port}`;
/** The same test server as a different site: a cross-site iframe's origin. */
const frameOrigin = `http://127.0.0.1:${port}`;
const SITE = 'wtr-centre';
/** A site that allows no website: the collector refuses every page (a misconfigured install). */
const CLOSED_SITE = 'wtr-closed';
/** A second site on the same collector with proof-of-work on (test/browser/pow.test.ts). */
const POW_SITE = 'wtr-pow';
/** @type {string | undefined} */
let powToken;
/** A third site whose polls, intake flow and retention test/browser/admin-manage.test.ts changes. */
const MANAGE_SITE = 'wtr-manage';
/** @type {string | undefined} */
let manageToken;
/** A fourth site whose volunteer roles and shifts test/browser/admin-volunteer-catalogue.test.ts makes and deletes. */
const ROLES_SITE = 'wtr-roles';
/** @type {string | undefined} */
let rolesToken;
/**
 * A fifth site whose allowed websites test/browser/activity-calendar-not-connected.test.ts takes
 * away mid-test (a page that loaded, then is no longer allowed): on a site of its own, so no file
 * running at the same time loses its connection.
 */
const UNLINK_SITE = 'wtr-unlink';
/** @type {string | undefined} */
let unlinkToken;

/** @type {Awaited<ReturnType<typeof startCollectorProcess>> | undefined} */
let collector;
/** @type {Awaited<ReturnType<typeof startReceiver>> | undefined} */
let receiver;

/** Host pages written in tests (`bk-page`), by key. */
const pages = new Map();
/** Per browser context, requests to the endpoints counted by path (`bk-count`). */
const counts = new WeakMap();

/** Browser contexts currently cut off from the endpoints. */
const offlineContexts = new WeakSet();
/** Per browser context, the paths on the test server whose requests fail (see `bk-block`). */
const blockedPaths = new WeakMap();
/** @param {URL} url */
const isEndpoint = (url) => [collector?.url, receiver?.url].some((base) => base && url.origin === new URL(base).origin);
/** Requests already counted, so a request seen by two route handlers counts once. */
const counted = new WeakSet();
/** @param {import('playwright').Route} route */
const count = (route) => {
  const request = route.request();
  let byPath;
  try {
    byPath = counts.get(request.frame().page().context());
  } catch {
    return; // not from a page (a service worker)
  }
  if (!byPath || counted.has(request) || request.method() === 'OPTIONS') return;
  counted.add(request);
  const path = new URL(request.url()).pathname;
  byPath.set(path, (byPath.get(path) ?? 0) + 1);
};
/** @param {import('playwright').Route} route */
const disconnect = (route) => {
  if (isEndpoint(new URL(route.request().url()))) count(route);
  return route.abort('internetdisconnected');
};

/** The token of the site an admin API path names. @param {string} path */
const tokenFor = (path) =>
  path.includes(`/sites/${POW_SITE}/`)
    ? powToken
    : path.includes(`/sites/${MANAGE_SITE}/`)
      ? manageToken
      : path.includes(`/sites/${ROLES_SITE}/`)
        ? rolesToken
        : path.includes(`/sites/${UNLINK_SITE}/`)
          ? unlinkToken
          : collector?.token;

/** @type {import('@web/test-runner').TestRunnerPlugin} */
const testServers = {
  name: 'buurtkit-test-servers',
  async serverStart() {
    receiver = await startReceiver({ origin });
    collector = await startCollectorProcess({
      origins: [origin],
      site: SITE,
      rateLimits: { submissions: 10_000, votes: 10_000, siteSubmissions: 100_000, renderTokens: 10_000 },
    });
    await collector.cli('site', 'update', SITE, '--add-origin', frameOrigin);
    await collector.cli('site', 'add', CLOSED_SITE, '--name', 'Niet aangesloten');
    await collector.cli('site', 'add', POW_SITE, '--name', 'PoW centre', '--origin', origin, '--proof-of-work', '5000');
    powToken = (await collector.cli('token', 'create', POW_SITE, '--scopes', 'read', '--label', 'test')).trim();
    await collector.cli('site', 'add', MANAGE_SITE, '--name', 'Buurthuis De Eik', '--origin', origin);
    manageToken = (await collector.cli('token', 'create', MANAGE_SITE, '--scopes', 'read,moderate,export,admin', '--label', 'test')).trim();
    await collector.cli('site', 'add', ROLES_SITE, '--name', 'Buurthuis De Wilg', '--origin', origin);
    rolesToken = (await collector.cli('token', 'create', ROLES_SITE, '--scopes', 'read,moderate', '--label', 'test')).trim();
    await collector.cli('site', 'add', UNLINK_SITE, '--name', 'Buurthuis De Linde', '--origin', origin);
    unlinkToken = (await collector.cli('token', 'create', UNLINK_SITE, '--scopes', 'read,moderate,admin', '--label', 'test')).trim();
  },
  async serverStop() {
    await Promise.all([collector?.stop(), receiver?.stop()]);
  },
  async serve(context) {
    if (context.path === '/__collector.json') {
      return {
        type: 'json',
        body: JSON.stringify({
          url: collector?.url,
          site: collector?.site,
          token: collector?.token,
          powSite: POW_SITE,
          manageSite: MANAGE_SITE,
          rolesSite: ROLES_SITE,
          unlinkSite: UNLINK_SITE,
          closedSite: CLOSED_SITE,
          frameOrigin,
        }),
      };
    }
    const page = /^\/__page\/([\w-]+)$/.exec(context.path);
    if (page && pages.has(page[1])) return { type: 'html', body: pages.get(page[1]) };
    if (context.path === '/__receiver.json') {
      return { type: 'json', body: JSON.stringify({ url: receiver?.url }) };
    }
    // The CDN build (dist/cdn) under a fresh prefix per host page in host-loader.test.ts: the
    // browser's memory cache then cannot hand a page a chunk that an earlier page loaded.
    const cdn = /^\/__cdn\/[\w-]+\/((?:chunks\/)?[\w.-]+\.js)$/.exec(context.path);
    if (cdn) {
      const body = await readFile(new URL(`./dist/cdn/${cdn[1]}`, import.meta.url), 'utf8').catch(() => undefined);
      return body === undefined ? undefined : { type: 'js', body };
    }
    // ICS feeds for <activity-calendar>: the real-world fixtures; anything else is a 404.
    const ics = /^\/__ics\/([\w.-]+\.ics)$/.exec(context.path);
    if (ics) {
      const body = await readFile(new URL(`./test/fixtures/ics/${ics[1]}`, import.meta.url), 'utf8').catch(() => undefined);
      return body === undefined ? undefined : { type: 'text/calendar', body };
    }
    return undefined;
  },
  async executeCommand({ command, payload, session }) {
    if (command === 'bk-network') {
      // Playwright's context.setOffline() is no use here: this Chromium exempts loopback addresses
      // from offline emulation (requests to 127.0.0.1 still succeed) while it does cut the runner's
      // own websocket. So "offline" fails every request to the collector and the receiver inside
      // the browser's network stack (fetch rejects as on a real disconnect); the page fires the
      // offline/online events itself.
      const launcher = /** @type {import('@web/test-runner-playwright').PlaywrightLauncher} */ (session.browser);
      const context = launcher.getPage(session.id).context();
      if (payload?.offline) {
        if (!offlineContexts.has(context)) {
          offlineContexts.add(context);
          await context.route(isEndpoint, disconnect);
        }
      } else if (offlineContexts.delete(context)) {
        await context.unroute(isEndpoint, disconnect);
      }
      return true;
    }
    if (command === 'bk-block') {
      // Lazy chunks that cannot be fetched, as when the connection drops before a visitor opens a
      // view: requests for these paths fail in the browser's network stack; `[]` lets them through.
      const launcher = /** @type {import('@web/test-runner-playwright').PlaywrightLauncher} */ (session.browser);
      const context = launcher.getPage(session.id).context();
      if (!blockedPaths.has(context)) {
        const paths = new Set();
        blockedPaths.set(context, paths);
        await context.route((url) => paths.has(url.pathname), disconnect);
      }
      const paths = blockedPaths.get(context);
      paths.clear();
      for (const path of /** @type {{paths: string[]}} */ (payload).paths) paths.add(path);
      return true;
    }
    if (command === 'bk-page') {
      pages.set(/** @type {{key: string, html: string}} */ (payload).key, /** @type {{key: string, html: string}} */ (payload).html);
      return true;
    }
    if (command === 'bk-count') {
      // Counts every request the page (and its frames) makes to the collector and the receiver,
      // by path, then lets it go on (to the `bk-network` cut-off when that is on). `reset` starts afresh.
      const launcher = /** @type {import('@web/test-runner-playwright').PlaywrightLauncher} */ (session.browser);
      const context = launcher.getPage(session.id).context();
      if (!counts.has(context)) {
        const byPath = new Map();
        counts.set(context, byPath);
        await context.route(isEndpoint, (route) => {
          count(route);
          return route.fallback();
        });
      }
      const byPath = counts.get(context);
      const result = Object.fromEntries(byPath);
      if (payload?.reset) byPath.clear();
      return result;
    }
    if (command === 'bk-receiver') return receiver?.command(payload);
    if (command === 'bk-admin') {
      // Coordinator API calls from Node: the admin routes are not meant for cross-origin browsers.
      const { method = 'GET', path, body, renderToken: withRenderToken = false } = /** @type {any} */ (payload);
      // Another visitor's "ik kom" or vote: with a render token aged past the collector's 2 s minimum.
      let renderToken;
      if (withRenderToken) {
        const site = /\/sites\/([^/]+)\//.exec(path)?.[1];
        renderToken = (await (await fetch(`${collector?.url}/v1/sites/${site}/render-token`)).json()).token;
        await new Promise((resolve) => setTimeout(resolve, 2_100));
      }
      const res = await fetch(`${collector?.url}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${tokenFor(path)}`,
          ...(body ? { 'Content-Type': 'application/json' } : {}),
          ...(renderToken ? { 'Buurtkit-Render-Token': renderToken } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      // Exports and pages come back as text, with the headers a download needs.
      const type = res.headers.get('content-type') ?? '';
      if (text && !type.includes('json')) {
        return {
          status: res.status,
          body: null,
          text,
          headers: { 'Content-Type': type, 'Content-Disposition': res.headers.get('content-disposition') ?? '' },
        };
      }
      return { status: res.status, body: text ? JSON.parse(text) : null };
    }
    return undefined;
  },
};

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  port,
  hostname: 'localhost',
  concurrency: 2,
  testFramework: { config: { timeout: 20_000 } },
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), testServers],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
};
