import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminIdeaListSchema, adminIdeaSchema, IDEA_CONSENT_TEXT_VERSION } from '../../src/schema/index.js';
import { IDEA_EXPORT_HEADERS } from '../../src/collector/export/ideas.js';
import { ideaEnvelope, postJson, publishedIdea, SITE, startTestCollector, type TestCollector } from './helpers.js';

let c: TestCollector;
let now: number;
beforeEach(async () => {
  now = Date.now();
  c = await startTestCollector({ clock: () => now });
});
afterEach(async () => c.close());

const admin = (path: string, token: string | null, init: RequestInit = {}) =>
  fetch(`${c.url}/v1/admin/sites/${SITE}${path}`, {
    ...init,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(init.headers as Record<string, string>),
    },
  });

const patch = (id: string, token: string, body: unknown, headers: Record<string, string> = {}) =>
  admin(`/ideas/${id}`, token, { method: 'PATCH', body: JSON.stringify(body), headers });

async function submit(text = 'Een klusdag in het voorjaar', extra: Record<string, unknown> = {}) {
  const envelope = ideaEnvelope(
    { consent: { textVersion: IDEA_CONSENT_TEXT_VERSION, givenAt: new Date(now).toISOString() } },
    { text, ...extra },
  );
  expect((await postJson(`${c.url}/v1/sites/${SITE}/submissions`, envelope)).status).toBe(201);
  return envelope.id;
}

describe('admin authentication', () => {
  it('answers 401 without a token or with a wrong one', async () => {
    const none = await admin('/ideas', null);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(await none.json()).toMatchObject({ error: 'unauthorized' });
    const real = await c.token();
    const forged = real.slice(0, -4) + (real.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const bad of ['nonsense', 'bk_short', forged]) {
      expect((await admin('/ideas', bad)).status, bad).toBe(401);
    }
    expect((await admin('/ideas', null, { headers: { authorization: `Basic ${btoa('a:b')}` } })).status).toBe(401);
  });

  it('stores only a hash and a display prefix of the token', async () => {
    const token = await c.token();
    const rows = c.sqlite.db.prepare('SELECT * FROM tokens').all() as Record<string, unknown>[];
    expect(token).toMatch(/^bk_[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]).toMatchObject({ prefix: token.slice(0, 11) });
    expect(rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers 403 for the wrong site or a missing scope; admin implies every scope', async () => {
    await c.store.access.createSite({ slug: 'de-eik', name: 'De Eik' }, new Date().toISOString());
    const otherSite = await c.token(['read', 'moderate', 'export', 'admin'], { site: 'de-eik' });
    expect((await admin('/ideas', otherSite)).status).toBe(403);

    const id = await submit();
    const readOnly = await c.token(['read']);
    expect((await admin('/ideas', readOnly)).status).toBe(200);
    const denied = await patch(id, readOnly, { published: true });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ error: 'insufficient_scope' });
    expect((await admin('/export/ideas.csv', readOnly)).status).toBe(403);

    const moderator = await c.token(['moderate']);
    expect((await admin('/ideas', moderator)).status).toBe(403);
    expect((await patch(id, moderator, { published: true })).status).toBe(200);

    const all = await c.token(['admin']);
    expect((await admin('/ideas', all)).status).toBe(200);
    expect((await admin('/export/ideas.csv', all)).status).toBe(200);
  });

  it('says what a token may do (whoami): admin counts as every scope but sensitive', async () => {
    const exporter = await c.token(['export']);
    const mine = await admin('/whoami', exporter);
    expect(mine.status).toBe(200);
    expect(await mine.json()).toEqual({
      site: SITE,
      siteName: 'Buurthuiskamer De Linde',
      prefix: exporter.slice(0, 11),
      label: null,
      scopes: ['export'],
      expiresAt: null,
    });
    const all = (await (await admin('/whoami', await c.token(['admin']))).json()) as { scopes: string[] };
    expect(all.scopes).toEqual(['read', 'moderate', 'export', 'admin']);
    const sensitive = (await (await admin('/whoami', await c.token(['read', 'sensitive']))).json()) as { scopes: string[] };
    expect(sensitive.scopes).toEqual(['read', 'sensitive']);
    expect((await admin('/whoami', null)).status).toBe(401);
    await c.store.access.createSite({ slug: 'de-eik', name: 'De Eik' }, new Date().toISOString());
    expect((await admin('/whoami', await c.token(['admin'], { site: 'de-eik' }))).status).toBe(403);
  });

  it('refuses expired and revoked tokens', async () => {
    const expiring = await c.token(['read'], { expiresAt: new Date(now + 60_000) });
    expect((await admin('/ideas', expiring)).status).toBe(200);
    now += 61_000;
    const expired = await admin('/ideas', expiring);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ error: 'token_expired' });

    const revoking = await c.token(['read']);
    expect(await c.store.access.revokeTokens(revoking.slice(0, 11), new Date(now).toISOString())).toBe(1);
    const revoked = await admin('/ideas', revoking);
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ error: 'token_revoked' });
  });
});

