/** The export's pause: one turn of the event loop, two while other requests are in flight so that their steps go first. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Pacer, RequestsInFlight } from '../../src/collector/export/pace.js';
import { startTestCollector, type TestCollector } from './helpers.js';

/** The order in which a pause and callbacks queued for this turn, the next and the one after run. */
async function orderAround(pacer: Pacer): Promise<string[]> {
  const order: string[] = [];
  setImmediate(() => order.push('this turn'));
  setImmediate(() => setImmediate(() => order.push('next turn')));
  setImmediate(() => setImmediate(() => setImmediate(() => order.push('turn after next'))));
  await pacer.pause().then(() => order.push('pause'));
  return order;
}

describe('Pacer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    ['without a request count', undefined],
    ['with no request in flight', new RequestsInFlight()],
  ])('pauses for exactly one turn of the event loop %s', async (_, requests) => {
    expect(await orderAround(new Pacer(requests))).toEqual(['this turn', 'pause']);
  });

  it('pauses for two turns while other requests are in flight, so that what they queued runs before the next slice', async () => {
    const requests = new RequestsInFlight();
    requests.start();
    expect(await orderAround(new Pacer(requests))).toEqual(['this turn', 'next turn', 'pause']);
    // A step a request queues after the export's pause began (as an insert batch does) runs first.
    const order: string[] = [];
    const paused = new Pacer(requests).pause().then(() => order.push('pause'));
    setImmediate(() => order.push('request step'));
    await paused;
    expect(order).toEqual(['request step', 'pause']);
    requests.end();
    expect(await orderAround(new Pacer(requests))).toEqual(['this turn', 'pause']);
  });

  it('counts requests in flight down to zero, never below', () => {
    const requests = new RequestsInFlight();
    requests.start();
    requests.start();
    requests.end();
    expect(requests.size).toBe(1);
    requests.end();
    requests.end();
    expect(requests.size).toBe(0);
  });

  it('is due only after a slice of work, checked every few rows', () => {
    vi.useFakeTimers();
    const pacer = new Pacer(new RequestsInFlight());
    const dueAt: number[] = [];
    for (let row = 1; row <= 256; row++) {
      if (row === 100) vi.advanceTimersByTime(10);
      if (pacer.due()) dueAt.push(row);
    }
    expect(dueAt[0]).toBeGreaterThanOrEqual(100);
    expect(dueAt[0]! % 32).toBe(0);
  });
});

describe('requests in flight, as the app counts them', () => {
  let c: TestCollector | undefined;
  afterEach(() => c?.close());

  /** Records how many requests were counted in, to tell "counted and done" from "never counted". */
  class Watched extends RequestsInFlight {
    started = 0;
    override start(): void {
      this.started++;
      super.start();
    }
  }

  it('counts other requests until they are answered, and downloads not at all', async () => {
    const requests = new Watched();
    c = await startTestCollector({ requestsInFlight: requests });
    const token = await c.token(['export']);
    expect((await fetch(`${c.url}/healthz`)).status).toBe(200);
    expect(requests.started).toBe(1);
    await vi.waitFor(() => expect(requests.size).toBe(0));
    const download = await fetch(`${c.url}/v1/admin/sites/${c.site}/export/ideas.csv`, { headers: { authorization: `Bearer ${token}` } });
    expect(download.status).toBe(200);
    await download.text();
    expect(requests.started).toBe(1);
    expect(requests.size).toBe(0);
  });
});
