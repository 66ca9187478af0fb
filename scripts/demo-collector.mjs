// The demo centre's collector: a real collector on a SQLite file, with the fictional walk-in centre
// "Buurthuiskamer De Linde" and sample ideas in several statuses. Used by `npm start`, Storybook
// and the end-to-end tests. Needs the Node build (`npm run build:node`).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createApp, issueToken, SqliteStore } from '../dist/collector/index.js';
import { occurrenceOn } from '../dist/volunteer/shifts.js';
import { activitySchema, openingHoursSchema, uuidv7, volunteerRoleSchema, volunteerShiftSchema } from '../dist/schema/index.js';
import { seedPolls } from './demo-polls.mjs';

export const DEMO_SITE = 'de-linde';

/** Sample ideas, drawn from the research, with what the centre did. */
const SAMPLE_IDEAS = [
  {
    text: 'Een wandelgroep, één keer per week een rondje door de buurt. Ook voor mensen die niet zo snel lopen.',
    category: 'activiteit',
    role: 'bezoeker',
    wantsToHelp: true,
    daysAgo: 40,
    moderation: {
      published: true,
      status: 'gedaan',
      publicAnswer: 'De wandelgroep loopt elke donderdag om 10.30 uur vanaf De Linde. Loop gerust mee!',
    },
    handled: true,
  },
  {
    text: 'Een internetcursus voor ouderen: hoe werkt internetbankieren en hoe maak ik een videogesprek?',
    category: 'activiteit',
    role: 'naaste',
    wantsToHelp: false,
    daysAgo: 30,
    tags: ['digitaal'],
    moderation: { published: true, status: 'gepland', publicAnswer: 'Vanaf januari elke dinsdagochtend, samen met de bibliotheek.' },
  },
  {
    text: 'Bijeenkomsten voor naasten organiseren, zodat familie ook weet wat hier gebeurt.',
    category: 'samen-organiseren',
    role: 'naaste',
    wantsToHelp: true,
    daysAgo: 21,
    moderation: { published: true, status: 'wordt-besproken', publicAnswer: 'We praten hierover in het huiskamergesprek van deze maand.' },
  },
  {
    text: 'Iets met muziek maken. Er staat een piano in de hoek waar niemand op speelt.',
    category: 'activiteit',
    role: 'buurtbewoner',
    wantsToHelp: false,
    daysAgo: 12,
    moderation: { published: true, status: 'ontvangen' },
  },
  {
    text: 'Een grote moestuin op het dak van het gebouw.',
    category: 'de-ruimte',
    role: 'bezoeker',
    wantsToHelp: false,
    daysAgo: 9,
    moderation: {
      published: true,
      status: 'niet-mogelijk',
      statusReason: 'Het dak is niet sterk genoeg. We kijken samen naar bakken in de tuin.',
    },
  },
  {
    text: 'Huiswerkbegeleiding voor kinderen uit de buurt, nu dat bij de gemeente is gestopt.',
    category: 'samen-organiseren',
    role: 'vrijwilliger',
    wantsToHelp: true,
    daysAgo: 3,
    name: 'Fatima',
    contact: 'fatima@example.org',
    moderation: null,
  },
  {
    text: 'Een koffieochtend voor moeders uit de buurt.',
    category: 'activiteit',
    role: undefined,
    wantsToHelp: false,
    daysAgo: 1,
    moderation: null,
    tags: ['koffie', 'ouders'],
  },
  {
    text: 'Kunnen moeders hier samen koffie drinken als de kinderen op school zijn?',
    category: 'activiteit',
    role: 'buurtbewoner',
    wantsToHelp: true,
    daysAgo: 1,
    moderation: null,
    duplicateOf: 6,
  },
];

