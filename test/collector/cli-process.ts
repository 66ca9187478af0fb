/**
 * The built CLI as a child process, for tests that need a real process: CLI commands, `serve`
 * with signals, crashes. `ensureBuiltCli()` rebuilds dist/ when the sources are newer, under a
 * lock, because several test files may ask at once.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error -- plain JS fixture without type declarations
import { CLI_PATH as FIXTURE_CLI_PATH } from '../fixtures/collector-process.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI_PATH = FIXTURE_CLI_PATH as string;

function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const isStale = () => {
  const sources = Math.max(newestSource(join(ROOT, 'src/collector')), newestSource(join(ROOT, 'src/schema')));
  return !existsSync(CLI_PATH) || statSync(CLI_PATH).mtimeMs < sources;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Builds dist/ when it is missing or older than the sources, so tests run today's code. */
export async function ensureBuiltCli(): Promise<void> {
  if (!isStale()) return;
  const lock = join(tmpdir(), `buurtkit-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.lock`);
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test file is building; a lock older than two minutes is left over from a crash.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      // Polls for the lock another process holds: it tells no one when it lets go.
      await sleep(200);
    }
  }
  try {
    if (isStale()) {
      execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.node.json'], {
        cwd: ROOT,
        stdio: 'inherit',
      });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one CLI command to its end. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI_PATH, ...args], {
    cwd: options.cwd ?? tmpdir(),
    env: options.env ?? process.env,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The environment without any storage settings, so a test chooses its database explicitly. */
export function envWithoutStorage(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { DATABASE_URL: _u, BUURTKIT_DB: _d, BUURTKIT_PG_SCHEMA: _s, ...rest } = process.env;
  return { ...rest, ...extra };
}

export interface ServingCli {
  child: ChildProcess;
  url: string;
  /** stdout so far (the storage and listening lines). */
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `serve`, resolving once it prints its URL. Render tokens are off unless the environment
 * given says otherwise: these tests send as a trusted integration would (tokens have their own tests).
 */
export async function serveCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; startTimeoutMs?: number } = {},
): Promise<ServingCli> {
  const child = spawn(process.execPath, [CLI_PATH, 'serve', ...args], {
    cwd: options.cwd ?? tmpdir(),
    env: { BUURTKIT_RENDER_TOKENS: 'off', ...(options.env ?? process.env) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let out = '';
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    err += text;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start\n${err}`));
    }, options.startTimeoutMs ?? 15_000);
    child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      out += text;
      const match = /^buurtkit collector listening on (http:\/\/\S+?:(\d+))$/m.exec(out);
      if (match && match[2] !== '0') {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code ?? signal}) before listening\n${err}`));
    });
  });
  return { child, url, stdout: () => out, stderr: () => err, exited };
}
