/**
 * `--trust-proxy` as a hop count or a list of proxy addresses: behind one trusted proxy that
 * appends the client's address to X-Forwarded-For (nginx's `proxy_add_x_forwarded_for`), a
 * client-written first entry is ignored. Real HTTP: client → a small proxy in this test → `serve`.
 * The client connects from 127.0.0.2, the proxy from 127.0.0.1, so "proxy" and "visitor" differ.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseTrustProxy, TrustProxyError } from '../../src/collector/trust-proxy.js';
import { ensureBuiltCli, envWithoutStorage, runCli, serveCli, type ServingCli } from './cli-process.js';
import { ideaEnvelope, ORIGIN, tempDir } from './helpers.js';

beforeAll(ensureBuiltCli, 120_000);

describe('parseTrustProxy', () => {
  it('reads hop counts, address lists and off; refuses anything else', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy(true)).toBe(1);
    expect(parseTrustProxy('')).toBe(1);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy(0)).toBe(false);
    expect(parseTrustProxy('off')).toBe(false);
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8,fd00::/8')).toEqual(['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);
    expect(parseTrustProxy(['loopback', '::1'])).toEqual(['loopback', '::1']);
    for (const wrong of ['yes', '10.0.0.0/33', '::1/129', '1.2.3', 'nginx', '10.0.0.0/8/1', ','] as const) {
      expect(() => parseTrustProxy(wrong), wrong).toThrow(TrustProxyError);
    }
  });
});

/** Forwards to `target` and appends the peer's address to X-Forwarded-For, as nginx does. */
async function appendingProxy(target: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const forwarded = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    const upstream = request(
      `${target}${req.url}`,
      { method: req.method, headers: { ...req.headers, 'x-forwarded-for': forwarded }, localAddress: '127.0.0.1' },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** A POST from 127.0.0.2 with a forged X-Forwarded-For. */
function postFrom(url: string, body: unknown, forged: string): Promise<number> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        localAddress: '127.0.0.2',
        headers: {
          'content-type': 'application/json',
          origin: ORIGIN,
          'x-forwarded-for': forged,
          'content-length': Buffer.byteLength(text),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

let serving: ServingCli | undefined;
let proxy: Server | undefined;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  serving?.child.kill('SIGTERM');
  await serving?.exited;
  if (proxy) await new Promise((resolve) => proxy!.close(resolve));
  cleanup?.();
  serving = proxy = cleanup = undefined;
});

/** Accepted submissions out of `tries`, each with a new forged first entry, through the proxy. */
async function acceptedThroughProxy(trust: string[], tries: number): Promise<number> {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  const db = join(tmp.dir, 'c.sqlite');
  const env = envWithoutStorage();
  expect(runCli(['site', 'add', 'de-linde', '--name', 'De Linde', '--origin', ORIGIN, '--db', db], { env }).code).toBe(0);
  serving = await serveCli(['--port', '0', '--db', db, '--log-level', 'warn', '--submission-limit', '3', ...trust], { env });
  const p = await appendingProxy(serving.url);
  proxy = p.server;
  let accepted = 0;
  for (let i = 0; i < tries; i++) {
    const status = await postFrom(
      `${p.url}/v1/sites/de-linde/submissions`,
      ideaEnvelope({ site: 'de-linde' }, { text: `Idee ${i}` }),
      `198.51.100.${i + 1}`,
    );
    expect([201, 429]).toContain(status);
    if (status === 201) accepted++;
  }
  return accepted;
}

describe('serve --trust-proxy behind one proxy', () => {
  it('with one hop, a forged first X-Forwarded-For entry is ignored: the limit of 3 holds', async () => {
    expect(await acceptedThroughProxy(['--trust-proxy', '1'], 6)).toBe(3);
  });

  it("with the proxy's address, the same", async () => {
    expect(await acceptedThroughProxy(['--trust-proxy', '127.0.0.1'], 6)).toBe(3);
  });

  it('a bare --trust-proxy is one hop', async () => {
    expect(await acceptedThroughProxy(['--trust-proxy', '--log-level', 'warn'], 6)).toBe(3);
  });

  it('(the test can tell) trusting two hops behind one proxy believes the forged entry', async () => {
    expect(await acceptedThroughProxy(['--trust-proxy', '2'], 6)).toBe(6);
  });

  it('refuses a value it does not understand', () => {
    const r = runCli(['serve', '--trust-proxy', 'yes', '--db', ':memory:'], { env: envWithoutStorage() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/hop count .* proxy addresses/);
  });
});