async function seedIdeas(store, now) {
  const ids = [];
  for (const sample of SAMPLE_IDEAS) {
    const at = new Date(now - sample.daysAgo * 86_400_000);
    const id = uuidv7(at.getTime());
    const consent = sample.contact ? { textVersion: 'idea-contact-2026-11', givenAt: at.toISOString() } : null;
    await store.ideas.insert(
      {
        id,
        site: DEMO_SITE,
        widget: 'idea-box',
        kind: 'idea',
        locale: 'nl',
        schemaVersion: 1,
        sentAt: at.toISOString(),
        receivedAt: at.toISOString(),
        consent,
        data: { kind: 'idea', text: sample.text, category: sample.category, role: sample.role, wantsToHelp: sample.wantsToHelp },
        elapsedMs: 60_000,
      },
      {
        text: sample.text,
        category: sample.category ?? null,
        role: sample.role ?? null,
        wantsToHelp: sample.wantsToHelp,
        name: sample.name ?? null,
        contact: sample.contact ?? null,
        consentVersion: consent?.textVersion ?? null,
        consentGivenAt: consent?.givenAt ?? null,
      },
    );
    if (sample.moderation) await store.ideas.moderate(DEMO_SITE, id, sample.moderation, at.toISOString());
    // Coordinators' tags and a merged duplicate, so those parts of the admin page show something.
    if (sample.tags) await store.ideas.changeTags(DEMO_SITE, id, { add: sample.tags, remove: [] }, at.toISOString());
    if (sample.duplicateOf !== undefined) await store.ideas.merge(DEMO_SITE, ids[sample.duplicateOf], [id], at.toISOString());
    // One idea a coordinator has dealt with: the inbox's "afgehandeld" filter has something to show.
    if (sample.handled)
      await store.setHandled(DEMO_SITE, 'idea', id, { at: new Date(at.getTime() + 7 * 86_400_000).toISOString(), by: 'demo' });
    ids.push(id);
  }
}

/**
 * The programme of the demo page, read from its inline JSON so it is written once. Each item keeps
 * its own id (as imported items do); the row gets a UUIDv7 for the admin API.
 */
