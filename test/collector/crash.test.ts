/**
 * Crash test: a real `serve` process on a SQLite file takes concurrent submissions over HTTP and
 * is killed with SIGKILL at random moments, then restarted on the same file, round after round.
 * Afterwards every acknowledged id is stored exactly once, ids that got no answer are accepted
 * when sent again (as the widget's outbox does), and `PRAGMA integrity_check` says ok.
 *
 * Short by default; `BUURTKIT_CRASH_ROUNDS=200 npx vitest run test/collector/crash.test.ts` for a
 * long run.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltCli, envWithoutStorage, runCli, serveCli } from './cli-process.js';
import { ideaEnvelope, postJson, SITE, tempDir } from './helpers.js';

const ROUNDS = Math.max(1, Number(process.env.BUURTKIT_CRASH_ROUNDS) || 5);
const CONCURRENCY = 16;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('crash test (SIGKILL during concurrent submissions, SQLite)', () => {
  const { dir, cleanup } = tempDir();
  const db = join(dir, 'crash.sqlite');
  const env = envWithoutStorage();
  const serveArgs = ['--port', '0', '--db', db, '--log-level', 'warn', '--submission-limit', '1000000000', '--site-submission-limit', '1000000000', '--form-tokens', 'off'];

  beforeAll(ensureBuiltCli, 120_000);
  afterAll(() => cleanup());

  it(`loses no acknowledged submission over ${ROUNDS} kill(s)`, async () => {
    expect(runCli(['site', 'add', SITE, '--name', 'De Linde', '--db', db], { env }).code).toBe(0);
    const acknowledged = new Map<string, ReturnType<typeof ideaEnvelope>>();
    const unanswered = new Map<string, ReturnType<typeof ideaEnvelope>>();
    let kills = 0;

    for (let round = 0; round < ROUNDS; round++) {
      const server = await serveCli(serveArgs, { env });
      const url = `${server.url}/v1/sites/${SITE}/submissions`;
      let running = true;
      const worker = async () => {
        while (running) {
          const envelope = ideaEnvelope();
          try {
            const answer = await postJson(url, envelope);
            await answer.arrayBuffer();
            if (answer.status !== 201) throw new Error(`unexpected ${answer.status}`);
            acknowledged.set(envelope.id, envelope);
          } catch (error) {
            if ((error as Error).message.startsWith('unexpected')) throw error;
            unanswered.set(envelope.id, envelope); // killed mid-request: the outbox keeps it
            return;
          }
        }
      };
      const workers = Array.from({ length: CONCURRENCY }, worker);
      await sleep(100 + Math.random() * 500);
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
  }, 60_000 + ROUNDS * 5_000);
});
