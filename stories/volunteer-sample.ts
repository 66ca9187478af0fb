/** A small volunteer catalogue for the coordinator page's stories: a host role and a bar role, two shifts. */
import type { AdminVolunteerItem, VolunteerCatalogue } from '../src/admin/shared/api.js';
import type { VolunteerRole, VolunteerShift } from '../src/schema/volunteer.js';

const stamp = '2026-11-01T09:00:00.000Z';
const item = <T>(id: string, kind: 'role' | 'shift', data: T): AdminVolunteerItem<T> => ({
  id,
  site: 'de-linde',
  kind,
  data,
  createdAt: stamp,
  updatedAt: stamp,
});
const role = (data: Partial<VolunteerRole> & { name: string }): VolunteerRole => ({
  whatYouDo: undefined,
  notAsked: undefined,
  timePerWeek: undefined,
  training: undefined,
  contactPerson: undefined,
  host: false,
  position: 0,
  ...data,
});

export const sampleCatalogue = (): VolunteerCatalogue => ({
  roles: [
    item(
      'r1',
      'role',
      role({
        name: 'Gastvrouw of gastheer',
        host: true,
        whatYouDo: 'Je heet bezoekers welkom en zet koffie.',
        notAsked: 'Geen hulpverlening: dat doen de professionals.',
        timePerWeek: 'Eén ochtend per week',
        training: 'Een middag uitleg over de huiskamer.',
        contactPerson: 'Fatima (coördinator)',
      }),
    ),
    item('r2', 'role', role({ name: 'Bardienst', position: 1 })),
  ],
  shifts: [
    item<VolunteerShift>('s1', 'shift', {
      roleId: 'r1',
      title: undefined,
      start: '2026-11-23T09:45',
      end: '2026-11-23T12:15',
      capacity: 1,
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', exdates: [], rdates: [], pauses: [] },
    }),
    item<VolunteerShift>('s2', 'shift', {
      roleId: 'r2',
      title: 'Bar bij de kerstmarkt',
      start: '2026-12-19T13:00',
      end: '2026-12-19T17:00',
      capacity: 3,
    }),
  ],
});
