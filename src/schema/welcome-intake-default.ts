/**
 * The built-in welcome intake: plain Dutch (B1) with English and Arabic.
 * Every question may be skipped; nothing asks for a name, origin or diagnosis, and the wording
 * never assumes a problem. Activity matching uses the calendar's categories and audiences.
 */
import type { IntakeFlow } from './welcome-intake-flow.js';

export const DEFAULT_INTAKE_FLOW: IntakeFlow = {
  id: 'welkom',
  version: 1,
  title: { nl: 'Welkom!', en: 'Welcome!', ar: 'أهلاً وسهلاً!' },
  intro: {
    nl: 'Een paar korte vragen, zodat we weten wat je hier kunt doen. Alles mag je overslaan.',
    en: 'A few short questions, so we know what you can do here. You can skip anything.',
    ar: 'بعض الأسئلة القصيرة، لنعرف ما يمكنك فعله هنا. يمكنك تخطي أي سؤال.',
  },
  steps: [
    {
      id: 'kennismaken',
      title: { nl: 'Wat brengt je hier?', en: 'What brings you here?', ar: 'ما الذي أتى بك إلى هنا؟' },
      questions: [
        {
          id: 'voor-wie',
          type: 'on-behalf',
          label: { nl: 'Voor wie vul je dit in?', en: 'Who are you filling this in for?', ar: 'لمن تملأ هذا؟' },
        },
        {
          id: 'reden',
          type: 'cards',
          label: { nl: 'Waarvoor kom je?', en: 'What do you come for?', ar: 'لماذا تأتي؟' },
          hint: { nl: 'Kies er zoveel als je wilt.', en: 'Choose as many as you like.', ar: 'اختر ما تشاء.' },
          options: [
            { value: 'praatje', icon: '☕', label: { nl: 'Een praatje', en: 'A chat', ar: 'دردشة' }, match: { categories: ['ontmoeten'] } },
            { value: 'activiteiten', icon: '🎨', label: { nl: 'Activiteiten', en: 'Activities', ar: 'أنشطة' } },
            { value: 'luisterend-oor', icon: '👂', label: { nl: 'Een luisterend oor', en: 'A listening ear', ar: 'من يستمع إليّ' } },
            {
              value: 'hulp-bij-iets',
              icon: '🤝',
              label: { nl: 'Hulp bij iets', en: 'Help with something', ar: 'مساعدة في أمر ما' },
              match: { categories: ['hulp-en-advies'] },
            },
            { value: 'even-kijken', icon: '👀', label: { nl: 'Even kijken', en: 'Just looking', ar: 'أتفرج فقط' } },
          ],
        },
      ],
    },
    {
      id: 'graag-doen',
      title: {
        nl: 'Waar ben je goed in of wat doe je graag?',
        en: 'What are you good at or like doing?',
        ar: 'ما الذي تجيده أو تحب فعله؟',
      },
      questions: [
        {
          id: 'interesses',
          type: 'cards',
          label: { nl: 'Wat doe je graag?', en: 'What do you like doing?', ar: 'ماذا تحب أن تفعل؟' },
          options: [
            {
              value: 'koken',
              icon: '🍲',
              label: { nl: 'Koken en eten', en: 'Cooking and eating', ar: 'الطبخ والأكل' },
              match: { categories: ['eten-en-drinken'] },
            },
            {
              value: 'creatief',
              icon: '✂️',
              label: { nl: 'Creatief bezig zijn', en: 'Being creative', ar: 'الأعمال الإبداعية' },
              match: { categories: ['creatief'] },
            },
            {
              value: 'praten',
              icon: '💬',
              label: { nl: 'Praten en ontmoeten', en: 'Talking and meeting people', ar: 'الحديث ولقاء الناس' },
              match: { categories: ['ontmoeten'] },
            },
            {
              value: 'feest',
              icon: '🎉',
              label: { nl: 'Feest en muziek', en: 'Parties and music', ar: 'الحفلات والموسيقى' },
              match: { categories: ['feest'] },
            },
            { value: 'buiten', icon: '🌱', label: { nl: 'Buiten en tuinieren', en: 'Outdoors and gardening', ar: 'الحديقة والطبيعة' } },
            { value: 'bewegen', icon: '🚶', label: { nl: 'Bewegen en wandelen', en: 'Exercise and walking', ar: 'الحركة والمشي' } },
            {
              value: 'helpen',
              icon: '🙌',
              label: { nl: 'Anderen helpen', en: 'Helping others', ar: 'مساعدة الآخرين' },
              match: { audiences: ['vrijwilligers'] },
            },
          ],
        },
        {
          id: 'talenten',
          type: 'long-text',
          label: {
            nl: 'Waar ben je goed in? Wat wil je leren?',
            en: 'What are you good at? What would you like to learn?',
            ar: 'ما الذي تجيده؟ ماذا تريد أن تتعلم؟',
          },
          hint: {
            nl: 'Kort is goed. Je mag dit overslaan.',
            en: 'Short is fine. You may skip this.',
            ar: 'الإجابة القصيرة تكفي. يمكنك التخطي.',
          },
        },
      ],
    },
    {
      id: 'themakaarten',
      title: {
        nl: 'Over welk onderwerp wil je misschien eens praten?',
        en: 'Which topic might you like to talk about some time?',
        ar: 'عن أي موضوع قد ترغب في الحديث يوماً ما؟',
      },
      intro: {
        nl: 'Hier staan onderwerpen. Kies wat bij je past, of sla deze stap over.',
        en: 'Here are some topics. Choose what fits you, or skip this step.',
        ar: 'هذه بطاقات مواضيع. اختر ما يناسبك، أو تخطَّ هذه الخطوة.',
      },
      questions: [
        {
          id: 'themas',
          type: 'cards',
          sensitive: true,
          label: { nl: 'Onderwerpen', en: 'Topics', ar: 'المواضيع' },
          options: [
            {
              value: 'contact',
              icon: '👋',
              label: { nl: 'Contact en eenzaamheid', en: 'Contact and loneliness', ar: 'التواصل والوحدة' },
              match: { categories: ['ontmoeten'] },
            },
            { value: 'dagstructuur', icon: '🕘', label: { nl: 'Ritme in je dag', en: 'Daily routine', ar: 'تنظيم اليوم' } },
            { value: 'gezond-leven', icon: '🍎', label: { nl: 'Gezond leven', en: 'Healthy living', ar: 'الحياة الصحية' } },
            { value: 'wonen', icon: '🏠', label: { nl: 'Wonen', en: 'Housing', ar: 'السكن' } },
            {
              value: 'geld',
              icon: '📄',
              label: { nl: 'Geld en administratie', en: 'Money and paperwork', ar: 'المال والأوراق' },
              match: { categories: ['hulp-en-advies'] },
            },
            {
              value: 'werk',
              icon: '🧰',
              label: { nl: 'Werk en vrijwilligerswerk', en: 'Work and volunteering', ar: 'العمل والتطوع' },
              match: { audiences: ['vrijwilligers'] },
            },
            { value: 'taal', icon: '🗣️', label: { nl: 'Taal', en: 'Language', ar: 'اللغة' }, match: { audiences: ['anderstaligen'] } },
            { value: 'vervoer', icon: '🚌', label: { nl: 'Vervoer', en: 'Getting around', ar: 'التنقل' } },
            { value: 'zorg', icon: '💚', label: { nl: 'Zorg en welzijn', en: 'Care and wellbeing', ar: 'الرعاية والرفاه' } },
            {
              value: 'naasten',
              icon: '👪',
              label: { nl: 'Naasten en gezin', en: 'Family and loved ones', ar: 'الأهل والعائلة' },
              match: { audiences: ['naasten', 'ouders'] },
            },
          ],
        },
      ],
    },
    {
      id: 'makkelijker',
      title: {
        nl: 'Wat maakt het makkelijker om te komen?',
        en: 'What would make it easier to come?',
        ar: 'ما الذي يسهّل عليك المجيء؟',
      },
      questions: [
        {
          id: 'drempels',
          type: 'multiple',
          label: { nl: 'Kies wat voor jou helpt.', en: 'Choose what helps you.', ar: 'اختر ما يساعدك.' },
          options: [
            {
              value: 'vervoer',
              label: { nl: 'Iemand die me ophaalt of vervoer', en: 'A lift or transport', ar: 'من يوصلني أو وسيلة نقل' },
            },
            {
              value: 'toegankelijk',
              label: {
                nl: 'Een rolstoel of rollator kan mee',
                en: 'Room for a wheelchair or walker',
                ar: 'مكان للكرسي المتحرك أو المشاية',
              },
            },
            {
              value: 'taal',
              label: { nl: 'Iemand die mijn taal spreekt', en: 'Someone who speaks my language', ar: 'شخص يتكلم لغتي' },
              match: { audiences: ['anderstaligen'] },
            },
            {
              value: 'samen',
              label: {
                nl: 'De eerste keer samen met iemand',
                en: 'Coming with someone the first time',
                ar: 'المجيء مع شخص في المرة الأولى',
              },
            },
            { value: 'rustig', label: { nl: 'Een rustig moment', en: 'A quiet moment', ar: 'وقت هادئ' } },
          ],
        },
      ],
    },
    {
      id: 'contact',
      title: { nl: 'Mag iemand contact met je opnemen?', en: 'May someone contact you?', ar: 'هل يمكن لأحد التواصل معك؟' },
      questions: [
        {
          id: 'contact',
          type: 'contact',
          label: { nl: 'Hoe mogen we je bereiken?', en: 'How may we reach you?', ar: 'كيف يمكننا الوصول إليك؟' },
        },
        {
          id: 'zichtbaar',
          type: 'visibility',
          label: { nl: 'Wie mag je antwoorden zien?', en: 'Who may see your answers?', ar: 'من يمكنه رؤية إجاباتك؟' },
        },
        {
          id: 'toestemming',
          type: 'consent',
          showIf: { question: 'contact', anyOf: ['phone', 'email'] },
          label: {
            nl: 'Ja, jullie mogen mijn gegevens bewaren om contact op te nemen. Ik kan dit altijd intrekken.',
            en: 'Yes, you may keep my details to contact me. I can withdraw this at any time.',
            ar: 'نعم، يمكنكم حفظ بياناتي للتواصل معي. يمكنني سحب ذلك في أي وقت.',
          },
        },
      ],
    },
  ],
};
