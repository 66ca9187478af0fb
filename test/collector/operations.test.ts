/**
 * Running the collector: logs without personal data, and a SIGTERM that loses nothing it
 * acknowledged (a real `serve` process under load, on SQLite and, when set, PostgreSQL).
 */
import { Writable } from 'node:stream';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/collector/app.js';
import { collectorLogger } from '../../src/collector/logging.js';
import { openStore, type StoreTarget } from '../../src/collector/store/open.js';
import { IDEA_CONSENT_TEXT_VERSION } from '../../src/schema/index.js';
import { ensureBuiltCli, envWithoutStorage, runCli, serveCli } from './cli-process.js';
import { BACKENDS, freshStorage, ideaEnvelope, ORIGIN, postJson, SITE, type Backend } from './helpers.js';
import { noticePostgresSkipped, PG_URL } from './pg.js';

describe('logs', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  it('are JSON lines without addresses, bodies, query strings or database row details', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const fresh = freshStorage('sqlite');
    cleanup = fresh.cleanup;
    const store = await openStore(fresh.storage);
    await store.access.createSite({ slug: SITE, name: 'De Linde', allowedOrigins: [ORIGIN] }, new Date().toISOString());
    const app = await createApp({ store, renderTokens: 'off', logger: collectorLogger({ level: 'info', stream }) });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const secretText = 'Mijn buurman Piet de Groot op nummer 12';
    try {
      const consent = { textVersion: IDEA_CONSENT_TEXT_VERSION, givenAt: new Date().toISOString() };
      const withContact = ideaEnvelope({ consent }, { text: secretText, name: 'Anna', contact: 'anna@example.nl' });
      expect(
        (
          await postJson(`${url}/v1/sites/${SITE}/submissions?ref=anna@example.nl`, withContact, {
            origin: ORIGIN,
            'user-agent': 'AgentSmith/1.0',
          })
        ).status,
      ).toBe(201);
      expect(
        (await postJson(`${url}/v1/sites/${SITE}/submissions`, ideaEnvelope({}, { text: 'x', contact: 'anna@example.nl' }))).status,
      ).toBe(422);

      // A database error that carries the row, as PostgreSQL's `detail` does.
      store.ideas.insert = async () => {
        throw Object.assign(new Error('new row violates check constraint'), {
          code: '23514',
          detail: `Failing row contains (${secretText}, anna@example.nl)`,
        });
      };
      expect((await postJson(`${url}/v1/sites/${SITE}/submissions`, withContact)).status).toBe(500);
    } finally {
      await app.close();
    }

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.some((e) => e.msg === 'incoming request')).toBe(true);
    const failure = entries.find((e) => e.msg === 'request failed') as { err: Record<string, unknown> } | undefined;
    expect(failure?.err).toMatchObject({ message: 'new row violates check constraint', code: '23514' });
    // The server's own listening address is not a visitor's; every other line is about requests.
    const all = lines.filter((line) => !line.includes('Server listening at')).join('\n');
    for (const forbidden of ['127.0.0.1', 'anna@example.nl', 'Anna', secretText, 'AgentSmith', 'remoteAddress', 'Failing row']) {
      expect(all, forbidden).not.toContain(forbidden);
    }
  });
});

noticePostgresSkipped('shutdown tests');
if (!PG_URL) {
  describe.skip('graceful shutdown on postgres (set DATABASE_URL to run)', () => {
    it('loses nothing it acknowledged', () => {});
  });
}

describe.each(BACKENDS)('graceful shutdown on %s', (backend: Backend) => {
  beforeAll(ensureBuiltCli, 120_000);
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  const storageArgs = (storage: StoreTarget) =>
    storage.backend === 'sqlite' ? ['--db', storage.path] : ['--database-url', storage.url, '--pg-schema', storage.schema!];

  it('stops taking requests on SIGTERM, finishes those in flight, and every acknowledged id is stored', async () => {
    const fresh = freshStorage(backend);
    cleanup = fresh.cleanup;
    const args = storageArgs(fresh.storage);
    const env = envWithoutStorage();
    expect(runCli(['site', 'add', SITE, '--name', 'De Linde', ...args], { env }).code).toBe(0);
    const server = await serveCli(['--port', '0', '--log-level', 'warn', '--submission-limit', '1000000', ...args], { env });

    const acknowledged: string[] = [];
    let ackedAfterSignal = 0;
    let signalled = false;
    let underWay!: () => void;
    const fifty = new Promise<void>((resolve) => (underWay = resolve));
    const worker = async () => {
      for (;;) {
        const envelope = ideaEnvelope();
        try {
          const answer = await postJson(`${server.url}/v1/sites/${SITE}/submissions`, envelope);
          if (answer.status === 201) {
            acknowledged.push(envelope.id);
            if (acknowledged.length === 50) underWay();
            if (signalled) ackedAfterSignal++;
          } else {
            return; // 503 while closing: the widget's outbox would retry later
          }
        } catch {
          return; // connection refused or closed: the server is gone
        }
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    // Under way for real (warm, many requests in flight) before the signal comes: at the 50th
    // answer, or sooner if every worker stopped (the count below then fails the test).
    await Promise.race([fifty, Promise.all(workers)]);
    signalled = true;
    server.child.kill('SIGTERM');
    await Promise.all(workers);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    console.log(`shutdown on ${backend}: ${acknowledged.length} acknowledged, ${ackedAfterSignal} of them after SIGTERM`);
    expect(acknowledged.length).toBeGreaterThanOrEqual(50);

    const store = await openStore(fresh.storage);
    try {
      const missing = [];
      for (const id of acknowledged) if (!(await store.ideas.get(SITE, id))) missing.push(id);
      expect(missing).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
