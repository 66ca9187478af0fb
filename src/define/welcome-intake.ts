/** Registers `<welcome-intake>` (guarded: a second copy of the bundle does nothing). */
import { WelcomeIntake } from '../widgets/welcome-intake/welcome-intake.js';

WelcomeIntake.define('welcome-intake');

declare global {
  interface HTMLElementTagNameMap {
    'welcome-intake': WelcomeIntake;
  }
}
