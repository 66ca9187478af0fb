/** Finding a site's polls (stored, or the built-in defaults) and computing their results. */
import { DEFAULT_POLLS, aggregatePollByType, type PollDefinition, type PollResultsByType } from '../../schema/index.js';
import type { PollResponseRecord, Site, Store } from '../store/types.js';
import type { Period } from './period.js';

export interface SitePoll {
  poll: PollDefinition;
  /** A built-in default the site has not replaced. */
  builtIn: boolean;
  createdAt: string | null;
  updatedAt: string | null;
}

/** `{naam}` is the site's name unless the poll names its subject. */
const withSubject = (poll: PollDefinition, site: Site): PollDefinition => ({ ...poll, subject: poll.subject ?? site.name });

export async function listSitePolls(store: Store, site: Site): Promise<SitePoll[]> {
  const stored = await store.polls.listDefinitions(site.slug);
  const ids = new Set(stored.map((r) => r.poll.id));
  return [
    ...stored.map((r) => ({ poll: withSubject(r.poll, site), builtIn: false, createdAt: r.createdAt, updatedAt: r.updatedAt })),
    ...DEFAULT_POLLS.filter((p) => !ids.has(p.id)).map((p) => ({
      poll: withSubject(p, site),
      builtIn: true,
      createdAt: null,
      updatedAt: null,
    })),
  ];
}

export async function findSitePoll(store: Store, site: Site, id: string): Promise<PollDefinition | null> {
  const stored = await store.polls.getDefinition(site.slug, id);
  if (stored) return withSubject(stored.poll, site);
  const builtIn = DEFAULT_POLLS.find((p) => p.id === id);
  return builtIn ? withSubject(builtIn, site) : null;
}

export function responsesIn(store: Store, site: Site, pollId: string | undefined, period: Period | null): Promise<PollResponseRecord[]> {
  return store.polls.listResponses(site.slug, {
    ...(pollId !== undefined && { pollId }),
    ...(period && { receivedFrom: period.start, receivedBefore: period.before }),
  });
}

export interface PollResultsAnswer {
  poll: PollDefinition;
  period: { from: string; to: string } | null;
  results: PollResultsByType;
}

export async function pollResults(
  store: Store,
  site: Site,
  poll: PollDefinition,
  period: Period | null,
  split: boolean,
): Promise<PollResultsAnswer> {
  const responses = await responsesIn(store, site, poll.id, period);
  return {
    poll,
    period: period && { from: period.from, to: period.to },
    results: aggregatePollByType(poll, responses, split),
  };
}
