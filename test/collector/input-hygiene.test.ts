/**
 * Input that must never be stored, and lookups that must never travel in a URL: a lone surrogate
 * (half a UTF-16 pair, invalid UTF-8 once stored) is refused with 422 while real emoji pass; the
 * people lookup takes the contact in a POST body, and the query-string form is gone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, ideaEnvelope, postJson, startTestCollector, tablesContaining, type TestCollector } from './helpers.js';

describe.each(BACKENDS)('input hygiene (%s)', (backend) => {
  let c: TestCollector;
  afterEach(() => c?.close());

  it('refuses lone surrogates with 422 and keeps nothing; a whole pair (emoji) is fine', async () => {
    c = await startTestCollector({ backend });
    for (const text of ['Een idee \uD800 met een half teken', 'Omgekeerd \uDC00\uD83D', 'Aan het eind \uD83D']) {
      const answer = await postJson(`${c.url}/v1/sites/${c.site}/submissions`, ideaEnvelope({}, { text }));
      expect(answer.status, JSON.stringify(text)).toBe(422);
      expect((await answer.json()).issues[0]).toMatchObject({ path: 'data.text', code: 'invalid_character' });
    }
    expect(await tablesContaining(c.store, 'half teken')).toEqual([]);
    const ok = await postJson(`${c.url}/v1/sites/${c.site}/submissions`, ideaEnvelope({}, { text: 'Samen koken 🍲 op vrijdag' }));
    expect(ok.status).toBe(201);
  });

  it('looks people up by POST body; the contact never goes in a URL', async () => {
    c = await startTestCollector({ backend });
    const token = await c.token(['admin']);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const found = await fetch(`${c.url}/v1/admin/sites/${c.site}/people`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ contact: 'anna@example.nl' }),
    });
    expect(found.status).toBe(200);
    expect((await found.json()).contact).toEqual({ kind: 'email' });
    const byUrl = await fetch(`${c.url}/v1/admin/sites/${c.site}/people?contact=anna%40example.nl`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(byUrl.status).toBe(404);
  });
});
