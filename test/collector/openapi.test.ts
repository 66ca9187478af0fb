/**
 * The API reference is generated from the routes the collector registers: here the real app on a
 * SQLite file serves it, and it is held against Fastify's own route table (every route documented,
 * nothing documented that does not answer), against a maintained OpenAPI validator, and against
 * the tokens the routes really accept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileErrors, validate } from '@readme/openapi-parser';
import { TOKEN_SCOPES, type TokenScope } from '../../src/schema/index.js';
import { SITE, startTestCollector, type TestCollector } from './helpers.js';

type Operation = {
  operationId: string;
  summary: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: { name: string; in: string }[];
  responses: Record<string, unknown>;
};
type Document = { openapi: string; tags: { name: string }[]; paths: Record<string, Record<string, Operation>> };

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Fastify's own route table (`printRoutes`), read line by line: each line is a path segment under
 * its parent (4 characters of tree drawing per level) with its methods. HEAD twins are left out,
 * and parameter names too: Fastify prints `:a|:b` where two routes name one position differently.
 */
function registeredRoutes(table: string): Set<string> {
  const found = new Set<string>();
  const stack: string[] = [];
  for (const line of table.split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    // A wildcard right under a parameter is printed without the slash before it.
    stack.push(m[2] === '*' && !stack.join('').endsWith('/') ? '/*' : m[2]!);
    const path = stack.join('').replace(/:[\w|:]+/g, '{}');
    for (const method of (m[3] ?? '').split(', ').filter(Boolean)) if (method !== 'HEAD') found.add(`${method} ${path}`);
  }
  return found;
}

const documented = (doc: Document) =>
  new Set(
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((k) => METHODS.includes(k))
        .map((method) => `${method.toUpperCase()} ${path.replace(/\{path\}$/, '*').replace(/\{\w+\}/g, '{}')}`),
    ),
  );

describe('GET /v1/openapi.json', () => {
  let collector: TestCollector;
  let doc: Document;

  beforeAll(async () => {
    collector = await startTestCollector({ listen: false });
    const res = await collector.app.inject({ method: 'GET', url: '/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json();
  });

  afterAll(() => collector.close());

  it('is public, cacheable and readable from any website, like a refusal', async () => {
    const res = await collector.app.inject({ method: 'GET', url: '/v1/openapi.json', headers: { origin: 'https://elders.example' } });
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.headers['access-control-allow-origin']).toBe('https://elders.example');
    expect(res.headers.vary).toBe('Origin');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['set-cookie']).toBeUndefined();
    // Nothing of this collector's data or setup: no site, no path on disk, no token.
    expect(res.body).not.toContain(SITE);
    expect(res.body).not.toContain(collector.dbPath);
    expect(res.body).not.toMatch(/bk_[A-Za-z0-9_-]{20}/);
  });

  it('documents every route Fastify registered, and nothing else', async () => {
    await collector.app.ready();
    const routes = registeredRoutes(collector.app.printRoutes({ commonPrefix: false }));
    expect(routes.size).toBeGreaterThan(90);
    expect([...documented(doc)].sort()).toEqual([...routes].sort());
  });

  it('gives every operation a summary and known tags, and every coordinator route a token', () => {
    const tags = new Set(doc.tags.map((t) => t.name));
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const name = `${method.toUpperCase()} ${path}`;
        expect(op.summary.length, `${name} has no summary: give the route config.summary`).toBeGreaterThan(10);
        expect(op.tags.length, `${name} has no tag: give the route config.tags`).toBeGreaterThan(0);
        for (const tag of op.tags) expect(tags, `${name}: unknown tag ${tag}`).toContain(tag);
        if (path.startsWith('/v1/admin/')) expect(op.security, name).toEqual([{ coordinatorToken: expect.any(Array) }]);
        else expect(op.security, name).toEqual([]);
      }
    }
  });

  it('is a valid OpenAPI 3.1 document for a maintained validator', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? '' : compileErrors(result)).toBe('');
    expect(result.warnings).toEqual([]);
  });

  it('sends each export with its documented media type, as an attachment named after the site, never cached', async () => {
    const token = await collector.token(['export']);
    const sample: Record<string, string> = { from: '2026-01-01', to: '2026-12-31' };
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      if (!path.includes('/export/')) continue;
      const op = item.get!;
      const [mediaType] = Object.keys((op.responses['200'] as { content: Record<string, unknown> }).content);
      const query = (op.parameters ?? []).filter((p) => p.in === 'query' && (p as { required?: boolean }).required);
      const url = `${path.replace('{site}', SITE).replace('{poll}', 'welkom')}?${query.map((p) => `${p.name}=${sample[p.name]}`).join('&')}`;
      const res = await collector.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(new RegExp(`^${mediaType!.replace(/[.+]/g, '\\$&')}(;|$)`));
      expect(res.headers['content-disposition'], url).toMatch(new RegExp(`^attachment; filename="buurtkit-${SITE}-[a-z0-9.-]+"$`));
      expect(res.headers['cache-control'], url).toBe('no-store');
      checked++;
    }
    expect(checked).toBeGreaterThan(25);
  });

  it('names the scope each coordinator route really requires', { timeout: 30_000 }, async () => {
    const tokens = new Map<TokenScope, string>();
    const without = async (scope: TokenScope) => {
      // Every scope but this one (and `admin`, which would grant it).
      const scopes = TOKEN_SCOPES.filter((s) => s !== scope && s !== 'admin');
      tokens.set(scope, tokens.get(scope) ?? (await collector.token(scopes)));
      return tokens.get(scope)!;
    };
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const scope = op.security[0]?.coordinatorToken?.[0] as TokenScope | undefined;
        if (!scope) continue;
        const url = path.replace('{site}', SITE).replace(/\{\w+\}/g, '0190a3f0-0000-7000-8000-000000000000');
        const res = await collector.app.inject({
          method: method.toUpperCase() as 'GET',
          url,
          headers: { authorization: `Bearer ${await without(scope)}`, 'content-type': 'application/json' },
          payload: method === 'get' || method === 'delete' ? undefined : '{}',
        });
        expect([res.statusCode, res.json().error], `${method.toUpperCase()} ${path}`).toEqual([403, 'insufficient_scope']);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
  });
});
