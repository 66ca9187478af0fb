/** Registers the coordinator page's elements (guarded: a second copy does not throw). */
import { AdminAgenda } from './agenda.js';
import { AdminActivityFigures } from './activity-figures.js';
import { AdminApp } from './admin-app.js';
import { AdminCalendar } from './calendar.js';
import { AdminCalendarForm } from './calendar-form.js';
import { AdminExport } from './export.js';
import { AdminExports } from './exports.js';
import { AdminEntryDetail } from './entry-detail.js';
import { AdminHandled } from './handled.js';
import { AdminIdeaDetail } from './idea-detail.js';
import { AdminIntakeFlow } from './intake-flow.js';
import { AdminInbox } from './inbox.js';
import { AdminModeration } from './moderation.js';
import { AdminPollForm } from './poll-form.js';
import { AdminPolls } from './polls.js';
import { AdminPrivacy } from './privacy.js';
import { AdminRetention } from './retention.js';
import { AdminResults } from './results.js';
import { AdminVolunteers } from './volunteers.js';
import { AdminSignIn } from './sign-in.js';

export function defineAdminElements(): void {
  AdminSignIn.define('bk-admin-sign-in');
  AdminInbox.define('bk-admin-inbox');
  AdminIdeaDetail.define('bk-admin-idea-detail');
  AdminHandled.define('bk-admin-handled');
  AdminEntryDetail.define('bk-admin-entry-detail');
  AdminModeration.define('bk-admin-moderation');
  AdminAgenda.define('bk-admin-agenda');
  AdminExport.define('bk-admin-export');
  AdminActivityFigures.define('bk-admin-activity-figures');
  AdminCalendarForm.define('bk-admin-calendar-form');
  AdminCalendar.define('bk-admin-calendar');
  AdminExports.define('bk-admin-exports');
  AdminResults.define('bk-admin-results');
  AdminRetention.define('bk-admin-retention');
  AdminPrivacy.define('bk-admin-privacy');
  AdminPollForm.define('bk-admin-poll-form');
  AdminPolls.define('bk-admin-polls');
  AdminIntakeFlow.define('bk-admin-intake-flow');
  AdminVolunteers.define('bk-admin-volunteers');
  AdminApp.define('bk-admin-app');
}
