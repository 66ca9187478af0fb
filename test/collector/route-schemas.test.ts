/**
 * Routes whose query or body is a zod schema in the route (zod-provider.ts): Fastify runs it after
 * the route's hooks, and a failure is the same 422 a handler's own check answers, byte for byte.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SITE, startTestCollector, type TestCollector } from './helpers.js';

describe('route schemas through the zod type provider', () => {
  let c: TestCollector;
  let admin: string;

  beforeEach(async () => {
    c = await startTestCollector();
    admin = await c.token(['admin']);
  });
  afterEach(() => c.close());

  const expectInvalid = async (res: Response, path: string) => {
    expect(res.status).toBe(422);
    const text = await res.text();
    const body = JSON.parse(text) as { error: string; message: string; issues: { path: string; message: string }[] };
    // Nothing but the usual three fields, in the usual order.
    expect(text).toBe(JSON.stringify({ error: 'invalid_request', message: 'The request has errors; see issues', issues: body.issues }));
    expect(body.issues.map((i) => i.path)).toContain(path);
    expect(body.issues.every((i) => typeof i.message === 'string' && i.message.length > 0)).toBe(true);
  };

  it('answers a bad query with the 422 of field issues, and hands the handler coerced values and defaults', async () => {
    await expectInvalid(await fetch(`${c.url}/v1/sites/${SITE}/ideas?limit=0`), 'limit');
    await expectInvalid(await fetch(`${c.url}/v1/sites/${SITE}/ideas?limit=many`), 'limit');
    const listed = await fetch(`${c.url}/v1/sites/${SITE}/ideas?limit=2`);
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({ ideas: [], sort: 'newest' });
    const headers = { authorization: `Bearer ${admin}` };
    await expectInvalid(await fetch(`${c.url}/v1/admin/sites/${SITE}/audit?limit=0`, { headers }), 'limit');
    await expectInvalid(await fetch(`${c.url}/v1/admin/sites/${SITE}/audit?unknown=1`, { headers }), '');
    expect((await fetch(`${c.url}/v1/admin/sites/${SITE}/audit`, { headers })).status).toBe(200);
  });

  it('answers a bad body with the 422 of field issues', async () => {
    const put = (body: string, contentType = 'application/json') =>
      fetch(`${c.url}/v1/admin/sites/${SITE}/settings/origins`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${admin}`, 'content-type': contentType },
        body,
      });
    await expectInvalid(await put(JSON.stringify({ origins: 'https://linde.example' })), 'origins');
    await expectInvalid(await put(JSON.stringify({ origins: [], more: true })), '');
    const saved = await put(JSON.stringify({ origins: ['https://linde.example/'] }));
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ origins: ['https://linde.example'] });
  });

  it('checks the site, token and content type first, as before the schema', async () => {
    expect((await fetch(`${c.url}/v1/sites/no-such-site/ideas?limit=0`)).status).toBe(404);
    expect((await fetch(`${c.url}/v1/admin/sites/${SITE}/audit?limit=0`)).status).toBe(401);
    const reader = await c.token(['read']);
    const forbidden = await fetch(`${c.url}/v1/admin/sites/${SITE}/audit?limit=0`, { headers: { authorization: `Bearer ${reader}` } });
    expect(forbidden.status).toBe(403);
    const notJson = await fetch(`${c.url}/v1/admin/sites/${SITE}/settings/origins`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/plain' },
      body: 'origins',
    });
    expect(notJson.status).toBe(415);
  });

  it('answers 404 for an id that cannot exist before it looks at the body', async () => {
    const vote = await fetch(`${c.url}/v1/sites/${SITE}/ideas/not-an-id/votes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(vote.status).toBe(404);
    expect(await vote.json()).toMatchObject({ error: 'idea_not_found' });
    const moderator = await c.token(['moderate']);
    for (const path of ['merge', 'tags']) {
      const res = await fetch(`${c.url}/v1/admin/sites/${SITE}/ideas/not-an-id/${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${moderator}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: 'idea_not_found' });
    }
    const wellFormed = '01890a5d-ac96-774b-bcce-b302099a8057';
    const badBody = await fetch(`${c.url}/v1/sites/${SITE}/ideas/${wellFormed}/votes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(badBody.status).toBe(422);
  });

  it('polls: the 404 first, then the 403 of closed results, then the query or body 422, byte for byte as the handwritten checks', async () => {
    const headers = { authorization: `Bearer ${admin}` };
    const answer = async (res: Response) => `${res.status} ${await res.text()}`;
    const put = (id: string, body: unknown) =>
      fetch(`${c.url}/v1/admin/sites/${SITE}/polls/${id}`, {
        method: 'PUT',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const get = (path: string, admin = true) =>
      fetch(`${c.url}/v1/${admin ? 'admin/' : ''}sites/${SITE}/polls/${path}`, admin ? { headers } : {});
    const choice = {
      kind: 'choice',
      question: 'Hoe was het?',
      options: [
        { value: 'goed', label: 'Goed' },
        { value: 'matig', label: 'Matig' },
      ],
    };
    const out: string[] = [];
    expect((await put('open-vraag', { ...choice, showResults: true })).status).toBe(200);
    expect((await put('dicht', { ...choice, id: 'dicht' })).status).toBe(200);
    out.push(await answer(await put('open-vraag', { ...choice, id: 'ander' })));
    out.push(await answer(await put('open-vraag', [])));
    out.push(await answer(await put('open-vraag', 'tekst')));
    out.push(await answer(await put('open-vraag', { kind: 'nope', extra: 1 })));
    out.push(await answer(await put('open-vraag', { ...choice, question: 'nul\u0000byte' })));
    out.push(await answer(await put('Not_A_Poll', { ...choice, id: 'ander' })));
    out.push(await answer(await get('dicht/results?from=garbage', false)));
    out.push(await answer(await get('open-vraag/results?from=garbage&to=2026-01-01', false)));
    out.push(await answer(await get('open-vraag/results?from=2026-05-01&to=2026-04-01', false)));
    out.push(await answer(await get('open-vraag/results?split=nope&more=1')));
    out.push(await answer(await get('open-vraag/responses?handled=maybe')));
    for (const file of [
      'results.csv',
      'results.json',
      'results.xlsx',
      'responses.csv',
      'responses.json',
      'responses.ndjson',
      'responses.xlsx',
    ]) {
      out.push(await answer(await get(`open-vraag/export/${file}?delimiter=pipe&from=x`)));
    }
    expect(out).toMatchInlineSnapshot(`
      [
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"id","message":"Does not match the poll in the URL","code":"id_mismatch"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"kind","message":"Invalid option: expected one of \\"smileys\\"|\\"yes-no\\"|\\"scale\\"|\\"choice\\"|\\"statements\\"","code":"invalid_value"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"kind","message":"Invalid option: expected one of \\"smileys\\"|\\"yes-no\\"|\\"scale\\"|\\"choice\\"|\\"statements\\"","code":"invalid_value"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"kind","message":"Invalid option: expected one of \\"smileys\\"|\\"yes-no\\"|\\"scale\\"|\\"choice\\"|\\"statements\\"","code":"invalid_value"},{"path":"","message":"Unrecognized key: \\"extra\\"","code":"unrecognized_keys"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"question","message":"Contains a NUL character","code":"invalid_character"}]}",
        "404 {"error":"poll_not_found","message":"There is no poll with this id"}",
        "403 {"error":"results_not_public","message":"This poll does not show its results"}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"from","message":"Expected a date as YYYY-MM-DD","code":"custom"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"to","message":"to comes before from","code":"invalid_range"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"split","message":"Invalid input: expected \\"respondentType\\"","code":"invalid_value"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"handled","message":"Invalid option: expected one of \\"true\\"|\\"false\\"","code":"invalid_value"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"from","message":"Expected a date as YYYY-MM-DD","code":"custom"},{"path":"delimiter","message":"Invalid option: expected one of \\"semicolon\\"|\\"comma\\"","code":"invalid_value"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"from","message":"Expected a date as YYYY-MM-DD","code":"custom"},{"path":"delimiter","message":"Invalid option: expected one of \\"semicolon\\"|\\"comma\\"","code":"invalid_value"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"from","message":"Expected a date as YYYY-MM-DD","code":"custom"},{"path":"delimiter","message":"Invalid option: expected one of \\"semicolon\\"|\\"comma\\"","code":"invalid_value"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"from","message":"Expected a date as YYYY-MM-DD","code":"custom"},{"path":"delimiter","message":"Invalid option: expected one of \\"semicolon\\"|\\"comma\\"","code":"invalid_value"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"from","message":"Expected a date as YYYY-MM-DD","code":"custom"},{"path":"delimiter","message":"Invalid option: expected one of \\"semicolon\\"|\\"comma\\"","code":"invalid_value"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"from","message":"Expected a date as YYYY-MM-DD","code":"custom"},{"path":"delimiter","message":"Invalid option: expected one of \\"semicolon\\"|\\"comma\\"","code":"invalid_value"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"from","message":"Expected a date as YYYY-MM-DD","code":"custom"},{"path":"delimiter","message":"Invalid option: expected one of \\"semicolon\\"|\\"comma\\"","code":"invalid_value"}]}",
      ]
    `);
    expect((await get('open-vraag/results?from=2026-01-01&to=2026-12-31', false)).status).toBe(200);
    expect((await get('open-vraag/results?split=respondentType')).status).toBe(200);
    expect((await get('open-vraag/responses?handled=false')).status).toBe(200);
    expect((await get('open-vraag/export/responses.csv?delimiter=comma')).status).toBe(200);
  });
});
