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

  it('volunteers, intakes and idea exports: queries and bodies answer byte for byte as the handwritten checks', async () => {
    const headers = { authorization: `Bearer ${admin}` };
    const answer = async (res: Response) => `${res.status} ${await res.text()}`;
    const get = (path: string) => fetch(`${c.url}/v1/admin/sites/${SITE}/${path}`, { headers });
    const send = (method: string, path: string, body: unknown) =>
      fetch(`${c.url}/v1/admin/sites/${SITE}/${path}`, {
        method,
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const out: string[] = [];
    out.push(await answer(await get('volunteer/signups?from=x&handled=maybe&period=week')));
    out.push(await answer(await get('volunteer/signups?from=2026-05-01&to=2026-04-01')));
    out.push(await answer(await get('volunteer/reminders?withinHours=0')));
    out.push(await answer(await send('POST', 'volunteer/reminders/queue?withinHours=many', {})));
    out.push(await answer(await get('volunteer/day-list?date=gisteren')));
    for (const file of ['volunteer-signups.csv', 'volunteer-hours.csv', 'volunteer.xlsx']) {
      out.push(await answer(await get(`export/${file}?period=week&delimiter=tab`)));
    }
    for (const format of ['csv', 'json', 'ndjson', 'xlsx']) {
      out.push(await answer(await get(`export/volunteer-applications.${format}?delimiter=tab`)));
      out.push(await answer(await get(`export/intakes.${format}?delimiter=tab`)));
    }
    for (const format of ['json', 'ndjson', 'xlsx']) out.push(await answer(await get(`export/ideas.${format}?delimiter=comma`)));
    out.push(await answer(await send('POST', 'volunteer/roles', { name: 42, extra: true })));
    out.push(await answer(await send('POST', 'volunteer/roles', [])));
    out.push(await answer(await send('POST', 'volunteer/roles', { name: 'Bar\u0000' })));
    out.push(await answer(await send('POST', 'volunteer/shifts', { start: 'morgen' })));
    out.push(
      await answer(
        await send('POST', 'volunteer/shifts', {
          roleId: '01890a5d-ac96-774b-bcce-b302099a8057',
          start: '2026-11-30T10:00',
          end: '2026-11-30T12:00',
          capacity: 2,
        }),
      ),
    );
    out.push(await answer(await send('PUT', 'volunteer/roles/not-an-id', { name: 42 })));
    out.push(await answer(await send('PUT', 'volunteer/roles/01890a5d-ac96-774b-bcce-b302099a8057', { name: 42 })));
    out.push(await answer(await send('PUT', 'volunteer/roles/01890a5d-ac96-774b-bcce-b302099a8057', { name: 'Bar' })));
    expect(out).toMatchInlineSnapshot(`
      [
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"from","message":"Expected a date as YYYY-MM-DD","code":"custom"},{"path":"period","message":"Invalid option: expected one of \\"month\\"|\\"year\\"","code":"invalid_value"},{"path":"handled","message":"Invalid option: expected one of \\"true\\"|\\"false\\"","code":"invalid_value"}]}",
        "200 {"signups":[]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"withinHours","message":"Too small: expected number to be >=1","code":"too_small"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"withinHours","message":"Invalid input: expected number, received NaN","code":"invalid_type"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"date","message":"Expected a date as YYYY-MM-DD","code":"custom"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"period","message":"Invalid option: expected one of \\"month\\"|\\"year\\"","code":"invalid_value"},{"path":"delimiter","message":"Invalid option: expected one of \\"semicolon\\"|\\"comma\\"","code":"invalid_value"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"period","message":"Invalid option: expected one of \\"month\\"|\\"year\\"","code":"invalid_value"},{"path":"delimiter","message":"Invalid option: expected one of \\"semicolon\\"|\\"comma\\"","code":"invalid_value"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"period","message":"Invalid option: expected one of \\"month\\"|\\"year\\"","code":"invalid_value"},{"path":"delimiter","message":"Invalid option: expected one of \\"semicolon\\"|\\"comma\\"","code":"invalid_value"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"delimiter","message":"Invalid option: expected one of \\"semicolon\\"|\\"comma\\"","code":"invalid_value"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"delimiter","message":"Invalid option: expected one of \\"semicolon\\"|\\"comma\\"","code":"invalid_value"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"","message":"Unrecognized key: \\"delimiter\\"","code":"unrecognized_keys"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"","message":"Unrecognized key: \\"delimiter\\"","code":"unrecognized_keys"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"","message":"Unrecognized key: \\"delimiter\\"","code":"unrecognized_keys"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"","message":"Unrecognized key: \\"delimiter\\"","code":"unrecognized_keys"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"","message":"Unrecognized key: \\"delimiter\\"","code":"unrecognized_keys"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"","message":"Unrecognized key: \\"delimiter\\"","code":"unrecognized_keys"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"","message":"Unrecognized key: \\"delimiter\\"","code":"unrecognized_keys"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"","message":"Unrecognized key: \\"delimiter\\"","code":"unrecognized_keys"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"","message":"Unrecognized key: \\"delimiter\\"","code":"unrecognized_keys"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"name","message":"Invalid input","code":"invalid_union"},{"path":"","message":"Unrecognized key: \\"extra\\"","code":"unrecognized_keys"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"","message":"Invalid input: expected object, received array","code":"invalid_type"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"name","message":"Contains a NUL character","code":"invalid_character"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"roleId","message":"Invalid input: expected string, received undefined","code":"invalid_type"},{"path":"start","message":"Expected a local date-time as YYYY-MM-DDTHH:mm","code":"custom"},{"path":"end","message":"Invalid input: expected string, received undefined","code":"invalid_type"},{"path":"capacity","message":"Invalid input: expected number, received undefined","code":"invalid_type"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"roleId","message":"There is no role with this id","code":"role_not_found"}]}",
        "404 {"error":"role_not_found","message":"There is no role with this id"}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"name","message":"Invalid input","code":"invalid_union"}]}",
        "404 {"error":"role_not_found","message":"There is no role with this id"}",
      ]
    `);
    expect((await get('volunteer/signups?handled=false')).status).toBe(200);
    expect((await get('volunteer/reminders?withinHours=48')).status).toBe(200);
    expect((await get('export/volunteer-applications.csv?delimiter=comma')).status).toBe(200);
    expect((await get('export/intakes.json')).status).toBe(200);
  });

  it("activities: an item's body is checked with its kind's schema, after the 404 and the id checks, byte for byte as before", async () => {
    const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
    const send = async (method: string, path: string, body: unknown) => {
      const res = await fetch(`${c.url}/v1/admin/sites/${SITE}/activities${path}`, { method, headers, body: JSON.stringify(body) });
      return { status: res.status, text: await res.text() };
    };
    const item = { title: 'Samen koken', start: '2026-03-27T17:30', end: '2026-03-27T20:00' };
    const created = await send('POST', '', item);
    expect(created.status).toBe(201);
    const id = (JSON.parse(created.text) as { id: string }).id;
    const unknown = '01890a5d-ac96-774b-bcce-b302099a8057';
    const out: string[] = [];
    for (const [method, path] of [
      ['POST', ''],
      ['PUT', `/${id}`],
    ] as const) {
      for (const body of [
        [],
        'tekst',
        { ...item, id: unknown },
        { ...item, title: 42, start: 'morgen' },
        { kind: 'opening-hours', hours: 'altijd' },
        { ...item, title: 'nul\u0000' },
      ]) {
        const { status, text } = await send(method, path, body);
        out.push(`${status} ${text}`);
      }
    }
    out.push(Object.values(await send('PUT', `/${unknown}`, [])).join(' '));
    out.push(Object.values(await send('PUT', '/not-an-id', { ...item, id: unknown })).join(' '));
    expect(out).toMatchInlineSnapshot(`
      [
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"","message":"Expected an object","code":"invalid_type"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"","message":"Expected an object","code":"invalid_type"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"id","message":"The id is set by the collector; leave it out","code":"id_mismatch"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"title","message":"Invalid input: expected string, received number","code":"invalid_type"},{"path":"start","message":"Expected YYYY-MM-DD or YYYY-MM-DDTHH:mm","code":"custom"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"title","message":"Invalid input: expected string, received undefined","code":"invalid_type"},{"path":"start","message":"Invalid input: expected string, received undefined","code":"invalid_type"},{"path":"","message":"Unrecognized key: \\"hours\\"","code":"unrecognized_keys"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"title","message":"Contains a NUL character","code":"invalid_character"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"","message":"Expected an object","code":"invalid_type"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"","message":"Expected an object","code":"invalid_type"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"id","message":"The id is set by the collector; leave it out","code":"id_mismatch"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"title","message":"Invalid input: expected string, received number","code":"invalid_type"},{"path":"start","message":"Expected YYYY-MM-DD or YYYY-MM-DDTHH:mm","code":"custom"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"title","message":"Invalid input: expected string, received undefined","code":"invalid_type"},{"path":"start","message":"Invalid input: expected string, received undefined","code":"invalid_type"},{"path":"","message":"Unrecognized key: \\"hours\\"","code":"unrecognized_keys"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"title","message":"Contains a NUL character","code":"invalid_character"}]}",
        "404 {"error":"activity_not_found","message":"There is no activity with this id"}",
        "404 {"error":"activity_not_found","message":"There is no activity with this id"}",
      ]
    `);
    expect((await send('PUT', `/${id}`, { ...item, id, title: 'Samen eten' })).status).toBe(200);
  });
});
