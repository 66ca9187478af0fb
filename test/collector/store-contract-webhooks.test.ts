/** The webhook part of the Store contract (store.webhooks), against SQLite and, with DATABASE_URL, PostgreSQL. */
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/schema/index.js';
import { at, contractBackends, idea, submission, useContractStore } from './store-contract.js';

for (const [name, makeStore] of contractBackends()) {
  describe(`Store contract, webhooks: ${name}`, () => {
    const fx = useContractStore(makeStore);

    const target = (site = 'linde', url = 'https://hooks.example/linde') => ({ site, url, secret: 's'.repeat(32), createdAt: at(0) });
    const delivery = (site = 'linde', createdAt = at(0)) => ({
      id: uuidv7(Date.parse(createdAt)),
      site,
      event: 'submission.created',
      payload: { name: 'Anna', text: 'Een breicafé' },
      createdAt,
    });

    it('sets, replaces, reads and removes a site’s webhook; removing drops its pending deliveries', async () => {
      expect(await fx.store.webhooks.get('linde')).toBeNull();
      await fx.store.webhooks.set(target());
      await fx.store.webhooks.set(target('linde', 'https://hooks.example/nieuw'));
      expect(await fx.store.webhooks.get('linde')).toEqual(target('linde', 'https://hooks.example/nieuw'));
      expect(await fx.store.webhooks.get('eik')).toBeNull();
      await fx.store.webhooks.enqueue(delivery());
      expect(await fx.store.webhooks.remove('linde')).toBe(true);
      expect(await fx.store.webhooks.remove('linde')).toBe(false);
      expect(await fx.store.webhooks.get('linde')).toBeNull();
      expect(await fx.store.webhooks.listDeliveries('linde', 10)).toEqual([]);
    });

    it('queues only for a site with a webhook, and lists deliveries newest first without payloads', async () => {
      await fx.store.webhooks.enqueue(delivery('eik'));
      expect(await fx.store.webhooks.listDeliveries('eik', 10)).toEqual([]);
      await fx.store.webhooks.set(target());
      const first = delivery('linde', at(0));
      const second = delivery('linde', at(1000));
      await fx.store.webhooks.enqueue(first);
      await fx.store.webhooks.enqueue(second);
      const listed = await fx.store.webhooks.listDeliveries('linde', 10);
      expect(listed.map((d) => d.id)).toEqual([second.id, first.id]);
      expect(listed[1]).toEqual({
        id: first.id,
        site: 'linde',
        event: 'submission.created',
        status: 'pending',
        attempts: 0,
        nextAttemptAt: at(0),
        lastError: null,
        createdAt: at(0),
        finishedAt: null,
      });
      expect(await fx.store.webhooks.listDeliveries('linde', 1)).toHaveLength(1);
    });

    it('queues a submission’s delivery with its envelope, only when the envelope is new', async () => {
      await fx.store.webhooks.set(target());
      const s = submission('linde', { webhook: { deliveryId: uuidv7(), event: 'idea.created', payload: { text: 'Een breicafé' } } });
      const newIdea = { ...idea() };
      expect(await fx.store.ideas.insert(s, newIdea)).toBe('created');
      expect(await fx.store.ideas.insert({ ...s, webhook: { ...s.webhook!, deliveryId: uuidv7() } }, newIdea)).toBe('duplicate');
      const listed = await fx.store.webhooks.listDeliveries('linde', 10);
      expect(listed.map((d) => [d.id, d.event])).toEqual([[s.webhook!.deliveryId, 'idea.created']]);
      expect(await fx.store.webhooks.listPendingPayloads('linde')).toEqual([
        { id: s.webhook!.deliveryId, payload: { text: 'Een breicafé' } },
      ]);
    });

    it('leases each due delivery to one claimer until the lease ends, with what is needed to send it', async () => {
      await fx.store.webhooks.set(target());
      const d = delivery();
      await fx.store.webhooks.enqueue(d);
      await fx.store.webhooks.enqueue(delivery('linde', at(60_000))); // not due yet
      const second = await fx.open();
      const claims = await Promise.all([
        fx.store.webhooks.claimDeliveries(at(1000), at(31_000), 10),
        second.webhooks.claimDeliveries(at(1000), at(31_000), 10),
      ]);
      expect(claims.flat()).toEqual([
        {
          id: d.id,
          site: 'linde',
          event: d.event,
          payload: d.payload,
          attempts: 0,
          createdAt: at(0),
          url: target().url,
          secret: target().secret,
        },
      ]);
      expect(await fx.store.webhooks.claimDeliveries(at(2000), at(32_000), 10)).toEqual([]);
      expect((await fx.store.webhooks.claimDeliveries(at(31_000), at(61_000), 1)).map((c) => c.id)).toEqual([d.id]);
    });

    it('records a retry and keeps the payload; a final result ends the lease and drops the payload', async () => {
      await fx.store.webhooks.set(target());
      const d = delivery();
      await fx.store.webhooks.enqueue(d);
      await fx.store.webhooks.claimDeliveries(at(0), at(30_000), 10);
      await fx.store.webhooks.finishDelivery(d.id, {
        status: 'pending',
        attempts: 1,
        nextAttemptAt: at(5000),
        lastError: 'HTTP 500',
        finishedAt: null,
      });
      expect(await fx.store.webhooks.claimDeliveries(at(4000), at(34_000), 10)).toEqual([]);
      const retried = await fx.store.webhooks.claimDeliveries(at(5000), at(35_000), 10);
      expect(retried.map((c) => [c.id, c.attempts, c.payload])).toEqual([[d.id, 1, d.payload]]);
      await fx.store.webhooks.finishDelivery(d.id, {
        status: 'delivered',
        attempts: 2,
        nextAttemptAt: null,
        lastError: null,
        finishedAt: at(6000),
      });
      expect(await fx.store.webhooks.listPendingPayloads('linde')).toEqual([]);
      expect(await fx.store.webhooks.claimDeliveries(at(99_000), at(129_000), 10)).toEqual([]);
      const [listed] = await fx.store.webhooks.listDeliveries('linde', 10);
      expect(listed).toMatchObject({ status: 'delivered', attempts: 2, nextAttemptAt: null, lastError: null, finishedAt: at(6000) });
    });

    it('redacts pending payloads of the site: replaced, or dropped with null; others stay', async () => {
      await fx.store.webhooks.set(target());
      await fx.store.webhooks.set(target('eik', 'https://hooks.example/eik'));
      const [keep, change, drop] = [delivery(), delivery(), delivery()];
      const other = delivery('eik');
      for (const d of [keep, change, drop, other]) await fx.store.webhooks.enqueue(d);
      const changes = [
        { id: change.id, payload: { text: 'Een breicafé' } },
        { id: drop.id, payload: null },
        { id: other.id, payload: null }, // another site's: untouched
      ];
      expect(await fx.store.webhooks.redactDeliveries('linde', changes)).toBe(2);
      expect(await fx.store.webhooks.listPendingPayloads('linde')).toEqual(
        [
          { id: keep.id, payload: keep.payload },
          { id: change.id, payload: { text: 'Een breicafé' } },
        ].sort((a, b) => (a.id < b.id ? -1 : 1)),
      );
      expect(await fx.store.webhooks.listPendingPayloads('eik')).toEqual([{ id: other.id, payload: other.payload }]);
    });
  });
}
