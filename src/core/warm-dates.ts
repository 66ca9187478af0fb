/**
 * The page's first date formatter costs 100-150 ms on a slow phone: the browser sets up its locale
 * data and then checks, locale by locale, which ones it has data for (once per page). Made apart
 * from the widgets' tasks, in steps of a task each, it is part of no widget's render. Each step is
 * one native call that cannot be split; the order makes each do a part of the work and leave the
 * rest to the next (measured in Chromium at 4x CPU on a host of BenchmarkIndex ~2,700: the
 * likely-subtags data 40 ms, the calendars' locale check 34, the segmenter's 8, the date formats'
 * 14, a formatter in the site's zone 12; the date formats' check alone took 87-96 ms, or 48 after
 * the first step). A step the browser does not have is skipped.
 *
 * The steps run at idle, while the widgets read their data from the collector; a widget whose data
 * came first hurries the rest (`withDates`). The calendar of a zone outside the EU's summer-time
 * rule needs a formatter for today's date in its first render (see `src/calendar/zone-rule.ts`):
 * then the CDN loader hurries them before the calendar's define module, ahead of the loader's tasks
 * where the browser has `scheduler.yield`. No Lit and no zone data: the CDN loader starts this as
 * soon as it finds a dated widget's tag.
 */
import { nextTask } from './next-task.js';

/** Resolves in an idle period (a task of its own where the browser has no `requestIdleCallback`). */
export const idle = (): Promise<unknown> =>
  new Promise((resolve) => (globalThis.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 1)))(resolve));

const lang = () => globalThis.document?.documentElement.lang || undefined;

const steps = (timeZone: string) => [
  () => new Intl.Locale(lang() ?? 'und').maximize(),
  () => Intl.supportedValuesOf('calendar'),
  () => Intl.Segmenter.supportedLocalesOf([]),
  () => Intl.DateTimeFormat.supportedLocalesOf([]),
  () => new Intl.DateTimeFormat(lang(), { timeZone, hour: 'numeric' }).format(0),
];

/**
 * Calls that set something up, each in a task of its own: in idle periods, or, once a render waits
 * for them (`now`), at once, ahead of other queued work where the browser has `scheduler.yield`.
 * They begin after `after`. A step that throws (an unknown page language or zone, a browser
 * without it) is skipped: the widget will choose its own.
 */
export class Steps {
  private urgent = false;
  private hurried: () => void = () => undefined;
  /** Resolves when hurried: a step waiting for idle time goes at once. */
  private readonly hurry = new Promise<void>((resolve) => (this.hurried = resolve));
  /** Resolves when every step has run. */
  readonly done: Promise<void>;

  constructor(steps: readonly (() => unknown)[], after: Promise<unknown> = Promise.resolve()) {
    this.done = after.then(async () => {
      for (const step of steps) {
        await (this.urgent ? nextTask() : Promise.race([idle(), this.hurry]));
        try {
          step();
        } catch {
          /* skipped */
        }
      }
    });
  }

  /** Runs the steps left at once; resolves when all have run. */
  now(): Promise<void> {
    this.urgent = true;
    this.hurried();
    return this.done;
  }
}

let dates: Steps | undefined;

/**
 * Sets up the page's date formatting in steps, once per page (`timeZone`: the site's, for the last
 * step); resolves when done. `now`: a render waits for it, so the steps left run at once. Begun
 * after the page's tags have all been found: a calendar later on the page may hurry it.
 */
export function warmDates(timeZone = 'Europe/Amsterdam', now = false): Promise<void> {
  dates ??= new Steps(steps(timeZone));
  return now ? dates.now() : dates.done;
}

/**
 * `read`'s value once the page's date formatting is set up: a widget whose read brings dates to
 * show waits for the steps left (hurried) rather than make them in its render, in one long task.
 */
export async function withDates<T>(read: T | Promise<T>): Promise<T> {
  const value = await read;
  await warmDates(undefined, true);
  return value;
}
