/**
 * Crash test: a real `serve` process on a SQLite file takes concurrent submissions over HTTP and
 * is killed with SIGKILL at random moments, then restarted on the same file, round after round.
 * Afterwards every acknowledged id is stored exactly once, ids that got no answer are accepted
 * when sent again (as the widget's outbox does), and `PRAGMA integrity_check` says ok.
 *
 * The webhook outbox gets the same treatment on both backends: with a webhook configured and a
 * receiver listening, every submission that ends up stored reaches the receiver, and a
 * submission that reaches it twice does so under one delivery id (at-least-once, deduplicable).
 *
 * Short by default; `BUURTKIT_CRASH_ROUNDS=200 npx vitest run test/collector/crash.test.ts` for a
 * long run.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/collector/store/postgres.js';
import { SqliteStore } from '../../src/collector/store/sqlite.js';
import type { Store } from '../../src/collector/store/types.js';
import { dispatchDue } from '../../src/collector/webhooks/dispatcher.js';
import { ensureBuiltCli, envWithoutStorage, runCli, serveCli } from './cli-process.js';
import { ideaEnvelope, postJson, SITE, tempDir } from './helpers.js';
import { dropSchema, freshSchemaName, noticePostgresSkipped, PG_URL } from './pg.js';

const ROUNDS = Math.max(1, Number(process.env.BUURTKIT_CRASH_ROUNDS) || 5);
const CONCURRENCY = 16;

/**
 * A kill point in full flow: resolves at the n-th acknowledged submission, n at random from 10 to
 * 160, so the kill lands mid-burst however fast or slow the machine is (a timer could fire before
 * the first request on a busy machine, or after a burst that ran dry on a fast one).
 */
function killPoint(): { reached: Promise<void>; acknowledged: () => void } {
  let left = 10 + Math.floor(Math.random() * 151);
  let reach!: () => void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  return { reached, acknowledged: () => void (--left === 0 && reach()) };
}

describe('crash test (SIGKILL during concurrent submissions, SQLite)', () => {
  const { dir, cleanup } = tempDir();
  const db = join(dir, 'crash.sqlite');
  const env = envWithoutStorage();
  const serveArgs = [
    '--port',
    '0',
    '--db',
    db,
    '--log-level',
    'warn',
    '--submission-limit',
    '1000000000',
    '--site-submission-limit',
    '1000000000',
    '--render-tokens',
    'off',
  ];

  beforeAll(ensureBuiltCli, 120_000);
  afterAll(() => cleanup());

  it(
    `loses no acknowledged submission over ${ROUNDS} kill(s)`,
    async () => {
      expect(runCli(['site', 'add', SITE, '--name', 'De Linde', '--db', db], { env }).code).toBe(0);
      const acknowledged = new Map<string, ReturnType<typeof ideaEnvelope>>();
      const unanswered = new Map<string, ReturnType<typeof ideaEnvelope>>();
      let kills = 0;

      for (let round = 0; round < ROUNDS; round++) {
        const server = await serveCli(serveArgs, { env });
        const url = `${server.url}/v1/sites/${SITE}/submissions`;
        let running = true;
        const kill = killPoint();
        const worker = async () => {
          while (running) {
            const envelope = ideaEnvelope();
            try {
              const answer = await postJson(url, envelope);
              await answer.arrayBuffer();
              if (answer.status !== 201) throw new Error(`unexpected ${answer.status}`);
              acknowledged.set(envelope.id, envelope);
              kill.acknowledged();
            } catch (error) {
              if ((error as Error).message.startsWith('unexpected')) throw error;
              unanswered.set(envelope.id, envelope); // killed mid-request: the outbox keeps it
              return;
            }
          }
        };
        const workers = Array.from({ length: CONCURRENCY }, worker);
        // A worker that fails fails the test here, rather than leave it waiting for a kill point.
        await Promise.race([kill.reached, Promise.all(workers)]);
        server.child.kill('SIGKILL');
        kills++;
        expect((await server.exited).signal).toBe('SIGKILL');
        running = false;
        await Promise.all(workers);
      }

      // Restart once more and let the "outbox" resend what got no answer, plus some acknowledged ids.
      const server = await serveCli(serveArgs, { env });
      const resent = { created: 0, duplicate: 0 };
      const sample = [...acknowledged.values()].slice(0, 20);
      try {
        const url = `${server.url}/v1/sites/${SITE}/submissions`;
        const again = [...unanswered.values(), ...sample];
        for (const envelope of again) {
          const answer = await postJson(url, envelope);
          expect([200, 201], envelope.id).toContain(answer.status);
          resent[answer.status === 201 ? 'created' : 'duplicate']++;
        }
      } finally {
        server.child.kill('SIGTERM');
        await server.exited;
      }

      const sqlite = new Database(db, { readonly: true });
      try {
        expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        const count = sqlite.prepare('SELECT COUNT(*) FROM submissions WHERE id = ?').pluck();
        const countIdea = sqlite.prepare('SELECT COUNT(*) FROM ideas WHERE id = ?').pluck();
        const wrong = [...acknowledged.keys()].filter((id) => count.get(id) !== 1 || countIdea.get(id) !== 1);
        expect(wrong).toEqual([]);
        const total = sqlite.prepare('SELECT COUNT(*) FROM submissions').pluck().get();
        expect(total).toBe(acknowledged.size + unanswered.size);
      } finally {
        sqlite.close();
      }
      console.log(
        `crash test: ${kills} SIGKILL(s), ${acknowledged.size} acknowledged submissions all present once; ` +
          `${unanswered.size} unanswered at a kill, resent: ${resent.created} new, ${resent.duplicate} already stored ` +
          `(incl. ${sample.length} acknowledged ones); integrity_check ok`,
      );
      expect(acknowledged.size).toBeGreaterThan(0);
    },
    60_000 + ROUNDS * 5_000,
  );
});

