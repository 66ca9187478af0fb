/** Registers `<host-today>` (guarded: a second copy of the bundle does nothing). */
import { HostToday } from '../widgets/host-today/host-today.js';

HostToday.define('host-today');

declare global {
  interface HTMLElementTagNameMap {
    'host-today': HostToday;
  }
}
