/** Registers every buurtkit element. The provider first, so widgets find their config at once. */
import './buurtkit-config.js';
import './idea-box.js';
import './activity-calendar.js';
import './feedback-poll.js';
import './welcome-intake.js';
import './volunteer-signup.js';
import './host-today.js';