/** Runs bursts of submissions against `serve`, killing it with SIGKILL mid-burst, `rounds` times. */
async function burstsWithKills(serve: () => ReturnType<typeof serveCli>, rounds: number) {
  const acknowledged = new Map<string, ReturnType<typeof ideaEnvelope>>();
  const unanswered = new Map<string, ReturnType<typeof ideaEnvelope>>();
  for (let round = 0; round < rounds; round++) {
    const server = await serve();
    const url = `${server.url}/v1/sites/${SITE}/submissions`;
    let running = true;
    const kill = killPoint();
    const worker = async () => {
      while (running) {
        const envelope = ideaEnvelope();
        try {
          const answer = await postJson(url, envelope);
          await answer.arrayBuffer();
          if (answer.status !== 201) throw new Error(`unexpected ${answer.status}`);
          acknowledged.set(envelope.id, envelope);
          kill.acknowledged();
        } catch (error) {
          if ((error as Error).message.startsWith('unexpected')) throw error;
          unanswered.set(envelope.id, envelope); // killed mid-request: the outbox keeps it
          return;
        }
      }
    };
    const workers = Array.from({ length: CONCURRENCY }, worker);
    // Killed in full flow, some answers in (a failing worker fails the test here instead).
    await Promise.race([kill.reached, Promise.all(workers)]);
    server.child.kill('SIGKILL');
    expect((await server.exited).signal).toBe('SIGKILL');
    running = false;
    await Promise.all(workers);
  }
  return { acknowledged, unanswered };
}

/** A webhook receiver: which delivery ids arrived for which submission. */
async function webhookReceiver(): Promise<{ url: string; seen: Map<string, string[]>; server: Server }> {
  const seen = new Map<string, string[]>();
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (t: string) => (body += t));
    req.on('end', () => {
      const submission = (JSON.parse(body) as { data: { id: string } }).data.id;
      seen.set(submission, [...(seen.get(submission) ?? []), String(req.headers['buurtkit-delivery'])]);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, seen, server };
}

