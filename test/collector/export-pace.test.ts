/** The export's pause: one turn of the event loop when nothing else is in flight, else until the other requests are answered (capped). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_WAIT_MS, Pacer, RequestsInFlight } from '../../src/collector/export/pace.js';

/** Whether `promise` has settled, without waiting for it. */
function watch(promise: Promise<unknown>): { readonly settled: boolean } {
  const state = { settled: false };
  void promise.then(() => (state.settled = true));
  return state;
}

describe('Pacer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    ['without a request count', undefined],
    ['with no request in flight', new RequestsInFlight()],
  ])('pauses for exactly one turn of the event loop %s', async (_, requests) => {
    const pacer = new Pacer(requests);
    const order: string[] = [];
    setImmediate(() => order.push('this turn'));
    setImmediate(() => setImmediate(() => order.push('next turn')));
    await pacer.pause().then(() => order.push('pause'));
    expect(order).toEqual(['this turn', 'pause']);
  });

  it('waits while other requests are in flight and goes on as the last one is answered', async () => {
    vi.useFakeTimers();
    const requests = new RequestsInFlight();
    requests.start();
    requests.start();
    const pause = watch(new Pacer(requests).pause());
    await vi.advanceTimersByTimeAsync(MAX_WAIT_MS - 1);
    expect(pause.settled).toBe(false);
    requests.end();
    await vi.advanceTimersByTimeAsync(0);
    expect(pause.settled).toBe(false);
    requests.end();
    await vi.advanceTimersByTimeAsync(0);
    expect(pause.settled).toBe(true);
    expect(requests.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0); // the cap's timer is cleared
  });

  it('waits at most MAX_WAIT_MS, so a steady stream of requests cannot stop an export', async () => {
    vi.useFakeTimers();
    const requests = new RequestsInFlight();
    requests.start();
    const pause = watch(new Pacer(requests).pause());
    await vi.advanceTimersByTimeAsync(MAX_WAIT_MS - 1);
    expect(pause.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(pause.settled).toBe(true);
    expect(requests.size).toBe(1);
    // A later end wakes no one twice and leaves the count at zero.
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
