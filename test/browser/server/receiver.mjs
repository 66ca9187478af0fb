/**
 * A foreign receiver written with plain node:http, for the "any endpoint" and retry tests.
 * It is not a collector: it logs what arrives and answers from a per-key script.
 *
 *   POST /json/:key   answers with CORS headers (JSON webhook mode); OPTIONS answers the preflight
 *   POST /form/:key   answers without any CORS header (form mode, sent with mode: 'no-cors')
 *
 * Each key has a queue of scripted answers ({status, headers, body}); when it is empty: 201.
 */
import { createServer } from 'node:http';

export async function startReceiver({ origin }) {
  /** @type {Map<string, Array<{method: string, path: string, contentType: string, body: string, at: number}>>} */
  const log = new Map();
  /** @type {Map<string, Array<{status: number, headers?: Record<string, string>, body?: string, delayMs?: number}>>} */
  const scripts = new Map();
  const cors = {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': 'POST',
    'Access-Control-Allow-Headers': 'content-type',
    'Access-Control-Expose-Headers': 'Retry-After',
    Vary: 'Origin',
  };

  const server = createServer((req, res) => {
    const [, mode, key = 'default'] = (req.url ?? '/').split('?')[0].split('/');
    const withCors = mode === 'json';
    if (req.method === 'OPTIONS') {
      res.writeHead(withCors ? 204 : 404, withCors ? cors : {});
      res.end();
      return;
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const entries = log.get(key) ?? [];
      entries.push({ method: req.method ?? '', path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body, at: Date.now() });
      log.set(key, entries);
      const next = scripts.get(key)?.shift() ?? { status: 201, body: '{"ok":true}' };
      setTimeout(() => answer(res, next, withCors), next.delayMs ?? 0);
    });
  });
  const answer = (res, next, withCors) => {
    res.writeHead(next.status, {
      'Content-Type': 'application/json',
      ...(withCors ? cors : {}),
      ...next.headers,
    });
    res.end(next.body ?? '{}');
  };
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  return {
    url,
    /** Handles the `bk-receiver` server command. */
    command(payload) {
      switch (payload?.action) {
        case 'log':
          return log.get(payload.key) ?? [];
        case 'script':
          scripts.set(payload.key, [...(payload.responses ?? [])]);
          return true;
        case 'reset':
          log.clear();
          scripts.clear();
          return true;
        default:
          throw new Error(`unknown receiver action ${payload?.action}`);
      }
    },
    stop: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
