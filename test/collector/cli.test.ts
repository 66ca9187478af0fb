/** The built CLI end to end: real processes, a real SQLite file (and PostgreSQL when set), real HTTP. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SqliteStore } from '../../src/collector/store/sqlite.js';
import { uuidv7 } from '../../src/schema/index.js';
import { ideaEnvelope, tempDir } from './helpers.js';
import { ensureBuiltCli, envWithoutStorage, runCli, serveCli } from './cli-process.js';
// @ts-expect-error -- plain JS fixture without type declarations
import { startCollectorProcess } from '../fixtures/collector-process.mjs';

beforeAll(ensureBuiltCli, 120_000);

let dir: string;
let cleanup: () => void;
let db: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  db = join(dir, 'cli.sqlite');
});
afterEach(() => cleanup());

function cli(...args: string[]) {
  return runCli(args, { cwd: dir });
}

async function serve(args = ['--port', '0', '--db', db], env: NodeJS.ProcessEnv = process.env) {
  return serveCli(['--log-level', 'warn', ...args], { cwd: dir, env });
}

describe('buurtkit-collector CLI', () => {
  it('explains itself and fails clearly on wrong usage', () => {
    const help = cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: buurtkit-collector <command>/);
    expect(cli().code).toBe(2);
    const unknown = cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/);
    expect(cli('site', 'add', 'centrum', '--db', db).stderr).toMatch(/needs --name/);
    const badOrigin = cli('site', 'add', 'centrum', '--name', 'C', '--origin', 'https://a.example/pad', '--db', db);
    expect(badOrigin.code).toBe(2);
    expect(badOrigin.stderr).toMatch(/origin only/);
    expect(cli('site', 'add', 'Centrum!', '--name', 'C', '--db', db).code).toBe(2);
    const noSite = cli('token', 'create', 'nergens', '--db', db);
    expect(noSite.code).toBe(1);
    expect(noSite.stderr).toMatch(/no site "nergens"/);
    expect(cli('token', 'create', 'nergens', '--scopes', 'god', '--db', db).code).toBe(2);
  });

  it('adds a site, makes a token, serves on port 0, takes a submission and exports it', async () => {
    expect(
      cli('site', 'add', 'de-linde', '--name', 'De Linde', '--origin', 'https://linde.example/', '--idea-sort', 'votes', '--db', db).code,
    ).toBe(0);
    expect(cli('site', 'add', 'de-linde', '--name', 'Again', '--db', db).code).toBe(1);
    expect(cli('site', 'update', 'de-linde', '--add-origin', 'http://localhost:8000', '--db', db).code).toBe(0);
    expect(cli('site', 'list', '--db', db).stdout).toBe('de-linde\tDe Linde\tvotes\thttps://linde.example http://localhost:8000\n');

    const created = cli('token', 'create', 'de-linde', '--label', 'coordinator', '--expires-days', '30', '--db', db);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^bk_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(/not shown again/);

    const { child, url, exited } = await serve();
    try {
      const envelope = ideaEnvelope({ site: 'de-linde' }, { text: '-1+1 een formule als idee' });
      const sent = await fetch(`${url}/v1/sites/de-linde/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost:8000' },
        body: JSON.stringify(envelope),
      });
      expect(sent.status).toBe(201);
      const info = await fetch(`${url}/v1/sites/de-linde`);
      expect(await info.json()).toMatchObject({ collector: 'buurtkit', ideaSort: 'votes' });
      const listed = await fetch(`${url}/v1/admin/sites/de-linde/ideas`, { headers: { authorization: `Bearer ${token}` } });
      expect(listed.status).toBe(200);

      // Export while the server runs: a second process on the same file.
      const out = join(dir, 'ideeen.csv');
      const exported = cli('export', 'de-linde', 'ideas', '--out', out, '--db', db);
      expect(exported.code).toBe(0);
      expect(exported.stderr).toMatch(/Wrote 1 idea/);
      const file = readFileSync(out);
      expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(file.toString('utf8')).toContain(`${envelope.id};`);
      expect(file.toString('utf8')).toContain(";'-1+1 een formule als idee;");
      const toStdout = cli('export', 'de-linde', 'ideas', '--delimiter', 'comma', '--db', db);
      expect(toStdout.stdout.startsWith('\uFEFFKenmerk,Ontvangen op,Ontvangen op (UTC),')).toBe(true);

      expect(cli('token', 'revoke', token.slice(0, 11), '--db', db).code).toBe(0);
      const revoked = await fetch(`${url}/v1/admin/sites/de-linde/ideas`, { headers: { authorization: `Bearer ${token}` } });
      expect(revoked.status).toBe(401);
      expect(cli('token', 'revoke', token.slice(0, 11), '--db', db).code).toBe(1);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toEqual({ code: 0, signal: null });
  });

  it("takes the render-token settings under the earlier release's names too (--form-tokens, BUURTKIT_FORM_TOKENS)", async () => {
    expect(cli('site', 'add', 'de-linde', '--name', 'De Linde', '--origin', 'http://localhost:8000', '--db', db).code).toBe(0);
    const send = (url: string) =>
      fetch(`${url}/v1/sites/de-linde/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost:8000' },
        body: JSON.stringify(ideaEnvelope({ site: 'de-linde' })),
      });
    const cases: [string[], NodeJS.ProcessEnv, number][] = [
      // The old flag wins over the environment, as the new one does.
      [['--form-tokens', 'off'], { BUURTKIT_RENDER_TOKENS: 'required' }, 201],
      // The old variable is read when the new one is empty.
      [[], { BUURTKIT_RENDER_TOKENS: '', BUURTKIT_FORM_TOKENS: 'required' }, 428],
    ];
    for (const [flags, vars, status] of cases) {
      const { child, url, exited } = await serve(['--port', '0', '--db', db, ...flags], { ...process.env, ...vars });
      try {
        expect((await send(url)).status).toBe(status);
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited).toEqual({ code: 0, signal: null });
    }
  });

  it('uses BUURTKIT_DB and PORT from the environment', async () => {
    const env = envWithoutStorage({ BUURTKIT_DB: db, PORT: '0', HOST: '127.0.0.1' });
    expect(runCli(['site', 'add', 'env-site', '--name', 'E'], { cwd: dir, env }).code).toBe(0);
    expect(cli('site', 'list', '--db', db).stdout).toMatch(/^env-site\t/);
    const { child, url, exited } = await serve([], env);
    try {
      expect((await fetch(`${url}/v1/sites/env-site`)).status).toBe(200);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toEqual({ code: 0, signal: null });
  });

  it('purges expired contact details on demand (dry run first) and when serve starts', async () => {
    expect(cli('site', 'add', 'kort', '--name', 'K', '--idea-contact-months', '1', '--db', db).code).toBe(0);
    expect(cli('site', 'update', 'kort', '--idea-contact-months', '0', '--db', db).code).toBe(2);
    const twoMonthsAgo = new Date(Date.now() - 62 * 86_400_000).toISOString();
    const insert = (store: SqliteStore, id: string) =>
      store.ideas.insert(
        {
          id,
          site: 'kort',
          widget: 'idea-box',
          kind: 'idea',
          locale: 'nl',
          schemaVersion: 1,
          sentAt: twoMonthsAgo,
          receivedAt: twoMonthsAgo,
          consent: { textVersion: 'v', givenAt: twoMonthsAgo, textHash: null },
          data: { kind: 'idea', text: 'Oud', contact: 'oud@example.nl' },
          elapsedMs: 5000,
        },
        {
          text: 'Oud',
          category: null,
          role: null,
          wantsToHelp: false,
          name: null,
          contact: 'oud@example.nl',
          consentVersion: 'v',
          consentGivenAt: twoMonthsAgo,
          consentHash: null,
        },
      );
    const [a, b] = [uuidv7(), uuidv7()];
    const store = new SqliteStore(db);
    await insert(store, a);
    await store.close();

    const dry = cli('purge', '--dry-run', '--db', db);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^kort\tpurge\.idea-contact\t1\treceived before .* \(1 months\)$/m);
    expect(dry.stderr).toMatch(/Dry run: 1 record\(s\) would/);
    const done = cli('purge', '--site', 'kort', '--db', db);
    expect(done.stdout).toMatch(/^kort\tpurge\.idea-contact\t1\t/m);
    expect(cli('purge', '--site', 'nergens', '--db', db).code).toBe(1);

    const again = new SqliteStore(db);
    expect((await again.ideas.get('kort', a))!.contact).toBeNull();
    await insert(again, b);
    await again.close();

    // serve purges once at start (and daily after): b is due as well.
    const { child, exited } = await serve();
    const check = new SqliteStore(db);
    try {
      await vi.waitFor(async () => expect((await check.ideas.get('kort', b))!.contact).toBeNull(), { timeout: 5_000, interval: 100 });
      const audit = (await check.audit.list('kort')).filter((e) => e.action === 'purge.idea-contact');
      expect(audit.map((e) => [e.actor, e.rowCount])).toEqual([
        ['cli', 1],
        ['purge', 1],
      ]);
    } finally {
      await check.close();
      child.kill('SIGTERM');
    }
    expect(await exited).toEqual({ code: 0, signal: null });
  });
});

describe('buurtkit-collector people', () => {
  it('exports as NDJSON and JSON, then shows and erases a person by contact, with a receipt', async () => {
    expect(cli('site', 'add', 'p', '--name', 'P', '--db', db).code).toBe(0);
    const store = new SqliteStore(db);
    const now = new Date().toISOString();
    const id = uuidv7();
    await store.ideas.insert(
      {
        id,
        site: 'p',
        widget: 'idea-box',
        kind: 'idea',
        locale: 'nl',
        schemaVersion: 1,
        sentAt: now,
        receivedAt: now,
        consent: null,
        data: { kind: 'idea', text: 'Idee', contact: '06-12345678' },
        elapsedMs: 5000,
      },
      {
        text: 'Idee',
        category: null,
        role: null,
        wantsToHelp: false,
        name: 'Piet',
        contact: '06-12345678',
        consentVersion: 'v',
        consentGivenAt: now,
        consentHash: null,
      },
    );
    await store.close();

    const exported = cli('export', 'p', 'ideas', '--format', 'ndjson', '--db', db);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout.trimEnd())).toMatchObject({ id, naam: 'Piet', contact: '06-12345678' });
    expect(JSON.parse(cli('export', 'p', 'ideas', '--format', 'json', '--db', db).stdout)).toHaveLength(1);
    expect(cli('export', 'p', 'ideas', '--format', 'xml', '--db', db).code).toBe(2);
    expect(cli('export', 'p', 'ideas', '--format', 'json', '--delimiter', 'comma', '--db', db).code).toBe(2);

    const shown = cli('people', 'show', 'p', '+31 6 12345678', '--db', db);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ matched: { ideas: 1 }, ideas: [{ id, name: 'Piet' }] });
    expect(cli('people', 'show', 'p', 'niemand', '--db', db).code).toBe(2);
    const erased = cli('people', 'erase', 'p', '0612345678', '--include-content', '--db', db);
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.stdout)).toMatchObject({ site: 'p', matched: { ideas: 1 }, removedFields: ['ideas.*'] });
    expect(JSON.parse(cli('people', 'show', 'p', '0612345678', '--db', db).stdout).matched).toEqual({
      ideas: 0,
      volunteerSignups: 0,
      volunteerApplications: 0,
      intakes: 0,
    });
  });
});

describe('test/fixtures/collector-process.mjs', () => {
  it('starts a collector process with a site, origins and an all-scope token, and stops it', async () => {
    const collector = await startCollectorProcess({ origins: ['http://localhost:8000'], ideaSort: 'votes' });
    try {
      expect(collector.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(collector.site).toBe('test-centre');
      const info = await fetch(`${collector.url}/v1/sites/test-centre`, { headers: { origin: 'http://localhost:8000' } });
      expect(info.headers.get('access-control-allow-origin')).toBe('http://localhost:8000');
      expect(await info.json()).toMatchObject({ ideaSort: 'votes' });
      const exported = await fetch(`${collector.url}/v1/admin/sites/test-centre/export/ideas.csv`, {
        headers: { authorization: `Bearer ${collector.token}` },
      });
      expect(exported.status).toBe(200);
      expect(existsSync(collector.dbPath)).toBe(true);
      expect(await collector.cli('site', 'list')).toMatch(/^test-centre\t/);
    } finally {
      await collector.stop();
    }
    expect(existsSync(collector.dir)).toBe(false);
  });
});

describe('webhook command', () => {
  it('sets a webhook (secret shown once), serve forwards a submission to it signed, status lists it', async () => {
    const { createServer } = await import('node:http');
    const { createHmac } = await import('node:crypto');
    const bodies: { signature: string; body: string }[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        bodies.push({ signature: String(req.headers['buurtkit-signature']), body });
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hook = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/in`;
    try {
      expect(cli('site', 'add', 'de-linde', '--name', 'De Linde', '--origin', 'http://localhost:8000', '--db', db).code).toBe(0);
      expect(cli('webhook', 'set', 'de-linde', 'ftp://example.org', '--db', db).stderr).toMatch(/must start with https:\/\//);
      expect(cli('webhook', 'set', 'nergens', hook, '--db', db).stderr).toMatch(/no site "nergens"/);
      // A loopback target is refused when set, unless the operator allows private networks.
      const refused = cli('webhook', 'set', 'de-linde', hook, '--db', db);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/127\.0\.0\.1 is a private or reserved address/);
      const set = runCli(['webhook', 'set', 'de-linde', hook, '--db', db], {
        cwd: dir,
        env: { ...process.env, BUURTKIT_WEBHOOK_ALLOW_PRIVATE: '1' },
      });
      expect(set.code).toBe(0);
      const secret = set.stdout.trim();
      expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);

      const { child, url, exited } = await serve(['--port', '0', '--db', db], {
        ...process.env,
        BUURTKIT_WEBHOOK_ALLOW_PRIVATE: '1',
      });
      try {
        const envelope = ideaEnvelope({ site: 'de-linde' }, { text: 'Doorgestuurd idee' });
        const sent = await fetch(`${url}/v1/sites/de-linde/submissions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: 'http://localhost:8000' },
          body: JSON.stringify(envelope),
        });
        expect(sent.status).toBe(201);
        await vi.waitFor(() => expect(bodies).not.toHaveLength(0), { timeout: 15_000, interval: 100 });
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(bodies).toHaveLength(1);
      const [, t, mac] = /^t=(\d+),v1=(\w+)$/.exec(bodies[0]!.signature)!;
      expect(mac).toBe(createHmac('sha256', secret).update(`${t}.${bodies[0]!.body}`).digest('hex'));
      expect(JSON.parse(bodies[0]!.body)).toMatchObject({ event: 'submission.created', data: { data: { text: 'Doorgestuurd idee' } } });

      const status = cli('webhook', 'status', 'de-linde', '--db', db);
      expect(status.stdout).toContain(`webhook\t${hook}`);
      expect(status.stdout).toMatch(/submission\.created\tdelivered\t1 attempt\(s\)/);
      expect(cli('webhook', 'remove', 'de-linde', '--db', db).stderr).toMatch(/Removed the webhook/);
      expect(cli('webhook', 'status', 'de-linde', '--db', db).stdout).toMatch(/^webhook\t\(none\)\n/);
    } finally {
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    }
  }, 40_000);
});

describe('command names from the platform issue', () => {
  it('`site create` adds a site like `site add`, and `erase` is `people erase`', () => {
    expect(cli('site', 'create', 'de-eik', '--name', 'De Eik', '--db', db).code).toBe(0);
    expect(cli('site', 'list', '--db', db).stdout).toMatch(/^de-eik\tDe Eik\t/);
    const receipt = cli('erase', 'de-eik', 'iemand@example.nl', '--db', db);
    expect(receipt.code).toBe(0);
    expect(JSON.parse(receipt.stdout)).toMatchObject({ site: 'de-eik', matched: { ideas: 0, intakes: 0 } });
    expect(cli('--help').stdout).toMatch(/also: erase <site> <contact>/);
  });
});
