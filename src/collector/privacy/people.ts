/**
 * Subject access and erasure for one person, found by e-mail address or phone number across every
 * widget that stores contact details. Each widget adds a `PersonSource` (the idea box, and the
 * volunteer sign-ups and general sign-ups); the receipt counts per source, so a later widget adds
 * a key, not a new shape.
 *
 * The audit log never holds the contact itself: only a keyed hash of its normalised form (HMAC
 * with the operator's audit key, kept outside the database; without one, a per-database secret),
 * enough to show that the same person asked twice, useless to anyone who reads the log without
 * that key.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { uuidv7, type AdminIdea } from '../../schema/index.js';
import type { Store, SubmissionRecord, ShiftSignupRecord } from '../store/types.js';
import { unseal, type IntakeKey } from '../intake-crypto.js';
import { normaliseContact, sameContact, type NormalisedContact } from './contact.js';
import { eraseFromWebhookQueue } from './webhook-queue.js';

interface PersonSource<K extends string, T> {
  key: K;
  find(store: Store, site: string, contact: NormalisedContact): Promise<T[]>;
  erase(store: Store, site: string, found: T[], includeContent: boolean): Promise<number>;
  /** What an erasure removes from each matched record, as `source.field` (`source.*`: all of it). */
  removedFields(includeContent: boolean): string[];
}

const ideas: PersonSource<'ideas', AdminIdea> = {
  key: 'ideas',
  async find(store, site, contact) {
    const ids = (await store.ideas.listContacts(site)).filter((r) => sameContact(r.contact, contact)).map((r) => r.id);
    const found = await Promise.all(ids.map((id) => store.ideas.get(site, id)));
    return found.filter((i): i is AdminIdea => i !== null);
  },
  erase: (store, site, found, includeContent) =>
    store.ideas.erase(
      site,
      found.map((i) => i.id),
      { includeContent },
    ),
  // The idea text is not personal data unless it names the person; it stays unless asked.
  removedFields: (includeContent) =>
    includeContent ? ['ideas.*'] : ['ideas.name', 'ideas.contact', 'ideas.consentVersion', 'ideas.consentGivenAt', 'ideas.consentHash'],
};

/** Shift sign-ups: without `includeContent` the shift stays counted (hours), nameless. */
const volunteerSignups: PersonSource<'volunteerSignups', ShiftSignupRecord> = {
  key: 'volunteerSignups',
  async find(store, site, contact) {
    const ids = new Set(
      (await store.volunteer.listContacts(site)).filter((r) => r.kind === 'signup' && sameContact(r.contact, contact)).map((r) => r.id),
    );
    if (!ids.size) return [];
    const all = await store.volunteer.list(site, { from: '0001-01-01T00:00:00.000Z', to: '9999-12-31T00:00:00.000Z' });
    return all.filter((s) => ids.has(s.id));
  },
  erase: (store, site, found, includeContent) =>
    store.volunteer.erase(site, { signups: found.map((s) => s.id), applications: [] }, { includeContent }),
  removedFields: (includeContent) => (includeContent ? ['volunteerSignups.*'] : ['volunteerSignups.firstName', 'volunteerSignups.contact']),
};

/** "Ik wil vrijwilliger worden": all of it is about the person, so it always goes whole. */
const volunteerApplications: PersonSource<'volunteerApplications', SubmissionRecord> = {
  key: 'volunteerApplications',
  async find(store, site, contact) {
    const ids = new Set(
      (await store.volunteer.listContacts(site))
        .filter((r) => r.kind === 'application' && sameContact(r.contact, contact))
        .map((r) => r.id),
    );
    return ids.size ? (await store.volunteer.listApplications(site)).filter((a) => ids.has(a.id)) : [];
  },
  erase: (store, site, found, includeContent) =>
    store.volunteer.erase(site, { signups: [], applications: found.map((a) => a.id) }, { includeContent }),
  removedFields: () => ['volunteerApplications.*'],
};

/** What subject access shows of an intake: the record, never its answers (those need `sensitive`). */
export interface IntakeMatch {
  id: string;
  createdAt: string;
  flowId: string;
  flowVersion: number;
  visibility: string;
}

/**
 * Welcome intakes keep contact details sealed, so they are found by opening each of the site's
 * intakes with the site's keys (in memory, never stored open) and comparing the contact answers.
 * Without keys the intakes cannot be searched (and none are stored without keys). Always erased whole.
 */
function intakeSource(keys: readonly IntakeKey[] | undefined): PersonSource<'intakes', IntakeMatch> {
  return {
    key: 'intakes',
    async find(store, site, contact) {
      if (!keys?.length) return [];
      const found: IntakeMatch[] = [];
      for await (const intake of store.intakes.export(site, { receivedUpTo: '9999-12-31T00:00:00.000Z' })) {
        if (!intake.sealed) continue;
        let answers: unknown;
        try {
          answers = unseal(keys, site, intake.id, intake.sealed);
        } catch {
          continue; // a key no longer configured: this intake cannot be read by anyone
        }
        const details = Object.values((answers ?? {}) as Record<string, unknown>)
          .map((a) => (typeof a === 'object' && a !== null && 'detail' in a ? (a as { detail?: unknown }).detail : undefined))
          .filter((d): d is string => typeof d === 'string');
        if (details.some((d) => sameContact(d, contact))) {
          const { id, createdAt, flowId, flowVersion, visibility } = intake;
          found.push({ id, createdAt, flowId, flowVersion, visibility });
        }
      }
      return found;
    },
    async erase(store, site, found) {
      let n = 0;
      for (const i of found) if (await store.intakes.delete(site, i.id)) n++;
      return n;
    },
    removedFields: () => ['intakes.*'],
  };
}

