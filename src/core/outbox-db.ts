/**
 * The name of the outbox's IndexedDB database, on its own so a widget can check whether this
 * device ever stored something to send without loading the outbox itself.
 */
export const DB_NAME = 'buurtkit';
