/** The optional JSON config file: validation with clear errors, and flag > env > file > default. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigFileError, environmentWithConfig, loadConfigFile } from '../../src/collector/config.js';
import { ensureBuiltCli, envWithoutStorage, runCli, serveCli } from './cli-process.js';
import { ideaEnvelope, tempDir } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => cleanup());

function configFile(content: unknown, name = 'collector.json'): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const problem = (content: unknown) => {
  try {
    loadConfigFile(configFile(content));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigFileError);
    return (error as Error).message;
  }
  throw new Error('expected an error');
};

describe('loadConfigFile', () => {
  it('reads every setting', () => {
    const all = {
      $schema: './x.json',
      port: 9000,
      host: '0.0.0.0',
      trustProxy: true,
      logLevel: 'warn',
      submissionLimit: 5,
      voteLimit: 6,
      rateWindow: 60,
      databaseUrl: 'postgres://u@h:5432/d',
      pgSchema: 'buurtkit',
    };
    expect(loadConfigFile(configFile(all))).toEqual(all);
    expect(loadConfigFile(configFile({ db: 'data/c.sqlite' }))).toEqual({ db: 'data/c.sqlite' });
  });

  it('says which file and which setting is wrong', () => {
    expect(() => loadConfigFile(join(dir, 'missing.json'))).toThrow(/cannot read the config file .*missing\.json: ENOENT/);
    expect(problem('{ "port": 80, }')).toMatch(/collector\.json is not valid JSON/);
    const many = problem({ port: 70000, prot: 1, logLevel: 'loud', rateWindow: 1.5 });
    expect(many).toMatch(/^invalid config file .*collector\.json\n/);
    expect(many).toMatch(/^ {2}port: .*65535/m);
    expect(many).toMatch(/prot/);
    expect(many).toMatch(/^ {2}logLevel: /m);
    expect(many).toMatch(/^ {2}rateWindow: /m);
    expect(problem({ databaseUrl: 'mysql://x' })).toMatch(/databaseUrl: must be a postgres:\/\//);
    expect(problem({ databaseUrl: 'postgres://x/y', db: 'a.sqlite' })).toMatch(/db: give either "databaseUrl" .* or "db"/);
    expect(problem({ db: 'a.sqlite', pgSchema: 's' })).toMatch(/pgSchema: "pgSchema" only applies to PostgreSQL/);
    expect(problem([])).toMatch(/invalid config file/);
  });
});

describe('environmentWithConfig', () => {
  it('puts the file beneath the environment, and a database from the environment replaces the file’s', () => {
    expect(environmentWithConfig(undefined, { A: '1' })).toEqual({ A: '1' });
    expect(environmentWithConfig({ db: 'f.sqlite', pgSchema: 's' }, {})).toEqual({ BUURTKIT_DB: 'f.sqlite', BUURTKIT_PG_SCHEMA: 's' });
    expect(environmentWithConfig({ db: 'f.sqlite' }, { DATABASE_URL: 'postgres://x/y' })).toEqual({ DATABASE_URL: 'postgres://x/y' });
    expect(
      environmentWithConfig({ databaseUrl: 'postgres://f/g', pgSchema: 'f' }, { BUURTKIT_DB: 'e.sqlite', BUURTKIT_PG_SCHEMA: 'e' }),
    ).toEqual({
      BUURTKIT_DB: 'e.sqlite',
      BUURTKIT_PG_SCHEMA: 'e',
    });
  });
});

describe('serve --config', () => {
  beforeAll(ensureBuiltCli, 120_000);

  it('takes its settings from the file, under the environment and the flags', async () => {
    const fileDb = join(dir, 'from-file.sqlite');
    const envDb = join(dir, 'from-env.sqlite');
    const config = configFile({ port: 0, host: '127.0.0.1', db: fileDb, submissionLimit: 1, logLevel: 'warn' });
    for (const db of [fileDb, envDb]) {
      expect(runCli(['site', 'add', 'de-linde', '--name', 'L', '--origin', 'http://localhost:8000', '--db', db], { cwd: dir }).code).toBe(
        0,
      );
    }
    const submitTwice = async (url: string) => {
      const statuses = [];
      for (let n = 0; n < 2; n++) {
        const sent = await fetch(`${url}/v1/sites/de-linde/submissions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: 'http://localhost:8000' },
          body: JSON.stringify(ideaEnvelope({ site: 'de-linde' })),
        });
        statuses.push(sent.status);
      }
      return statuses;
    };
    const run = async (args: string[], env: NodeJS.ProcessEnv) => {
      const served = await serveCli(args, { cwd: dir, env: envWithoutStorage({ PORT: '', HOST: '', LOG_LEVEL: '', ...env }) });
      try {
        return { storage: served.stdout(), statuses: await submitTwice(served.url) };
      } finally {
        served.child.kill('SIGTERM');
        await served.exited;
      }
    };

    // The file alone (through BUURTKIT_CONFIG): its database and its submission limit of 1.
    const fromFile = await run([], { BUURTKIT_CONFIG: config });
    expect(fromFile.storage).toContain(`storage: SQLite ${fileDb}`);
    expect(fromFile.statuses).toEqual([201, 429]);
    // The environment beats the file; a flag beats both.
    const overridden = await run(['--config', config, '--submission-limit', '5'], { BUURTKIT_DB: envDb });
    expect(overridden.storage).toContain(`storage: SQLite ${envDb}`);
    expect(overridden.statuses).toEqual([201, 201]);
  }, 60_000);

  it('refuses to start with an invalid file, saying why', () => {
    const bad = configFile({ port: 'acht', prot: 1 });
    const result = runCli(['serve', '--config', bad], { cwd: dir, env: envWithoutStorage() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^buurtkit-collector: invalid config file .*collector\.json\n {2}port: .*number.*\n {2}\(file\): .*"prot"/,
    );
    expect(result.stdout).toBe('');
    const missing = runCli(['migrate'], { cwd: dir, env: envWithoutStorage({ BUURTKIT_CONFIG: join(dir, 'nope.json') }) });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the config file .*nope\.json/);
  });
});