const SOURCES = [ideas, volunteerSignups, volunteerApplications, intakeSource(undefined)] as const;
type SourceKey = (typeof SOURCES)[number]['key'];

export interface PersonOptions {
  actor: string;
  now: Date;
  /** The site's intake keys, so sealed intakes can be searched; without them intakes are not. */
  intakeKeys?: readonly IntakeKey[] | undefined;
  /**
   * The key for the audit log's contact hashes, kept outside the database (config `auditKey`,
   * env `BUURTKIT_AUDIT_KEY`), so a copy of the database alone cannot test guesses against the
   * log. Without it, a key in the database's secrets table (weaker: it travels with the data).
   */
  auditKey?: string | undefined;
}

export class ContactError extends Error {}

export interface PersonData {
  site: string;
  contact: { kind: NormalisedContact['kind'] };
  matched: Record<SourceKey, number>;
  ideas: AdminIdea[];
  volunteerSignups: ShiftSignupRecord[];
  volunteerApplications: SubmissionRecord[];
  intakes: IntakeMatch[];
}

export interface ErasureReceipt {
  receiptId: string;
  erasedAt: string;
  site: string;
  matched: Record<SourceKey, number>;
  removedFields: string[];
}

function parseContact(input: string): NormalisedContact {
  const contact = normaliseContact(input);
  if (!contact) throw new ContactError('Give an e-mail address or a phone number');
  return contact;
}

/** Keyed hash of the normalised contact, for audit rows. */
async function contactHash(store: Store, contact: NormalisedContact, auditKey: string | undefined): Promise<string> {
  const secret = auditKey ?? (await store.secret('people-audit-key', randomBytes(32).toString('hex')));
  return createHmac('sha256', secret).update(`${contact.kind}:${contact.key}`).digest('hex').slice(0, 32);
}

/** Everything stored about the person on this site (subject access); audited. */
export async function findPerson(store: Store, site: string, input: string, options: PersonOptions): Promise<PersonData> {
  const contact = parseContact(input);
  const found = {
    ideas: await ideas.find(store, site, contact),
    volunteerSignups: await volunteerSignups.find(store, site, contact),
    volunteerApplications: await volunteerApplications.find(store, site, contact),
    intakes: await intakeSource(options.intakeKeys).find(store, site, contact),
  };
  const matched = Object.fromEntries(SOURCES.map((s) => [s.key, found[s.key].length])) as Record<SourceKey, number>;
  await store.audit.append({
    at: options.now.toISOString(),
    site,
    actor: options.actor,
    action: 'people.show',
    target: `contact ${await contactHash(store, contact, options.auditKey)}`,
    rowCount: Object.values<number>(matched).reduce((sum, n) => sum + n, 0),
  });
  return { site, contact: { kind: contact.kind }, matched, ...found };
}

/** Removes the person's personal data (or whole records) everywhere; audited with a receipt id. */
export async function erasePerson(
  store: Store,
  site: string,
  input: string,
  options: PersonOptions & { includeContent: boolean },
): Promise<ErasureReceipt> {
  const contact = parseContact(input);
  const receiptId = uuidv7(options.now.getTime());
  const matched = {} as Record<SourceKey, number>;
  const removedFields: string[] = [];
  // Each source's records go back to that source only; the list is typed loosely to loop over it.
  const sources = [ideas, volunteerSignups, volunteerApplications, intakeSource(options.intakeKeys)];
  for (const source of sources as readonly PersonSource<SourceKey, unknown>[]) {
    const found = await source.find(store, site, contact);
    matched[source.key] = found.length ? await source.erase(store, site, found, options.includeContent) : 0;
    if (matched[source.key] > 0) removedFields.push(...source.removedFields(options.includeContent));
  }
  // After the records: a delivery queued in between still holds the contact and is found here.
  if ((await eraseFromWebhookQueue(store, site, contact, options.includeContent)) > 0) {
    removedFields.push(options.includeContent ? 'webhookDeliveries.*' : 'webhookDeliveries.payload');
  }
  const total = Object.values<number>(matched).reduce((sum, n) => sum + n, 0);
  await store.audit.append({
    at: options.now.toISOString(),
    site,
    actor: options.actor,
    action: options.includeContent ? 'people.erase-records' : 'people.erase',
    target: `receipt ${receiptId} contact ${await contactHash(store, contact, options.auditKey)}`,
    rowCount: total,
  });
  // Last, so the checkpoint that empties the WAL comes after every write of the erasure.
  await store.overwriteFreedSpace();
  return { receiptId, erasedAt: options.now.toISOString(), site, matched, removedFields };
}
