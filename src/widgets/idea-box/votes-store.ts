/**
 * Which published ideas this browser has upvoted, per site: one localStorage key per site
 * (`buurtkit:votes:{site}`) holding a JSON list of idea ids. Falls back to memory where storage
 * is blocked. The collector dedupes by vote id regardless; this only stops a second click.
 */
const memory = new Map<string, Set<string>>();
const key = (site: string) => `buurtkit:votes:${site}`;

export function readVotes(site: string): Set<string> {
  try {
    const raw = localStorage.getItem(key(site));
    const list: unknown = raw ? JSON.parse(raw) : [];
    if (Array.isArray(list)) return new Set(list.filter((x): x is string => typeof x === 'string'));
  } catch {
    /* blocked or corrupt storage */
  }
  return new Set(memory.get(site));
}

export function rememberVote(site: string, ideaId: string, voted: boolean): void {
  const votes = readVotes(site);
  if (voted) votes.add(ideaId);
  else votes.delete(ideaId);
  memory.set(site, votes);
  try {
    localStorage.setItem(key(site), JSON.stringify([...votes]));
  } catch {
    /* memory keeps it for this page */
  }
}
