/**
 * The recurrence engine and the readers of recurrence rules (`schedule.ts`), as a chunk of their
 * own. Only inline JSON, ICS feeds and the `items` property need them: the collector sends its
 * occurrences already expanded. Loaded once per page; a failed load (offline) may be tried again.
 */
export type Engine = typeof import('./schedule.js');

let engine: Engine | undefined;
let loading: Promise<Engine> | undefined;

/** The engine, when it has loaded. */
export const loadedEngine = (): Engine | undefined => engine;

/** Loads the engine (once); rejects when the chunk cannot be fetched. */
export function loadEngine(): Promise<Engine> {
  return (loading ??= import('./schedule.js').then(
    (m) => (engine = m),
    (e: unknown) => {
      loading = undefined;
      throw e;
    },
  ));
}
