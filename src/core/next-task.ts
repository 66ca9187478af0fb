/**
 * Resolves in a later task, so the browser can paint and answer input in between; ahead of other
 * queued work where it has `scheduler.yield`.
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve));
}
