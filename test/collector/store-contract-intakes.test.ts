/** The welcome intakes part of the Store contract, against SQLite and, with DATABASE_URL, PostgreSQL. */
import { describe, expect, it } from 'vitest';
import type { NewIntake } from '../../src/collector/store/types.js';
import { at, CONSENT_HASH, submission, contractBackends, useContractStore } from './store-contract.js';

for (const [name, makeStore] of contractBackends()) {
  describe(`Store contract, welcome intakes: ${name}`, () => {
    const fx = useContractStore(makeStore);

    describe('intakes', () => {
      const intake = (overrides: Partial<NewIntake> = {}): NewIntake => ({
        flowId: 'welkom',
        flowVersion: 1,
        visibility: 'host',
        forSomeoneElse: true,
        assisted: false,
        answers: { reden: ['praatje', 'activiteiten'] },
        sealed: 'v1.k1.aaaa.bbbb.cccc',
        consentVersion: 'intake:welkom:1',
        consentGivenAt: at(-100),
        consentHash: CONSENT_HASH,
        ...overrides,
      });
      const intakeSubmission = (site = 'linde', receivedAt = at(0)) =>
        submission(site, { widget: 'welcome-intake', kind: 'intake', receivedAt, data: { kind: 'intake' } });

      it('stores an intake with its envelope once; a retry is a duplicate, another site a conflict', async () => {
        const s = intakeSubmission();
        expect(await fx.store.intakes.insert(s, intake())).toBe('created');
        expect(await fx.store.intakes.insert(s, intake())).toBe('duplicate');
        expect(await fx.store.intakes.insert({ ...s, site: 'eik' }, intake())).toBe('conflict');
        expect(await fx.store.intakes.get('linde', s.id)).toEqual({
          id: s.id,
          site: 'linde',
          locale: 'nl',
          createdAt: at(0),
          handledAt: null,
          handledBy: null,
          ...intake(),
        });
        expect(await fx.store.intakes.get('eik', s.id)).toBeNull();
        const plain = intakeSubmission('linde', at(5));
        const minimal = intake({
          visibility: 'professional',
          forSomeoneElse: false,
          assisted: true,
          answers: {},
          sealed: null,
          consentVersion: null,
          consentGivenAt: null,
          consentHash: null,
        });
        expect(await fx.store.intakes.insert(plain, minimal)).toBe('created');
        expect(await fx.store.intakes.get('linde', plain.id)).toEqual({
          id: plain.id,
          site: 'linde',
          locale: 'nl',
          createdAt: at(5),
          handledAt: null,
          handledBy: null,
          ...minimal,
        });
      });

      it('lists newest first, counts and exports oldest first up to an instant', async () => {
        const ids: string[] = [];
        for (let n = 0; n < 4; n++) {
          const s = intakeSubmission('linde', at(n * 1000));
          ids.push(s.id);
          await fx.store.intakes.insert(s, intake());
        }
        await fx.store.intakes.insert(intakeSubmission('eik'), intake());
        expect((await fx.store.intakes.list('linde', { limit: 2, offset: 1 })).map((i) => i.id)).toEqual([ids[2], ids[1]]);
        expect(await fx.store.intakes.count('linde', { receivedUpTo: at(2000) })).toBe(3);
        const exported: string[] = [];
        for await (const i of fx.store.intakes.export('linde', { receivedUpTo: at(2000) })) exported.push(i.id);
        expect(exported).toEqual(ids.slice(0, 3));
      });

      it('saves flows as growing versions per site, from a minimum, and reads them back', async () => {
        const flow = { id: 'welkom', steps: [{ id: 'a', title: 'A', questions: [{ id: 'q', type: 'long-text', label: 'Q' }] }] };
        const first = await fx.store.intakes.saveFlow('linde', flow, { actor: 'bk_abcdefgh', now: at(1), minVersion: 2 });
        expect(first).toEqual({ site: 'linde', version: 2, flow: { ...flow, version: 2 }, actor: 'bk_abcdefgh', createdAt: at(1) });
        const second = await fx.store.intakes.saveFlow('linde', { ...flow, id: 'anders' }, { actor: 'cli', now: at(2), minVersion: 2 });
        expect(second.version).toBe(3);
        expect((await fx.store.intakes.saveFlow('eik', flow, { actor: 'cli', now: at(3), minVersion: 2 })).version).toBe(2);
        expect(await fx.store.intakes.getFlow('linde')).toEqual(second);
        expect(await fx.store.intakes.getFlow('linde', 2)).toEqual(first);
        expect(await fx.store.intakes.getFlow('linde', 9)).toBeNull();
        expect(await fx.store.intakes.getFlow('nergens')).toBeNull();
        expect((await fx.store.intakes.listFlows('linde')).map((f) => f.version)).toEqual([2, 3]);
      });

      it('purges intakes received before an instant, whole, per site; a dry run changes nothing', async () => {
        const old = intakeSubmission('linde', at(0));
        const recent = intakeSubmission('linde', at(5000));
        const elsewhere = intakeSubmission('eik', at(0));
        for (const s of [old, recent, elsewhere]) await fx.store.intakes.insert(s, intake());
        expect(await fx.store.intakes.purge('linde', at(1000), { dryRun: true })).toBe(1);
        expect(await fx.store.intakes.get('linde', old.id)).not.toBeNull();
        expect(await fx.store.intakes.purge('linde', at(1000), { dryRun: false })).toBe(1);
        expect(await fx.store.intakes.purge('linde', at(1000), { dryRun: false })).toBe(0);
        expect(await fx.store.intakes.get('linde', old.id)).toBeNull();
        expect(await fx.store.intakes.insert(old, intake())).toBe('created'); // the envelope went too
        expect(await fx.store.intakes.get('linde', recent.id)).not.toBeNull();
        expect(await fx.store.intakes.get('eik', elsewhere.id)).not.toBeNull();
      });

      it('deletes one intake of the site, whole', async () => {
        const s = intakeSubmission();
        await fx.store.intakes.insert(s, intake());
        expect(await fx.store.intakes.delete('eik', s.id)).toBe(false);
        expect(await fx.store.intakes.delete('linde', s.id)).toBe(true);
        expect(await fx.store.intakes.delete('linde', s.id)).toBe(false);
        expect(await fx.store.intakes.get('linde', s.id)).toBeNull();
        const idea = submission('linde');
        await fx.store.ideas.insert(idea, {
          text: 'x',
          category: null,
          role: null,
          wantsToHelp: false,
          name: null,
          contact: null,
          consentVersion: null,
          consentGivenAt: null,
          consentHash: null,
        });
        expect(await fx.store.intakes.delete('linde', idea.id)).toBe(false); // only intakes
      });

      it('gives concurrent saves distinct versions', async () => {
        const flow = { id: 'welkom', steps: [] };
        const saved = await Promise.all(
          Array.from({ length: 5 }, (_, n) => fx.store.intakes.saveFlow('linde', flow, { actor: 'cli', now: at(n), minVersion: 2 })),
        );
        expect(saved.map((f) => f.version).sort()).toEqual([2, 3, 4, 5, 6]);
      });
    });
  });
}
