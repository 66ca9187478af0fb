/**
 * For widgets that keep the outbox out of their first download (the calendar: its "ik kom" is in
 * the lazy detail): what an earlier page of the site stored must still be sent from any later page,
 * in any tab. When this device has an outbox database, load and start the page's outbox now (it
 * sends what waits); a device that never stored anything loads nothing. Once per page.
 */
import { outboxDbExists } from './outbox-db.js';

let checked = false;

export function sendLeftovers(): void {
  if (checked) return;
  checked = true;
  // Where the browser cannot tell, it is started.
  outboxDbExists()
    .then((waiting) => waiting && import('./outbox.js').then((m) => void m.sharedOutbox()))
    // Offline before the outbox came: the next widget connected, or the detail's "ik kom", starts it.
    .catch(() => (checked = false));
}