const webhookBackends = [
  {
    name: 'SQLite',
    setUp: async (dir: string) => {
      const file = join(dir, 'webhook-crash.sqlite');
      return { args: ['--db', file], open: async (): Promise<Store> => new SqliteStore(file), tearDown: async () => {} };
    },
  },
  ...(PG_URL ? [postgresBackend(PG_URL)] : []),
];

function postgresBackend(url: string) {
  return {
    name: 'PostgreSQL',
    setUp: async () => {
      const schema = freshSchemaName();
      return {
        args: ['--database-url', url, '--pg-schema', schema],
        open: (): Promise<Store> => PostgresStore.open({ url, schema }),
        tearDown: () => dropSchema(schema),
      };
    },
  };
}
noticePostgresSkipped('webhook crash test');

describe.each(webhookBackends)('crash test with a webhook (SIGKILL during a burst, $name)', ({ setUp }) => {
  const { dir, cleanup } = tempDir();
  const env = envWithoutStorage({ BUURTKIT_WEBHOOK_ALLOW_PRIVATE: '1' });

  beforeAll(ensureBuiltCli, 120_000);
  afterAll(() => cleanup());

  it(
    `delivers every stored submission at least once, under one delivery id, over ${ROUNDS} kill(s)`,
    async () => {
      const backend = await setUp(dir);
      const receiver = await webhookReceiver();
      try {
        const serveArgs = [
          '--port',
          '0',
          '--log-level',
          'warn',
          '--submission-limit',
          '1000000000',
          '--site-submission-limit',
          '1000000000',
          '--render-tokens',
          'off',
          ...backend.args,
        ];
        expect(runCli(['site', 'add', SITE, '--name', 'De Linde', ...backend.args], { env }).code).toBe(0);
        const set = runCli(['webhook', 'set', SITE, receiver.url, ...backend.args], { env });
        expect(set.code, set.stderr).toBe(0);

        const { acknowledged, unanswered } = await burstsWithKills(() => serveCli(serveArgs, { env }), ROUNDS);

        // The outbox resends what got no answer (some are stored already: answered as duplicates).
        const server = await serveCli(serveArgs, { env });
        try {
          for (const envelope of unanswered.values()) {
            const answer = await postJson(`${server.url}/v1/sites/${SITE}/submissions`, envelope);
            expect([200, 201], envelope.id).toContain(answer.status);
          }
        } finally {
          server.child.kill('SIGTERM');
          await server.exited;
        }

        // What is still queued is sent now; the clock runs three days ahead, past every lease a
        // killed instance held and every retry delay.
        const store = await backend.open();
        let stored: string[];
        try {
          const ahead = () => Date.now() + 3 * 24 * 3600_000;
          for (let n = 0; n < 1000 && (await dispatchDue(store, { allowPrivateNetworks: true, clock: ahead })).length > 0; n++);
          const left = (await store.webhooks.listDeliveries(SITE, 100_000)).filter((d) => d.status !== 'delivered');
          expect(left).toEqual([]);
          stored = (await store.ideas.list(SITE, { limit: 100_000, offset: 0 })).map((i) => i.id);
        } finally {
          await store.close();
        }

        expect(stored.length).toBe(acknowledged.size + unanswered.size);
        const missing = stored.filter((id) => !receiver.seen.has(id));
        expect(missing).toEqual([]);
        const underTwoIds = [...receiver.seen].filter(([, ids]) => new Set(ids).size !== 1);
        expect(underTwoIds).toEqual([]);
        const repeated = [...receiver.seen.values()].filter((ids) => ids.length > 1).length;
        console.log(
          `webhook crash test: ${stored.length} stored submissions (${unanswered.size} unanswered at a kill and resent), ` +
            `all received; ${repeated} received more than once, each under its one delivery id`,
        );
        expect(acknowledged.size).toBeGreaterThan(0);
      } finally {
        receiver.server.close();
        await backend.tearDown();
      }
    },
    60_000 + ROUNDS * 5_000,
  );
});