describe('moderation', () => {
  it('lists all ideas with private fields, filtered by status and publication', async () => {
    const token = await c.token();
    const a = await submit('Idee met contact', { name: 'Sanne', contact: 'sanne@example.nl' });
    const b = await submit('Tweede idee');
    expect((await patch(b, token, { published: true, status: 'gepland' })).status).toBe(200);

    const all = adminIdeaListSchema.parse(await (await admin('/ideas', token)).json());
    expect(all.ideas.map((i) => i.id).sort()).toEqual([a, b].sort());
    expect(all.ideas.find((i) => i.id === a)).toMatchObject({ name: 'Sanne', contact: 'sanne@example.nl' });

    const planned = adminIdeaListSchema.parse(await (await admin('/ideas?status=gepland', token)).json());
    expect(planned.ideas.map((i) => i.id)).toEqual([b]);
    const unpublished = adminIdeaListSchema.parse(await (await admin('/ideas?published=false', token)).json());
    expect(unpublished.ideas.map((i) => i.id)).toEqual([a]);
    expect((await admin('/ideas?status=weg', token)).status).toBe(422);
  });

  it('publishes, sets status, reason and public answer, hides again, and audits each change', async () => {
    const token = await c.token();
    const id = await submit();
    const answer = await patch(id, token, {
      published: true,
      status: 'niet-mogelijk',
      statusReason: '  De zaal is dan bezet ',
      publicAnswer: 'Helaas, we zoeken een andere dag.',
    });
    expect(answer.status).toBe(200);
    const idea = adminIdeaSchema.parse(await answer.json());
    expect(idea).toMatchObject({
      published: true,
      status: 'niet-mogelijk',
      statusReason: 'De zaal is dan bezet',
      publicAnswer: 'Helaas, we zoeken een andere dag.',
    });
    const cleared = adminIdeaSchema.parse(await (await patch(id, token, { published: false, statusReason: '' })).json());
    expect(cleared).toMatchObject({ published: false, statusReason: null, status: 'niet-mogelijk' });

    const audit = await c.store.audit.list(SITE);
    expect(audit.filter((e) => e.action === 'idea.moderate')).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actor: token.slice(0, 11), target: id, rowCount: 1 });
  });

  it('answers 422 for bad changes, 404 for unknown ideas, 403 for cross-site requests', async () => {
    const token = await c.token();
    const id = await submit();
    expect((await patch(id, token, {})).status).toBe(422);
    expect((await patch(id, token, { status: 'verdwenen' })).status).toBe(422);
    expect((await patch(id, token, { published: 'ja' })).status).toBe(422);
    expect((await patch(id, token, { hacked: true })).status).toBe(422);
    expect((await patch('01890000-0000-7000-8000-000000000000', token, { published: true })).status).toBe(404);

    const cross = await patch(id, token, { published: true }, { 'sec-fetch-site': 'cross-site' });
    expect(cross.status).toBe(403);
    expect(await cross.json()).toMatchObject({ error: 'cross_site_request' });
    expect((await patch(id, token, { published: true }, { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });
});

describe('CSV export', () => {
  async function download(token: string, query = '') {
    const answer = await admin(`/export/ideas.csv${query}`, token);
    return { answer, bytes: new Uint8Array(await answer.arrayBuffer()) };
  }

  it('streams a UTF-8 CSV with BOM, header row, semicolons by default, injection neutralised', async () => {
    const token = await c.token();
    await submit('=HYPERLINK("http://evil.example";"klik")', { name: '@admin', contact: '+31 6 12345678' });
    const published = await publishedIdea(c, token, 'Koffie-ochtend; met "koekjes"\nen thee');

    const { answer, bytes } = await download(token);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toMatch(/^attachment; filename="buurtkit-de-linde-ideeen-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(IDEA_EXPORT_HEADERS.join(';'));
    expect(lines[0]).toMatch(/^Kenmerk;Ontvangen op;Ontvangen op \(UTC\);Status;Op de website;/);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"";""klik"")"`);
    expect(text).toContain(";'@admin;'+31 6 12345678;");
    expect(text).toContain(`"Koffie-ochtend; met ""koekjes""\nen thee"`);
    expect(text).toContain(`${published};`);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toMatch(/;\d{4}-\d{2}-\d{2} \d{2}:\d{2};\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z;Ontvangen;/);
  });

  it('uses commas when asked and refuses unknown delimiters', async () => {
    const token = await c.token();
    await submit();
    const { bytes } = await download(token, '?delimiter=comma');
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')[0]).toBe(IDEA_EXPORT_HEADERS.join(','));
    expect((await admin('/export/ideas.csv?delimiter=tab', token)).status).toBe(422);
  });

  it('writes an audit row with the token prefix and the row count', async () => {
    const token = await c.token(['export']);
    await submit('Een');
    await submit('Twee');
    now += 1;
    await download(token);
    const audit = (await c.store.audit.list(SITE)).filter((e) => e.action === 'export.ideas');
    expect(audit).toEqual([
      { at: new Date(now).toISOString(), site: SITE, actor: token.slice(0, 11), action: 'export.ideas', target: 'ideas.csv', rowCount: 2 },
    ]);
  });

  it('exports more rows than one page, in order', async () => {
    const token = await c.token();
    const at = new Date(now).toISOString();
    for (let i = 0; i < 1203; i++) {
      const id = `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`;
      await c.store.ideas.insert(
        {
          id,
          site: SITE,
          widget: 'idea-box',
          kind: 'idea',
          locale: 'nl',
          schemaVersion: 1,
          sentAt: at,
          receivedAt: at,
          consent: null,
          data: {},
          elapsedMs: 0,
        },
        {
          text: `Idee ${i}`,
          category: null,
          role: null,
          wantsToHelp: false,
          name: null,
          contact: null,
          consentVersion: null,
          consentGivenAt: null,
          consentHash: null,
        },
      );
    }
    now += 1;
    const { bytes } = await download(token);
    const rows = new TextDecoder().decode(bytes).trimEnd().split('\r\n').slice(1);
    expect(rows).toHaveLength(1203);
    expect(rows.map((r) => r.split(';')[0])).toEqual(
      Array.from({ length: 1203 }, (_, i) => `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`),
    );
  });
});