export function demoProgramme() {
  const html = readFileSync(new URL('../demo/index.html', import.meta.url), 'utf8');
  const json = /<activity-calendar>\s*<script type="application\/json">([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (!json) throw new Error('demo/index.html: no inline JSON in <activity-calendar>');
  const items = [];
  for (const item of JSON.parse(json)) {
    const parsed = (item.kind === 'opening-hours' ? openingHoursSchema : activitySchema).safeParse(item);
    if (parsed.success) items.push(parsed.data);
    else {
      const why = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      console.warn(`demo: "${item.id}" from demo/index.html is not seeded into the collector (${why})`);
    }
  }
  return items;
}

async function seedActivities(store, now) {
  // One millisecond apart, so the admin list keeps the page's order.
  for (const [i, data] of demoProgramme().entries()) {
    await store.activities.create({ id: uuidv7(now + i), site: DEMO_SITE, data }, new Date(now + i).toISOString());
  }
}

/**
 * Volunteer roles of the demo centre, with what we do not ask of you, and shifts: the host of the day
 * Monday to Friday 9.45–12.15, bar and coffee, the thrift shop on Tuesdays with three people, and
 * Halloween as a one-off event.
 */
const DEMO_ROLES = [
  {
    key: 'host',
    name: { nl: 'Gastvrouw of gastheer van de dag', en: 'Host of the day', ar: 'مضيف أو مضيفة اليوم' },
    host: true,
    whatYouDo: {
      nl: 'Je heet mensen welkom, zet koffie en weet wie er vandaag is. Zo hebben de hulpverleners meer tijd voor gesprekken.',
      en: 'You welcome people, make coffee and know who is here today. That gives the care workers more time for conversations.',
      ar: 'ترحّب بالناس وتُعدّ القهوة وتعرف من الموجود اليوم. هكذا يجد العاملون في المساعدة وقتًا أطول للأحاديث.',
    },
    notAsked: {
      nl: 'Je hoeft geen hulpverlener te zijn en geen problemen op te lossen.',
      en: 'You do not need to be a care worker, and you do not have to solve problems.',
      ar: 'لا تحتاج إلى أن تكون عاملًا في المساعدة، ولا أن تحلّ المشكلات.',
    },
    timePerWeek: { nl: 'Een ochtend per week', en: 'One morning a week', ar: 'صباح واحد في الأسبوع' },
    training: { nl: 'Gespreksvaardigheden', en: 'Conversation skills', ar: 'مهارات الحوار' },
    contactPerson: { nl: 'Natasja (coördinator)', en: 'Natasja (coordinator)', ar: 'ناتاشا (المنسّقة)' },
  },
  {
    key: 'bar',
    name: { nl: 'Bardienst', en: 'Bar shift', ar: 'خدمة البار' },
    whatYouDo: {
      nl: 'Koffie en thee schenken, afrekenen, een praatje maken.',
      en: 'Pouring coffee and tea, taking payment, having a chat.',
      ar: 'تقديم القهوة والشاي، وأخذ الحساب، والدردشة مع الناس.',
    },
    notAsked: { nl: 'Je hoeft niet alleen te staan.', en: 'You never have to be there on your own.', ar: 'لن تكون وحدك أبدًا.' },
    timePerWeek: { nl: 'Een middag per week of minder', en: 'One afternoon a week or less', ar: 'بعد ظهر واحد في الأسبوع أو أقل' },
  },
  {
    key: 'koffie',
    name: { nl: 'Koffie schenken', en: 'Serving coffee', ar: 'تقديم القهوة' },
    whatYouDo: {
      nl: 'Koffie en thee klaarzetten bij de inloop.',
      en: 'Getting coffee and tea ready for the drop-in.',
      ar: 'تجهيز القهوة والشاي للاستقبال المفتوح.',
    },
    timePerWeek: { nl: '2 uur', en: '2 hours', ar: 'ساعتان' },
  },
  {
    key: 'schoonmaak',
    name: { nl: 'Schoonmaak', en: 'Cleaning', ar: 'التنظيف' },
    whatYouDo: {
      nl: 'Keukenvloer, hal en wc’s schoonmaken.',
      en: 'Cleaning the kitchen floor, the hall and the toilets.',
      ar: 'تنظيف أرضية المطبخ والممر ودورات المياه.',
    },
    timePerWeek: { nl: '1 tot 3 keer per week', en: '1 to 3 times a week', ar: 'من مرة إلى 3 مرات في الأسبوع' },
  },
  {
    key: 'kringloop',
    name: { nl: 'Kringloopwinkel', en: 'Second-hand shop', ar: 'متجر الأغراض المستعملة' },
    whatYouDo: {
      nl: 'Spullen sorteren, prijzen en afrekenen.',
      en: 'Sorting and pricing things, and taking payment.',
      ar: 'فرز الأغراض وتسعيرها وأخذ الحساب.',
    },
    timePerWeek: { nl: 'Dinsdag', en: 'Tuesday', ar: 'الثلاثاء' },
  },
  {
    key: 'luisteren',
    name: { nl: 'Luisterend oor tijdens de inloop', en: 'A listening ear at the drop-in', ar: 'أذن صاغية في الاستقبال المفتوح' },
    whatYouDo: {
      nl: 'Er zijn voor wie een praatje wil.',
      en: 'Being there for whoever wants a chat.',
      ar: 'أن تكون موجودًا لمن يريد أن يتحدث.',
    },
    notAsked: {
      nl: 'Geen hulpverlening: bij zorgen haal je de professional erbij.',
      en: 'No care work: if you are worried, you bring in the professional.',
      ar: 'لا رعاية ولا مساعدة مهنية: إذا قلقت على أحد، تستدعي المختص.',
    },
    training: {
      nl: 'Gespreksvaardigheden, sociale kaart',
      en: 'Conversation skills, knowing where to find help',
      ar: 'مهارات الحوار، ومعرفة أين تجد المساعدة',
    },
  },
  {
    key: 'vraagbaak',
    name: { nl: 'Vraagbaak op de koffieochtend', en: 'Help desk at the coffee morning', ar: 'مرجع للأسئلة في صباح القهوة' },
    whatYouDo: {
      nl: 'Vragen beantwoorden of weten wie het weet.',
      en: 'Answering questions, or knowing who knows.',
      ar: 'الإجابة عن الأسئلة، أو معرفة من يعرف الجواب.',
    },
    training: { nl: 'Sociale kaart', en: 'Knowing where to find help', ar: 'معرفة أين تجد المساعدة' },
  },
  {
    key: 'chauffeur',
    name: { nl: 'Chauffeur', en: 'Driver', ar: 'سائق' },
    whatYouDo: {
      nl: 'Mensen ophalen en thuisbrengen.',
      en: 'Picking people up and taking them home.',
      ar: 'إحضار الناس وإعادتهم إلى بيوتهم.',
    },
  },
  {
    key: 'belcirkel',
    name: { nl: 'Belcirkel', en: 'Phone circle', ar: 'دائرة الاتصال الهاتفي' },
    whatYouDo: {
      nl: 'Mensen ’s ochtends en ’s avonds even bellen.',
      en: 'Giving people a quick call in the morning and in the evening.',
      ar: 'الاتصال بالناس قليلًا في الصباح وفي المساء.',
    },
  },
  {
    key: 'wandelmaatje',
    name: { nl: 'Wandelmaatje', en: 'Walking buddy', ar: 'رفيق المشي' },
    whatYouDo: { nl: 'Wekelijks samen een rondje lopen.', en: 'Going for a walk together every week.', ar: 'المشي معًا كل أسبوع.' },
  },
  {
    key: 'kok',
    name: { nl: 'Kok bij het eetcafé', en: 'Cook at the eatery', ar: 'طبّاخ في المطعم الصغير' },
    whatYouDo: { nl: 'Samen koken voor wie mee-eet.', en: 'Cooking together for whoever eats with us.', ar: 'الطبخ معًا لمن يأكل معنا.' },
  },
  {
    key: 'tuin',
    name: { nl: 'Tuin & dieren', en: 'Garden & animals', ar: 'الحديقة والحيوانات' },
    whatYouDo: {
      nl: 'Met groene vingers de tuin onderhouden en de dieren verzorgen.',
      en: 'Looking after the garden and caring for the animals.',
      ar: 'الاعتناء بالحديقة ورعاية الحيوانات.',
    },
  },
  {
    key: 'activiteit',
    name: { nl: 'Activiteit organiseren', en: 'Organising an activity', ar: 'تنظيم نشاط' },
    whatYouDo: {
      nl: 'Zelf iets organiseren, zoals een ervaringsmiddag.',
      en: 'Organising something yourself, such as an afternoon of sharing experiences.',
      ar: 'أن تنظّم شيئًا بنفسك، مثل بعد ظهر لتبادل التجارب.',
    },
    training: { nl: 'Groepsvorming', en: 'Working with groups', ar: 'العمل مع المجموعات' },
  },
  {
    key: 'halloween',
    name: { nl: 'Hulp bij Halloween', en: 'Help at Halloween', ar: 'المساعدة في الهالوين' },
    whatYouDo: {
      nl: 'Eén avond meehelpen met het grote Halloweenfeest.',
      en: 'Helping out for one evening at the big Halloween party.',
      ar: 'المساعدة لمساء واحد في حفلة الهالوين الكبيرة.',
    },
    timePerWeek: { nl: 'Eenmalig', en: 'Once', ar: 'مرة واحدة' },
  },
];

const localDate = (ms) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(ms);

async function seedVolunteers(store, now) {
  const ids = {};
  for (const [position, { key, ...role }] of DEMO_ROLES.entries()) {
    const id = uuidv7(now + position);
    ids[key] = id;
    await store.volunteer.createItem(
      { id, site: DEMO_SITE, kind: 'role', data: volunteerRoleSchema.parse({ ...role, position }) },
      new Date(now).toISOString(),
    );
  }
  const monday = localDate(now - ((new Date(now).getUTCDay() + 6) % 7) * 86_400_000);
  const year = localDate(now).slice(0, 4);
  const shifts = [
    {
      roleId: ids.host,
      start: `${monday}T09:45`,
      end: `${monday}T12:15`,
      capacity: 1,
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
    },
    { roleId: ids.bar, start: `${monday}T13:30`, end: `${monday}T17:00`, capacity: 2, recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR' } },
    { roleId: ids.kringloop, start: `${monday}T10:00`, end: `${monday}T13:00`, capacity: 3, recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU' } },
    {
      roleId: ids.halloween,
      title: { nl: 'Halloweenfeest', en: 'Halloween party', ar: 'حفلة الهالوين' },
      start: `${year}-10-31T17:00`,
      end: `${year}-10-31T21:00`,
      capacity: 120,
    },
  ];
  const made = [];
  for (const [i, shift] of shifts.entries()) {
    const id = uuidv7(now + 100 + i);
    const data = volunteerShiftSchema.parse(shift);
    made.push({ id, data });
    await store.volunteer.createItem({ id, site: DEMO_SITE, kind: 'shift', data }, new Date(now).toISOString());
  }
  // Today's host, if today has a host shift: Fatima, shown by name (the demo site turns that on).
  const today = localDate(now);
  const occurrence = occurrenceOn(made[0].id, made[0].data, 'Europe/Amsterdam', today);
  if (occurrence) {
    const startAt = new Date(occurrence.startMs).toISOString();
    const endAt = new Date(occurrence.endMs).toISOString();
    const at = new Date(now).toISOString();
    await store.volunteer.signUp(
      {
        submission: {
          id: uuidv7(now),
          site: DEMO_SITE,
          widget: 'volunteer-signup',
          kind: 'shifts',
          locale: 'nl',
          schemaVersion: 1,
          sentAt: at,
          receivedAt: at,
          consent: null,
          data: { kind: 'shifts', shifts: [{ shiftId: made[0].id, date: today }], firstName: 'Fatima', contact: 'fatima@example.org' },
          elapsedMs: 30_000,
        },
        tokenHash: 'demo-seed-no-link',
        firstName: 'Fatima',
        contact: 'fatima@example.org',
        slots: [{ shiftId: made[0].id, date: today, startAt, endAt }],
        offerMs: 48 * 3_600_000,
      },
      at,
    );
  }
}

/**
 * Opens (or creates and seeds) the demo database, issues a fresh coordinator token (only its hash
 * is stored, so a new one is shown on every start) and starts listening.
 */
export async function startDemoCollector({ dbPath, port = 8787, host = '127.0.0.1', origins = [] }) {
  const store = new SqliteStore(dbPath);
  const now = Date.now();
  let site = await store.access.getSite(DEMO_SITE);
  if (!site) {
    site = await store.access.createSite(
      { slug: DEMO_SITE, name: 'Buurthuiskamer De Linde', allowedOrigins: origins, settings: { volunteer: { showHostName: true } } },
      new Date(now).toISOString(),
    );
    await seedIdeas(store, now);
    await seedActivities(store, now);
    await seedPolls(store, DEMO_SITE, now);
    await seedVolunteers(store, now);
  } else if (origins.some((o) => !site.allowedOrigins.includes(o))) {
    site = await store.access.updateSite(DEMO_SITE, { allowedOrigins: [...new Set([...site.allowedOrigins, ...origins])] });
  }
  const { token } = await issueToken(store, {
    site: DEMO_SITE,
    scopes: ['read', 'moderate', 'export', 'admin'],
    label: 'demo',
    expiresAt: new Date(now + 7 * 86_400_000),
  });
  // The welcome intake seals sensitive answers with a per-site key from the configuration. The
  // demo keeps its key in its own database, which protects nothing: a real collector reads it
  // from the config file (`intakeKeys`) or BUURTKIT_INTAKE_KEYS.
  const intakeKey = await store.secret('demo-intake-key', randomBytes(32).toString('base64'));
  const app = await createApp({ store, intakeKeys: { [DEMO_SITE]: [{ id: 'demo', key: intakeKey }] } });
  const address = await app.listen({ port, host });
  const url = address.replace('[::1]', 'localhost');
  return {
    url,
    token,
    site: DEMO_SITE,
    store,
    async close() {
      await app.close();
      await store.close();
    },
  };
}
