/** The operator sets the volunteer site settings with the CLI. */
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { SqliteStore } from '../../src/collector/store/sqlite.js';
import { ensureBuiltCli, runCli } from './cli-process.js';
import { tempDir } from './helpers.js';

beforeAll(ensureBuiltCli, 120_000);

it('site add/update set showHostName and offerHours; an update keeps what it does not name', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'cli.sqlite');
    const cli = (...args: string[]) => runCli([...args, '--db', db], { cwd: dir });
    expect(cli('site', 'add', 'linde', '--name', 'De Linde', '--show-host-name', 'yes').code).toBe(0);
    expect(cli('site', 'update', 'linde', '--offer-hours', '24').code).toBe(0);
    const bad = cli('site', 'update', 'linde', '--show-host-name', 'misschien');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--show-host-name must be yes or no');
    expect(cli('site', 'update', 'linde', '--offer-hours', '0').code).toBe(2);
    const store = new SqliteStore(db);
    try {
      expect((await store.access.getSite('linde'))!.settings.volunteer).toEqual({ showHostName: true, offerHours: 24 });
    } finally {
      await store.close();
    }
  } finally {
    cleanup();
  }
});
