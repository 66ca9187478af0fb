import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isPublicAddress } from '../../src/collector/webhooks/address.js';
import { dispatchDue, RETRY_DELAYS_MS, signatureHeader } from '../../src/collector/webhooks/dispatcher.js';
import { BlockedTargetError, postJson as send } from '../../src/collector/webhooks/send.js';
import { BACKENDS, ideaEnvelope, ORIGIN, postJson, startTestCollector, tablesContaining, type TestCollector } from './helpers.js';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real HTTP receiver on loopback; `answer` decides each response. */
async function receiver(answer: (req: IncomingMessage, res: ServerResponse) => void = (_q, res) => res.end('ok')) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  servers.push(server);
  return { received, port, url: `http://127.0.0.1:${port}/hook` };
}

const servers: Server[] = [];
let c: TestCollector | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

describe('webhook target addresses (SSRF)', () => {
  it('allows only public unicast addresses', () => {
    for (const blocked of [
      '127.0.0.1',
      '127.255.0.9',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.10',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      'fd00::1',
      'fe80::1',
      'ff02::1',
      '64:ff9b::a00:1',
      'localhost',
      'not an address',
    ]) {
      expect(isPublicAddress(blocked), blocked).toBe(false);
    }
    for (const allowed of ['8.8.8.8', '145.97.39.155', '2a00:1450:400e:80c::200e', '::ffff:8.8.8.8']) {
      expect(isPublicAddress(allowed), allowed).toBe(true);
    }
  });

  it('refuses loopback, private and link-local targets before any byte is sent', async () => {
    const r = await receiver();
    for (const target of [
      r.url,
      `http://localhost:${r.port}/hook`,
      `http://[::1]:${r.port}/hook`,
      `http://[::ffff:127.0.0.1]:${r.port}/hook`,
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/hook',
    ]) {
      await expect(send(target, '{}', {}), target).rejects.toBeInstanceOf(BlockedTargetError);
    }
    for (const target of ['ftp://example.org/hook', `http://user:pw@127.0.0.1:${r.port}/`, 'not a url']) {
      await expect(send(target, '{}', {}), target).rejects.toBeInstanceOf(BlockedTargetError);
    }
    expect(r.received).toHaveLength(0);
  });

  it('does not follow redirects, and caps the answer in time and size', async () => {
    const redirect = await receiver((_q, res) => res.writeHead(302, { location: 'http://169.254.169.254/' }).end());
    expect((await send(redirect.url, '{}', {}, { allowPrivateNetworks: true })).status).toBe(302);

    const huge = await receiver((_q, res) => {
      res.write(Buffer.alloc(256 * 1024, 'a'));
      // never ends: the sender must stop reading at the cap, not wait
    });
    const answer = await send(huge.url, '{}', {}, { allowPrivateNetworks: true, maxResponseBytes: 1000 });
    expect(answer.status).toBe(200);
    expect(answer.body).toHaveLength(1000);

    const silent = await receiver(() => {
      /* never answers */
    });
    await expect(send(silent.url, '{}', {}, { allowPrivateNetworks: true, timeoutMs: 300 })).rejects.toThrow(/300 ms/);
  });
});

