/**
 * The name of the outbox's IndexedDB database and a check for it, on their own so a widget can
 * check whether this device ever stored something to send without loading the outbox itself.
 */
export const DB_NAME = 'buurtkit';

/**
 * Whether a database of this name is on this device, asked without opening it (opening creates
 * it). True where the browser cannot tell (no `indexedDB.databases()`, a privacy mode).
 */
export const outboxDbExists = (name = DB_NAME): Promise<boolean> =>
  Promise.resolve()
    .then(() => indexedDB.databases())
    .then(
      (dbs) => dbs.some((d) => d.name === name),
      () => true,
    );
