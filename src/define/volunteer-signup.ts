/** Registers `<volunteer-signup>` (guarded: a second copy of the bundle does nothing). */
import { VolunteerSignup } from '../widgets/volunteer-signup/volunteer-signup.js';

VolunteerSignup.define('volunteer-signup');

declare global {
  interface HTMLElementTagNameMap {
    'volunteer-signup': VolunteerSignup;
  }
}
