/**
 * What a site's activities brought about in a period ("output"): sessions held, planned and
 * cancelled, and "ik kom" participants. The collector computes it; the coordinator page shows it.
 */
export interface ActivityOutput {
  site: string;
  /** Inclusive dates, `YYYY-MM-DD`, in the site's zone. */
  from: string;
  to: string;
  /** Different activities with at least one session held. */
  activitiesHeld: number;
  sessionsHeld: number;
  /** Not cancelled, but still to come when the figures were made. */
  sessionsPlanned: number;
  sessionsCancelled: number;
  /** "Ik kom" places at sessions held. */
  participants: number;
  /** "Ik kom" answers at sessions held. */
  responses: number;
  perActivity: {
    activityId: string;
    title: string;
    category: string | null;
    sessionsHeld: number;
    sessionsCancelled: number;
    participants: number;
  }[];
}
