/**
 * The recurrence engine as a chunk of its own. Only inline JSON, ICS feeds and the `items`
 * property need it: the collector sends its occurrences already expanded. Loaded once per page;
 * a failed load (offline) may be tried again.
 */
export type Engine = typeof import('../../calendar/recurrence.js');

let engine: Engine | undefined;
let loading: Promise<Engine> | undefined;

/** The engine, when it has loaded. */
export const loadedEngine = (): Engine | undefined => engine;

/** Loads the engine (once); rejects when the chunk cannot be fetched. */
export function loadEngine(): Promise<Engine> {
  return (loading ??= import('../../calendar/recurrence.js').then(
    (m) => (engine = m),
    (e: unknown) => {
      loading = undefined;
      throw e;
    },
  ));
}
