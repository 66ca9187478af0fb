/** A background task run every `intervalMs` inside `serve`: never two runs at once, stopped cleanly. */

export interface Repeating {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

export function repeat(intervalMs: number, task: () => Promise<unknown>, onError?: (error: Error) => void): Repeating {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  let stopped = false;
  const timer = setInterval(() => {
    if (stopped || busy) return;
    busy = true;
    running = task()
      .catch((error: Error) => onError?.(error))
      .finally(() => (busy = false));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