describe.each(BACKENDS)('webhooks on %s', (backend) => {
  const submit = (body = ideaEnvelope()) => postJson(`${c!.url}/v1/sites/${c!.site}/submissions`, body, { origin: ORIGIN });

  it('forwards each new submission once, signed, and keeps no payload after delivery', async () => {
    c = await startTestCollector({ backend });
    const r = await receiver();
    const secret = 'whsec_test-secret';
    await c.store.webhooks.set({ site: c.site, url: r.url, secret, createdAt: new Date().toISOString() });

    const envelope = ideaEnvelope({}, { text: 'Een repaircafé in de zomer' });
    expect((await submit(envelope)).status).toBe(201);
    expect((await submit(envelope)).status).toBe(200); // a retry of the same id: no second delivery
    expect((await submit(ideaEnvelope({ trap: { honeypot: 'bot', elapsedMs: 10 } }))).status).toBe(201);

    const outcomes = await dispatchDue(c.store, { allowPrivateNetworks: true });
    expect(outcomes.map((o) => o.status)).toEqual(['delivered']);
    expect(r.received).toHaveLength(1);
    const { headers, body } = r.received[0]!;
    const [, t, mac] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(headers['buurtkit-signature']))!;
    expect(mac).toBe(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'));
    expect(headers['buurtkit-event']).toBe('submission.created');
    const json = JSON.parse(body) as {
      event: string;
      site: string;
      deliveryId: string;
      data: { id: string; widget: string; data: { text: string } };
    };
    expect(json).toMatchObject({ event: 'submission.created', site: c.site, deliveryId: headers['buurtkit-delivery'] });
    expect(json.data).toMatchObject({ id: envelope.id, widget: 'idea-box', data: { text: 'Een repaircafé in de zomer' } });

    expect(await dispatchDue(c.store, { allowPrivateNetworks: true })).toEqual([]); // nothing due any more
    const [delivery] = await c.store.webhooks.listDeliveries(c.site, 10);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, lastError: null });
    expect(await tablesContaining(c.store, 'repaircafé')).not.toContain('webhook_deliveries');
  });

  it('queues nothing for a site without a webhook', async () => {
    c = await startTestCollector({ backend });
    expect((await submit()).status).toBe(201);
    expect(await c.store.webhooks.listDeliveries(c.site, 10)).toEqual([]);
  });

  it('retries a failing receiver with back-off, then gives up; a refused target is not retried', async () => {
    let now = Date.parse('2026-11-22T10:00:00Z');
    const clock = () => now;
    c = await startTestCollector({ backend, clock });
    let status = 500;
    const r = await receiver((_q, res) => res.writeHead(status).end());
    await c.store.webhooks.set({ site: c.site, url: r.url, secret: 's', createdAt: new Date(now).toISOString() });
    expect((await submit(ideaEnvelope({ sentAt: new Date(now).toISOString() }))).status).toBe(201);

    const run = () => dispatchDue(c!.store, { allowPrivateNetworks: true, clock });
    expect((await run())[0]).toMatchObject({ status: 'pending', error: 'HTTP 500' });
    expect(await run()).toEqual([]); // not due before the first delay
    for (let attempt = 1; attempt < RETRY_DELAYS_MS.length; attempt++) {
      now += RETRY_DELAYS_MS[attempt - 1]! * 1.11;
      expect((await run())[0]?.status, `attempt ${attempt + 1}`).toBe('pending');
    }
    now += RETRY_DELAYS_MS.at(-1)! * 1.11;
    expect((await run())[0]).toMatchObject({ status: 'failed', error: 'HTTP 500' });
    expect(r.received).toHaveLength(RETRY_DELAYS_MS.length + 1);

    // Without the operator's opt-in, the same loopback target is refused once, for good.
    status = 200;
    expect((await submit(ideaEnvelope({ sentAt: new Date(now).toISOString() }))).status).toBe(201);
    const refused = await dispatchDue(c.store, { clock });
    expect(refused[0]).toMatchObject({ status: 'failed' });
    expect(refused[0]!.error).toMatch(/private or reserved/);
    expect(r.received).toHaveLength(RETRY_DELAYS_MS.length + 1);
  });

  it('two instances dispatching at once send each delivery once', async () => {
    c = await startTestCollector({ backend });
    const r = await receiver();
    await c.store.webhooks.set({ site: c.site, url: r.url, secret: 's', createdAt: new Date().toISOString() });
    for (let i = 0; i < 12; i++) expect((await submit()).status).toBe(201);
    const other = await c.another();
    try {
      const [a, b] = await Promise.all([
        dispatchDue(c.store, { allowPrivateNetworks: true }),
        dispatchDue(other.store, { allowPrivateNetworks: true }),
      ]);
      expect(a.length + b.length).toBe(12);
    } finally {
      await other.app.close();
    }
    const ids = r.received.map((x) => x.headers['buurtkit-delivery']);
    expect(new Set(ids).size).toBe(12);
    expect(ids).toHaveLength(12);
  });

  it('signature header is the HMAC of "t.body"', () => {
    expect(signatureHeader('k', 1700000000, '{"a":1}')).toBe(
      `t=1700000000,v1=${createHmac('sha256', 'k').update('1700000000.{"a":1}').digest('hex')}`,
    );
  });
});
