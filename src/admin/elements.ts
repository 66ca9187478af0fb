/** Registers the coordinator page's elements (guarded: a second copy does not throw). */
import { AdminAgenda } from './agenda.js';
import { AdminActivityFigures } from './activity-figures.js';
import { AdminApp } from './admin-app.js';
import { AdminCalendar } from './calendar.js';
import { AdminCalendarForm } from './calendar-form.js';
import { AdminExport } from './export.js';
import { AdminExports } from './exports.js';
import { AdminIdeaDetail } from './idea-detail.js';
import { AdminIdeaMerge } from './idea-merge.js';
import { AdminIdeaTags } from './idea-tags.js';
import { AdminInbox } from './inbox.js';
import { AdminModeration } from './moderation.js';
import { AdminPrivacy } from './privacy.js';
import { AdminResults } from './results.js';
import { AdminVolunteers } from './volunteers.js';
import { AdminSignIn } from './sign-in.js';
import { AdminTagOverview } from './tag-overview.js';

export function defineAdminElements(): void {
  AdminSignIn.define('bk-admin-sign-in');
  AdminInbox.define('bk-admin-inbox');
  AdminIdeaDetail.define('bk-admin-idea-detail');
  AdminModeration.define('bk-admin-moderation');
  AdminIdeaTags.define('bk-admin-idea-tags');
  AdminIdeaMerge.define('bk-admin-idea-merge');
  AdminTagOverview.define('bk-admin-tag-overview');
  AdminAgenda.define('bk-admin-agenda');
  AdminExport.define('bk-admin-export');
  AdminActivityFigures.define('bk-admin-activity-figures');
  AdminCalendarForm.define('bk-admin-calendar-form');
  AdminCalendar.define('bk-admin-calendar');
  AdminExports.define('bk-admin-exports');
  AdminResults.define('bk-admin-results');
  AdminPrivacy.define('bk-admin-privacy');
  AdminVolunteers.define('bk-admin-volunteers');
  AdminApp.define('bk-admin-app');
}
