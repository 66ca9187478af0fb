/** Registers `<buurtkit-config>` (guarded: a second copy of the bundle does nothing). */
import { BuurtkitConfigElement } from '../core/buurtkit-config.js';

BuurtkitConfigElement.define('buurtkit-config');

declare global {
  interface HTMLElementTagNameMap {
    'buurtkit-config': BuurtkitConfigElement;
  }
}
