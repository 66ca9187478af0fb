/**
 * Path parameters: what each route answers, byte for byte, for an id that cannot exist (malformed)
 * and for a well-formed one that names nothing, with and without a bad query or body. Recorded from
 * the handwritten checks, so moving them into the routes' params schemas changes no answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE, startTestCollector, type TestCollector } from './helpers.js';

const UNKNOWN_UUID = '01890a5d-ac96-774b-bcce-b302099a8057';

describe('path parameters answer as before', () => {
  let c: TestCollector;
  let token: string;

  beforeAll(async () => {
    c = await startTestCollector();
    token = await c.token(['admin', 'read', 'moderate', 'export']);
  });
  afterAll(() => c.close());

  /** Status and raw body text of one request, with a coordinator token for admin paths. */
  const answer = async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = path.startsWith('/v1/admin/') ? { authorization: `Bearer ${token}` } : {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${c.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return `${res.status} ${await res.text()}`;
  };

  it('polls: an unknown or malformed poll is a 404 before the query or body is looked at', async () => {
    const site = `/v1/sites/${SITE}/polls`;
    const admin = `/v1/admin/sites/${SITE}/polls`;
    const out: string[] = [];
    for (const poll of ['Not_A_Poll', 'geen-poll']) {
      out.push(await answer('GET', `${site}/${poll}`));
      out.push(await answer('GET', `${site}/${poll}/results?from=garbage`));
      out.push(await answer('GET', `${admin}/${poll}/results?split=nope`));
      out.push(await answer('GET', `${admin}/${poll}/responses?handled=maybe`));
      out.push(await answer('GET', `${admin}/${poll}/export/results.csv?delimiter=pipe`));
      out.push(await answer('GET', `${admin}/${poll}/export/responses.xlsx?delimiter=pipe`));
    }
    out.push(await answer('PUT', `${admin}/Not_A_Poll`, { question: 42 }));
    out.push(await answer('PUT', `${admin}/Not_A_Poll`, []));
    expect(out).toMatchInlineSnapshot(`
      [
        "404 {"error":"poll_not_found","message":"There is no poll with this id"}",
        "404 {"error":"poll_not_found","message":"There is no poll with this id"}",
        "404 {"error":"poll_not_found","message":"There is no poll with this id"}",
        "404 {"error":"poll_not_found","message":"There is no poll with this id"}",
        "404 {"error":"poll_not_found","message":"There is no poll with this id"}",
        "404 {"error":"poll_not_found","message":"There is no poll with this id"}",
        "404 {"error":"poll_not_found","message":"There is no poll with this id"}",
        "404 {"error":"poll_not_found","message":"There is no poll with this id"}",
        "404 {"error":"poll_not_found","message":"There is no poll with this id"}",
        "404 {"error":"poll_not_found","message":"There is no poll with this id"}",
        "404 {"error":"poll_not_found","message":"There is no poll with this id"}",
        "404 {"error":"poll_not_found","message":"There is no poll with this id"}",
        "404 {"error":"poll_not_found","message":"There is no poll with this id"}",
        "404 {"error":"poll_not_found","message":"There is no poll with this id"}",
      ]
    `);
  });

  it('ideas, activities, intakes, "ik kom" and volunteers: a malformed id is the same 404 as an unknown one', async () => {
    const admin = `/v1/admin/sites/${SITE}`;
    const out: string[] = [];
    for (const id of ['not-an-id', UNKNOWN_UUID]) {
      out.push(await answer('GET', `${admin}/ideas/${id}`));
      out.push(await answer('POST', `/v1/sites/${SITE}/ideas/${id}/votes`, {}));
      out.push(await answer('POST', `${admin}/ideas/${id}/merge`, {}));
      out.push(await answer('POST', `${admin}/ideas/${id}/tags`, {}));
      out.push(await answer('POST', `${admin}/ideas/${id}/unmerge`));
      out.push(await answer('GET', `${admin}/activities/${id}`));
      out.push(await answer('PUT', `${admin}/activities/${id}`, {}));
      out.push(await answer('DELETE', `${admin}/activities/${id}`));
      out.push(await answer('GET', `${admin}/activities/${id}/attendance`));
      out.push(await answer('DELETE', `${admin}/attendance/${id}`));
      out.push(await answer('GET', `${admin}/intakes/${id}`));
      out.push(await answer('DELETE', `${admin}/intakes/${id}`));
      out.push(await answer('PUT', `${admin}/volunteer/roles/${id}`, {}));
      out.push(await answer('DELETE', `${admin}/volunteer/shifts/${id}`));
    }
    expect(out).toMatchInlineSnapshot(`
      [
        "404 {"error":"idea_not_found","message":"There is no idea with this id"}",
        "404 {"error":"idea_not_found","message":"There is no published idea with this id"}",
        "404 {"error":"idea_not_found","message":"There is no idea with this id"}",
        "404 {"error":"idea_not_found","message":"There is no idea with this id"}",
        "415 {"error":"unsupported_media_type","message":"Send JSON (Content-Type: application/json)"}",
        "404 {"error":"activity_not_found","message":"There is no activity with this id"}",
        "404 {"error":"activity_not_found","message":"There is no activity with this id"}",
        "404 {"error":"activity_not_found","message":"There is no activity with this id"}",
        "404 {"error":"activity_not_found","message":"There is no activity with this id"}",
        "404 {"error":"attendance_not_found","message":"There is no such \\"ik kom\\""}",
        "404 {"error":"intake_not_found","message":"There is no intake with this id"}",
        "404 {"error":"intake_not_found","message":"There is no intake with this id"}",
        "404 {"error":"role_not_found","message":"There is no role with this id"}",
        "404 {"error":"shift_not_found","message":"There is no shift with this id"}",
        "404 {"error":"idea_not_found","message":"There is no idea with this id"}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"id","message":"Invalid input: expected string, received undefined","code":"invalid_type"},{"path":"site","message":"Invalid input: expected string, received undefined","code":"invalid_type"},{"path":"widget","message":"Invalid input: expected \\"idea-box\\"","code":"invalid_value"},{"path":"schemaVersion","message":"Invalid input: expected 1","code":"invalid_value"},{"path":"sentAt","message":"Invalid input: expected string, received undefined","code":"invalid_type"},{"path":"locale","message":"Invalid input: expected string, received undefined","code":"invalid_type"},{"path":"data","message":"Invalid input: expected object, received undefined","code":"invalid_type"},{"path":"trap","message":"Invalid input: expected object, received undefined","code":"invalid_type"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"ideas","message":"Invalid input: expected array, received undefined","code":"invalid_type"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"","message":"Nothing to change","code":"custom"}]}",
        "415 {"error":"unsupported_media_type","message":"Send JSON (Content-Type: application/json)"}",
        "404 {"error":"activity_not_found","message":"There is no activity with this id"}",
        "404 {"error":"activity_not_found","message":"There is no activity with this id"}",
        "404 {"error":"activity_not_found","message":"There is no activity with this id"}",
        "404 {"error":"activity_not_found","message":"There is no activity with this id"}",
        "404 {"error":"attendance_not_found","message":"There is no such \\"ik kom\\""}",
        "404 {"error":"intake_not_found","message":"There is no intake with this id"}",
        "404 {"error":"intake_not_found","message":"There is no intake with this id"}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"name","message":"Invalid input","code":"invalid_union"}]}",
        "404 {"error":"shift_not_found","message":"There is no shift with this id"}",
      ]
    `);
  });

  it('routes that read the body first keep answering its 422 for a malformed id', async () => {
    const admin = `/v1/admin/sites/${SITE}`;
    const out: string[] = [];
    for (const body of [{ nonsense: true }, undefined]) {
      out.push(await answer('PATCH', `${admin}/ideas/not-an-id`, body ?? { published: true }));
      out.push(await answer('PUT', `${admin}/poll-responses/not-an-id/story`, body ?? { selected: true }));
      out.push(await answer('PUT', `${admin}/ideas/not-an-id/handled`, body ?? { handled: true }));
      out.push(await answer('PUT', `${admin}/volunteer/signups/not-an-id/attendance`, body ?? { attended: true }));
    }
    expect(out).toMatchInlineSnapshot(`
      [
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"","message":"Unrecognized key: \\"nonsense\\"","code":"unrecognized_keys"},{"path":"","message":"Nothing to change","code":"custom"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"selected","message":"Invalid input: expected boolean, received undefined","code":"invalid_type"},{"path":"","message":"Unrecognized key: \\"nonsense\\"","code":"unrecognized_keys"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"handled","message":"Invalid input: expected boolean, received undefined","code":"invalid_type"},{"path":"","message":"Unrecognized key: \\"nonsense\\"","code":"unrecognized_keys"}]}",
        "422 {"error":"invalid_request","message":"The request has errors; see issues","issues":[{"path":"attended","message":"Invalid input: expected boolean, received undefined","code":"invalid_type"},{"path":"","message":"Unrecognized key: \\"nonsense\\"","code":"unrecognized_keys"}]}",
        "404 {"error":"idea_not_found","message":"There is no idea with this id"}",
        "404 {"error":"response_not_found","message":"There is no poll response with this id"}",
        "404 {"error":"idea_not_found","message":"There is no idea with this id"}",
        "404 {"error":"signup_not_found","message":"There is no sign-up with this id"}",
      ]
    `);
  });
});
