/**
 * Retention: personal data is removed once a site's retention period for it has passed. Periods
 * are whole months per kind of data and widget (`DEFAULT_RETENTION`, overridden per site in
 * `settings.retention`). Each rule below enforces one key; a widget that stores personal data adds
 * its rule here and a store method that clears it.
 *
 * The purge keeps no state in memory: it asks the database what is due and clears it with
 * idempotent statements, so several instances may purge at once, and a missed day is caught up.
 */
import { DEFAULT_RETENTION, type RetentionSettings } from '../../schema/index.js';
import type { Site, Store } from '../store/types.js';

export interface RetentionRule {
  key: keyof RetentionSettings;
  /** The audit action, and how the CLI names what was removed. */
  action: string;
  what: string;
  run(store: Store, site: string, before: string, dryRun: boolean): Promise<number>;
}

export const RETENTION_RULES: readonly RetentionRule[] = [
  {
    key: 'ideaContactMonths',
    action: 'purge.idea-contact',
    what: 'ideas: name, contact and consent removed (text kept)',
    run: (store, site, before, dryRun) => store.ideas.purgeContacts(site, before, { dryRun }),
  },
  {
    key: 'intakeMonths',
    action: 'purge.intake',
    what: 'welcome intakes: deleted whole',
    run: (store, site, before, dryRun) => store.intakes.purge(site, before, { dryRun }),
  },
  {
    key: 'pollTextMonths',
    action: 'purge.poll-text',
    what: 'poll responses: comment and story removed (answers kept)',
    run: (store, site, before, dryRun) => store.polls.purgeTexts(site, before, { dryRun }),
  },
  {
    key: 'signupContactMonths',
    action: 'purge.signup-contact',
    what: 'volunteer shift sign-ups: first name and contact removed after the shift (hours kept)',
    run: async (store, site, before, dryRun) => {
      // Shifts that ended before the cut-off and still hold a name or contact.
      const due = (await store.volunteer.list(site, { from: '1970-01-01T00:00:00.000Z', to: before })).filter(
        (s) => s.endAt < before && (s.firstName !== '' || s.contact !== ''),
      );
      if (!dryRun && due.length > 0) {
        await store.volunteer.erase(site, { signups: due.map((s) => s.id), applications: [] }, { includeContent: false });
      }
      return due.length;
    },
  },
  {
    key: 'volunteerApplicationMonths',
    action: 'purge.volunteer-application',
    what: 'general volunteer sign-ups: deleted whole',
    run: async (store, site, before, dryRun) => {
      const due = (await store.volunteer.listApplications(site)).filter((a) => a.receivedAt < before);
      if (!dryRun && due.length > 0) {
        await store.volunteer.erase(site, { signups: [], applications: due.map((a) => a.id) }, { includeContent: true });
      }
      return due.length;
    },
  },
];

/** A site's periods: its own settings over the defaults. */
export function retentionOf(site: Site): RetentionSettings {
  return { ...DEFAULT_RETENTION, ...site.settings.retention };
}

/**
 * `months` calendar months before `now`, in UTC. A day that does not exist in the target month
 * rolls over (31 March − 1 month = 3 March), keeping data a few days longer, never shorter.
 */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
}

export interface PurgeLine {
  site: string;
  action: string;
  what: string;
  months: number;
  /** Data received before this instant was due. */
  before: string;
  count: number;
}

export interface PurgeOptions {
  now: Date;
  /** Only this site; every site when absent. */
  site?: string;
  dryRun?: boolean;
  /** Audit actor: `cli`, or `purge` for the schedule inside `serve`. */
  actor: string;
}

/** Runs every rule for every (or one) site; writes one audit row per rule and site, also for 0. */
export async function purge(store: Store, options: PurgeOptions): Promise<PurgeLine[]> {
  const sites = options.site ? [await store.access.getSite(options.site)] : await store.access.listSites();
  const lines: PurgeLine[] = [];
  for (const site of sites) {
    if (!site) throw new Error(`There is no site "${options.site}"`);
    const periods = retentionOf(site);
    for (const rule of RETENTION_RULES) {
      const months = periods[rule.key];
      const before = monthsBefore(options.now, months).toISOString();
      const count = await rule.run(store, site.slug, before, options.dryRun ?? false);
      if (!options.dryRun) {
        await store.audit.append({
          at: options.now.toISOString(),
          site: site.slug,
          actor: options.actor,
          action: rule.action,
          target: `before ${before}`,
          rowCount: count,
        });
      }
      lines.push({ site: site.slug, action: rule.action, what: rule.what, months, before, count });
    }
  }
  // Purged data must be gone from the file too, not only from query results.
  if (!options.dryRun && lines.some((l) => l.count > 0)) await store.overwriteFreedSpace();
  return lines;
}

export const PURGE_INTERVAL_MS = 24 * 3600 * 1000;

export interface PurgeSchedule {
  /** The run in progress, if any (tests await it). */
  current(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Purges now and then every `intervalMs`, on an unref'd timer so it never keeps a process alive.
 * A failed run is reported and retried at the next tick; runs never overlap within a process.
 */
export function schedulePurge(
  store: Store,
  options: {
    clock: () => number;
    intervalMs?: number;
    onResult?: (lines: PurgeLine[]) => void;
    onError?: (error: unknown) => void;
  },
): PurgeSchedule {
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    running = purge(store, { now: new Date(options.clock()), actor: 'purge' })
      .then(options.onResult, options.onError)
      .finally(() => {
        busy = false;
      });
  };
  tick();
  const timer = setInterval(tick, options.intervalMs ?? PURGE_INTERVAL_MS);
  timer.unref();
  return {
    current: () => running,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
