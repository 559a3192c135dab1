import type { ClientInput } from '../../../shared/clients/schema';
import type { AnswerValue, InstrumentLocale } from '../../../shared/instruments/schema';

/**
 * Three complete assessments of invented firms, as a senior adviser would record them after a
 * half-day visit: every question that applies is answered, a few carry the adviser's notes, and
 * every dimension of each maturity instrument has a target and an importance. They serve as demo
 * data and as the golden cases that pin the scoring (tests/scoring/golden.test.ts).
 *
 * Any likeness to a real company or person is accidental.
 */

export interface WorkedExampleAnswer {
  instrumentId: string;
  questionId: string;
  /** Null only when the question is marked not applicable. */
  value: AnswerValue | null;
  notApplicable: boolean;
  /** The adviser's note, in the report language; empty when there is none. */
  note: string;
}

export interface WorkedExampleTarget {
  instrumentId: string;
  dimensionId: string;
  /** Where the firm wants to be in 18–24 months, on the instrument's scale. */
  target: number;
  /** How much the dimension matters to the firm's drivers, 1–5. */
  importance: number;
}

export interface WorkedExample {
  id: string;
  /** One line for a demo picker, in English. */
  summary: string;
  client: ClientInput;
  visitDate: string;
  peoplePresent: string;
  reportLanguage: InstrumentLocale;
  /** Instrument ids, in the order the visit went through them. */
  instruments: string[];
  answers: WorkedExampleAnswer[];
  targets: WorkedExampleTarget[];
}

const DM = 'digital-maturity';
const SS = 'stepping-stones';
const SFR = 'smart-factory-readiness';

/** Marks a question as not applicable; the note says why. */
const NA = { notApplicable: true } as const;

type AnswerRow = readonly [questionId: string, value: AnswerValue | typeof NA, note?: string];

function answersOf(instrumentId: string, rows: readonly AnswerRow[]): WorkedExampleAnswer[] {
  return rows.map(([questionId, value, note = '']) =>
    value === NA
      ? { instrumentId, questionId, value: null, notApplicable: true, note }
      : { instrumentId, questionId, value: value as AnswerValue, notApplicable: false, note },
  );
}

type TargetRow = readonly [dimensionId: string, target: number, importance: number];

function targetsOf(instrumentId: string, rows: readonly TargetRow[]): WorkedExampleTarget[] {
  return rows.map(([dimensionId, target, importance]) => ({ instrumentId, dimensionId, target, importance }));
}

// ---------------------------------------------------------------------------------------------
// 1. A 12-person precision machine shop in the Black Country: paper job cards, an Excel job
//    list, an old accounting package; the owner quotes, programs, buys and chases payments.

const machineShop: WorkedExample = {
  id: 'machine-shop',
  summary: '12-person CNC machine shop in the West Midlands: paper job cards and spreadsheets, owner does everything; finance and time are the barriers.',
  client: {
    name: 'Tame Valley Precision Ltd',
    registrationNumber: '05817342',
    naceCode: '25',
    employeeBand: '10-49',
    turnoverBand: 'under-2m',
    street: 'Unit 3, Potters Lane Works',
    town: 'Wednesbury',
    postcode: 'WS10 0AS',
    region: 'West Midlands',
    country: 'GB',
    consentToShare: true,
    consentDate: '2026-09-23',
    contacts: [
      { name: 'Gary Hollis', role: 'Managing Director and owner', email: 'gary@tamevalleyprecision.co.uk', phone: '+44 121 556 0192' },
      { name: 'Karen Hollis', role: 'Office Manager (part time)', email: 'karen@tamevalleyprecision.co.uk', phone: '+44 121 556 0190' },
      { name: 'Lee Burrows', role: 'Lead Setter-Programmer', email: 'lee@tamevalleyprecision.co.uk', phone: '+44 7700 900412' },
    ],
  },
  visitDate: '2026-09-23',
  peoplePresent: 'Gary Hollis (Managing Director), Karen Hollis (Office Manager), Lee Burrows (Lead Setter-Programmer); adviser: Priya Nair',
  reportLanguage: 'en',
  instruments: [DM, SS],
  answers: [
    ...answersOf(DM, [
      ['dm-strategy-vision', 1, 'Gary has clear ideas (job-tracking software, a second bar feeder, Cyber Essentials) but they live in his head; nothing is written down or costed.'],
      ['dm-strategy-leadership', 1],
      ['dm-strategy-investment', 'urgent'],
      ['dm-strategy-customers', 1],
      ['dm-strategy-areas', ['manufacturing']],
      ['dm-strategy-followup', 1],
      ['dm-strategy-support', false],
      ['dm-readiness-systems', 'Sage 50 Accounts (a 2014 version) for invoicing and payroll, an Excel job list and quote sheet on Gary\'s PC, Fusion 360 CAM on one workshop PC, and email through a broadband router; no ERP or job tracking.'],
      ['dm-readiness-erp', 1, 'The job list is an Excel sheet on Gary\'s PC; on the day of the visit three different printouts were pinned up in the shop. Paper job cards travel with the material.'],
      ['dm-readiness-design', 1],
      ['dm-readiness-network', 1],
      ['dm-readiness-platform', 'personal'],
      ['dm-readiness-tools', ['cad-cam']],
      ['dm-human-skills', 1],
      ['dm-human-trained', 17, 'Two of twelve (Lee and the second-year apprentice) had CAM training this year; nobody else had any training on digital tools.'],
      ['dm-human-involvement', 2],
      ['dm-human-wellbeing', 1],
      ['dm-human-champions', false],
      ['dm-human-learning', ['supplier', 'students']],
      ['dm-data-storage', 1],
      ['dm-data-decisions', 1],
      ['dm-data-security-measures', ['endpoint'], 'Backups are a USB drive Karen takes home "when she remembers": not automatic, so not ticked. One admin password on all office PCs. Two OEM customers want Cyber Essentials by next year.'],
      ['dm-data-access', 1],
      ['dm-data-supplier-access', NA, 'No supplier has remote access: the CNC controls are not networked and the IT helper only works on site. Ask again once machines are connected.'],
      ['dm-data-incident-plan', false],
      ['dm-automation-production', 2, 'Eight CNC machines (four lathes, four machining centres), one lathe with a bar feeder; every machine is loaded and watched by an operator, no unmanned running.'],
      ['dm-automation-machine-data', 0],
      ['dm-automation-office', 1],
      ['dm-automation-quality', 1],
      ['dm-automation-ai-use', ['generative-ai']],
      ['dm-automation-ai-rules', 'none'],
      ['dm-automation-ideas', 'Typing job cards and delivery notes from the Excel list, walking the shop to find out where a job is, and writing up first-off inspection reports.'],
      ['dm-green-energy', 1],
      ['dm-green-goals', 1],
      ['dm-green-materials', 1],
      ['dm-green-practices', ['none']],
      ['dm-green-customer-data', 'cannot'],
      ['dm-green-reporting', false],
    ]),
    ...answersOf(SS, [
      ['ss-drivers', ['productivity', 'growth', 'quality', 'skills-workforce', 'customer-requirements', 'supply-chain-resilience', 'energy-sustainability']],
      ['ss-drivers-story', 'I want to get a quote out in a day instead of a week, know where every job is without walking the shop, and have someone who can run the place when I am not here.'],
      ['ss-barrier-finance', 'severe', 'Overdraft fully used since the lathe bought in 2024; anything beyond a few thousand pounds needs a grant. Match-funded support discussed.'],
      ['ss-barrier-people-capacity', 'severe', 'Gary quotes, programs, buys, chases payments and covers absences on the machines; works most Saturdays. No second-in-command.'],
      ['ss-barrier-uncertain-return', 'significant'],
      ['ss-barrier-vendor-distrust', 'minor'],
      ['ss-barrier-information-gap', 'significant'],
      ['ss-barrier-disruption-fear', 'significant'],
      ['ss-barrier-connectivity', 'minor'],
      ['ss-barrier-cyber-security', 'minor'],
      ['ss-enabler-peers', ['site-visit', 'demonstrator']],
      ['ss-enabler-peer-names', 'A subcontract machinist in Cannock that moved to job-shop software two years ago, and a former colleague who is now production manager at an aerospace supplier in Wolverhampton.'],
      ['ss-enabler-intermediaries', ['chamber-of-commerce', 'college']],
      ['ss-enabler-training-partner', true],
      ['ss-enabler-training-partner-name', 'The local further-education college, for the CNC apprenticeship; the contact is the work-based learning coordinator who visits the apprentice each term.'],
      ['ss-enabler-sharing', ['shared-training', 'joint-purchasing']],
      ['ss-capacity-hours', 4],
      ['ss-capacity-budget', 'under-5k'],
      ['ss-capacity-horizon', 'weeks'],
      ['ss-capacity-commitment', 'medium'],
      ['ss-capacity-grant-experience', false],
    ]),
  ],
  targets: targetsOf(DM, [
    ['digital-strategy', 45, 4],
    ['digital-readiness', 45, 4],
    ['human-centric', 40, 3],
    ['data-management', 50, 5],
    ['automation-ai', 35, 3],
    ['green-digital', 25, 2],
  ]),
};

// ---------------------------------------------------------------------------------------------
// 2. A 60-person producer of chilled salads and spreads in Central Jutland: ERP with EDI to the
//    retail chains, hourly quality checks on paper, rising energy bills, traceability demands.

const foodProducer: WorkedExample = {
  id: 'food-producer',
  summary: '60-person chilled-food producer in Region Midtjylland: ERP and EDI, manual quality checks, energy costs and customer traceability pressing.',
  client: {
    name: 'Bjerringbro Delikatesser A/S',
    registrationNumber: '36472915',
    naceCode: '10',
    employeeBand: '50-249',
    turnoverBand: '10m-50m',
    street: 'Bøgildvej 9',
    town: 'Bjerringbro',
    postcode: '8850',
    region: 'Region Midtjylland',
    country: 'DK',
    consentToShare: true,
    consentDate: '2026-10-07',
    contacts: [
      { name: 'Helle Vestergaard', role: 'Administrerende direktør', email: 'hv@bjerringbro-delikatesser.dk', phone: '+45 86 68 12 40' },
      { name: 'Kasper Mikkelsen', role: 'Produktionschef', email: 'km@bjerringbro-delikatesser.dk', phone: '+45 86 68 12 45' },
      { name: 'Line Dam', role: 'Kvalitetschef', email: 'ld@bjerringbro-delikatesser.dk', phone: '+45 86 68 12 47' },
    ],
  },
  visitDate: '2026-10-07',
  peoplePresent: 'Helle Vestergaard (direktør), Kasper Mikkelsen (produktionschef), Line Dam (kvalitetschef); konsulent: Morten Riis',
  reportLanguage: 'da',
  instruments: [DM, SS],
  answers: [
    ...answersOf(DM, [
      ['dm-strategy-vision', 3],
      ['dm-strategy-leadership', 2],
      ['dm-strategy-investment', 'annual'],
      ['dm-strategy-customers', 3],
      ['dm-strategy-areas', ['planning', 'quality', 'purchasing-logistics', 'finance-hr']],
      ['dm-strategy-followup', 2],
      ['dm-strategy-support', true],
      ['dm-readiness-systems', 'Microsoft Dynamics 365 Business Central med EDI til detailkæderne, Excel til ugeplanen, papirskemaer til temperatur- og vægtkontrol, lønsystem, Microsoft 365 og et vejesystem på pakkelinje 1.'],
      ['dm-readiness-erp', 2, 'Business Central bruges til ordrer, lager og fakturering, men ugeplanen laves i Excel af produktionschefen hver fredag.'],
      ['dm-readiness-erp-integration', 2, 'Råvareforbrug og batchnumre skrives på produktionssedler og tastes ind næste morgen – det er hullet i sporbarheden.'],
      ['dm-readiness-design', 2],
      ['dm-readiness-network', 2],
      ['dm-readiness-platform', 'mixed'],
      ['dm-readiness-tools', ['e-invoicing', 'barcode-rfid', 'collaboration']],
      ['dm-human-skills', 2],
      ['dm-human-trained', 20],
      ['dm-human-involvement', 3],
      ['dm-human-wellbeing', 3],
      ['dm-human-champions', true],
      ['dm-human-champions-time', 'some'],
      ['dm-human-learning', ['supplier', 'colleagues', 'e-learning']],
      ['dm-data-storage', 3],
      ['dm-data-decisions', 2],
      ['dm-data-security-measures', ['backup', 'mfa', 'personal-accounts', 'patching', 'endpoint']],
      ['dm-data-restore', 'over-year', 'IT-partneren tager backup hver nat, men ingen kan huske, hvornår der sidst blev testet en gendannelse.'],
      ['dm-data-access', 3],
      ['dm-data-supplier-access', 2],
      ['dm-data-incident-plan', false],
      ['dm-automation-production', 2, 'Automatisk bakkepakker, topfilmsforsegler og checkvejer på pakkelinje 1; linje 2 er manuel, og palleteringen sker med håndkraft.'],
      ['dm-automation-machine-data', 15],
      ['dm-automation-office', 3],
      ['dm-automation-quality', 1, 'HACCP-kontroller (temperatur, vægt, test af metaldetektor) registreres på papir hver time og arkiveres i ringbind. Vægtstikprøver tages på en håndvægt.'],
      ['dm-automation-ai-use', ['generative-ai']],
      ['dm-automation-ai-rules', 'informal'],
      ['dm-automation-ideas', 'Temperatur- og vægtkontrollerne, der i dag skrives på papir hver time, og sporingsrapporten ved en tilbagetrækning, som tager en halv dag at samle fra papir og ERP.'],
      ['dm-green-energy', 2, 'Elregningen er steget markant siden 2022; køl og frys står for over halvdelen af forbruget. Kun hovedmåler, som aflæses månedligt.'],
      ['dm-green-goals', 2],
      ['dm-green-materials', 2],
      ['dm-green-practices', ['transport', 'remote-service']],
      ['dm-green-customer-data', 'estimate'],
      ['dm-green-reporting', false],
    ]),
    ...answersOf(SS, [
      ['ss-drivers', ['customer-requirements', 'energy-sustainability', 'quality', 'productivity', 'skills-workforce', 'supply-chain-resilience', 'growth']],
      ['ss-drivers-story', 'Om to år skal vi kunne svare kæderne på et sporingsspørgsmål på ti minutter, og energiforbruget pr. kilo færdigvare skal ned med en femtedel.'],
      ['ss-barrier-finance', 'minor'],
      ['ss-barrier-people-capacity', 'significant', 'Kvalitetschefen er den eneste med overblik over både HACCP og ERP og bruger i forvejen aftenerne på kundeaudits.'],
      ['ss-barrier-uncertain-return', 'minor'],
      ['ss-barrier-vendor-distrust', 'minor'],
      ['ss-barrier-information-gap', 'minor'],
      ['ss-barrier-disruption-fear', 'significant', 'Leverer friske varer til kæderne seks dage om ugen; pakkelinjen kan kun ændres mellem jul og nytår eller i weekender.'],
      ['ss-barrier-connectivity', 'minor'],
      ['ss-barrier-cyber-security', 'minor'],
      ['ss-enabler-peers', ['site-visit', 'user-group']],
      ['ss-enabler-peer-names', 'Et mejeri i Hammel, der har digitaliseret sine HACCP-registreringer, og to andre Business Central-brugere fra brancheforeningens erfa-gruppe.'],
      ['ss-enabler-intermediaries', ['manufacturing-association', 'digital-innovation-hub']],
      ['ss-enabler-training-partner', true],
      ['ss-enabler-training-partner-name', 'AMU-kurser i hygiejne og procesbetjening på den lokale erhvervsskole; kontakten er skolens virksomhedskonsulent.'],
      ['ss-enabler-sharing', ['shared-training', 'joint-purchasing']],
      ['ss-capacity-hours', 12],
      ['ss-capacity-budget', '25k-100k'],
      ['ss-capacity-horizon', 'months'],
      ['ss-capacity-commitment', 'high'],
      ['ss-capacity-grant-experience', true],
    ]),
  ],
  targets: targetsOf(DM, [
    ['digital-strategy', 70, 3],
    ['digital-readiness', 65, 4],
    ['human-centric', 65, 2],
    ['data-management', 70, 5],
    ['automation-ai', 60, 5],
    ['green-digital', 60, 4],
  ]),
};

// ---------------------------------------------------------------------------------------------
// 3. A 200-person tier-2 supplier of pressed and welded chassis parts in Skaraborg: MES on two of
//    five lines, OEM demands on traceability and cyber security, a skills shortage and a MES
//    contract it cannot easily leave.

const automotiveTier2: WorkedExample = {
  id: 'automotive-tier2',
  summary: '200-person automotive tier-2 supplier in Västra Götaland: MES on some lines, OEM traceability and cyber-security demands, skills shortage, vendor lock-in.',
  client: {
    name: 'Skaraborgs Pressteknik AB',
    registrationNumber: '556493-8812',
    naceCode: '29',
    employeeBand: '50-249',
    turnoverBand: '10m-50m',
    street: 'Pressarvägen 4',
    town: 'Skövde',
    postcode: '541 34',
    region: 'Västra Götaland',
    country: 'SE',
    consentToShare: true,
    consentDate: '2026-10-28',
    contacts: [
      { name: 'Johanna Ekström', role: 'VD', email: 'johanna.ekstrom@skpressteknik.se', phone: '+46 500 44 71 00' },
      { name: 'Peter Lindahl', role: 'Produktionschef', email: 'peter.lindahl@skpressteknik.se', phone: '+46 500 44 71 12' },
      { name: 'Linnea Fors', role: 'Kvalitetschef', email: 'linnea.fors@skpressteknik.se', phone: '+46 500 44 71 25' },
      { name: 'Amir Haddad', role: 'IT-chef', email: 'amir.haddad@skpressteknik.se', phone: '+46 500 44 71 30' },
    ],
  },
  visitDate: '2026-10-28',
  peoplePresent: 'Johanna Ekström (VD), Peter Lindahl (produktionschef), Linnea Fors (kvalitetschef), Amir Haddad (IT-chef); rådgivare: Henrik Sjöberg',
  reportLanguage: 'sv',
  instruments: [DM, SS, SFR],
  answers: [
    ...answersOf(DM, [
      ['dm-strategy-vision', 4],
      ['dm-strategy-leadership', 4],
      ['dm-strategy-investment', 'plan'],
      ['dm-strategy-customers', 4],
      ['dm-strategy-areas', ['planning', 'manufacturing', 'quality', 'purchasing-logistics', 'maintenance', 'finance-hr']],
      ['dm-strategy-followup', 3],
      ['dm-strategy-support', true],
      ['dm-readiness-systems', 'Affärssystem för order, inköp, planering och ekonomi; MES från en maskinleverantör på två av fem linjer; CAD och PDM; EDI (DELFOR, DELJIT, DESADV) mot kunderna; underhållssystem; Excel för kapacitetsplanering och kvalitetsuppföljning på övriga linjer.'],
      ['dm-readiness-erp', 4],
      ['dm-readiness-erp-integration', 3, 'På de två MES-linjerna rapporteras start, stopp och antal automatiskt; på tre linjer skriver operatörerna fortfarande papperslappar som förs in i slutet av skiftet.'],
      ['dm-readiness-design', 4],
      ['dm-readiness-network', 3],
      ['dm-readiness-platform', 'managed'],
      ['dm-readiness-tools', ['e-invoicing', 'cad-cam', 'mes', 'barcode-rfid', 'mobile', 'collaboration', 'maintenance-system']],
      ['dm-human-skills', 3],
      ['dm-human-trained', 25],
      ['dm-human-involvement', 3],
      ['dm-human-wellbeing', 3],
      ['dm-human-champions', true],
      ['dm-human-champions-time', 'some'],
      ['dm-human-learning', ['supplier', 'colleagues', 'courses', 'students']],
      ['dm-data-storage', 3],
      ['dm-data-decisions', 4],
      ['dm-data-security-measures', ['backup', 'mfa', 'personal-accounts', 'patching', 'endpoint', 'awareness', 'inventory'], 'Produktionsnätet är inte separerat från kontorsnätet; presslinjerna och maskinleverantörernas fjärranslutningar ligger i samma nät. Kunden kräver TISAX-märkning inom 18 månader.'],
      ['dm-data-restore', 'within-year'],
      ['dm-data-access', 3],
      ['dm-data-supplier-access', 2, 'Tre maskinleverantörer har egna 4G-routrar i elskåpen som alltid är uppkopplade; IT-chefen fick veta om en av dem först vid besöket.'],
      ['dm-data-incident-plan', true],
      ['dm-automation-production', 3],
      ['dm-automation-machine-data', 45],
      ['dm-automation-office', 3],
      ['dm-automation-quality', 3],
      ['dm-automation-ai-use', ['generative-ai', 'vision-inspection', 'predictive-maintenance'], 'Visionskontroll av svetsfogar testad i en robotcell; prediktivt underhåll i pilot på den stora transferpressen.'],
      ['dm-automation-ai-rules', 'written'],
      ['dm-automation-ideas', 'Manuell registrering av coil- och batchnummer på linjerna utan MES, sammanställning av 8D-rapporter och PPAP-dokumentation, och kapacitetsplaneringen i Excel varje vecka.'],
      ['dm-green-energy', 3],
      ['dm-green-goals', 3],
      ['dm-green-materials', 3],
      ['dm-green-practices', ['nesting', 'idle-shutdown', 'leak-detection', 'remote-service']],
      ['dm-green-customer-data', 'calculated'],
      ['dm-green-reporting', true],
    ]),
    ...answersOf(SS, [
      ['ss-drivers', ['customer-requirements', 'productivity', 'skills-workforce', 'quality', 'energy-sustainability', 'supply-chain-resilience', 'growth']],
      ['ss-drivers-story', 'Om två år ska varje detalj kunna spåras till coil, verktyg och skift på alla linjer, vi ska uppfylla kundernas krav på informationssäkerhet och inte vara beroende av en enda MES-leverantör.'],
      ['ss-barrier-finance', 'minor'],
      ['ss-barrier-people-capacity', 'significant'],
      ['ss-barrier-uncertain-return', 'minor'],
      ['ss-barrier-vendor-distrust', 'severe', 'MES-leverantören tar betalt för varje nytt gränssnitt och exporten av historiska data är låst. Ledningen vill inte bygga ut till fler linjer innan de vet hur de kommer ur avtalet.'],
      ['ss-barrier-information-gap', 'none'],
      ['ss-barrier-disruption-fear', 'significant'],
      ['ss-barrier-connectivity', 'none'],
      ['ss-barrier-cyber-security', 'significant', 'En leverantör i samma kundkedja drabbades av ransomware förra året och stod still i nio dagar. Uppkoppling av fler maskiner är pausad tills nätet är segmenterat.'],
      ['ss-enabler-peers', ['site-visit', 'user-group', 'demonstrator', 'peer-mentor']],
      ['ss-enabler-peer-names', 'En legotillverkare i Jönköping som bytte MES-plattform 2024, en formsprutare i Gislaved från leverantörsnätverket och testbädden vid högskolan i Skövde.'],
      ['ss-enabler-intermediaries', ['manufacturing-association', 'university', 'digital-innovation-hub', 'trade-union']],
      ['ss-enabler-training-partner', true],
      ['ss-enabler-training-partner-name', 'Högskolan i Skövde, uppdragsutbildning i automation och dataanalys; kontakten är samverkansansvarig för industrin.'],
      ['ss-enabler-sharing', ['shared-training', 'shared-equipment', 'shared-specialist']],
      ['ss-capacity-hours', 40],
      ['ss-capacity-budget', 'over-100k'],
      ['ss-capacity-horizon', 'year'],
      ['ss-capacity-commitment', 'champion'],
      ['ss-capacity-grant-experience', true],
    ]),
    ...answersOf(SFR, [
      ['sfr-vertical-integration', 3, 'Nivå 3 gäller bara de två MES-linjerna; för fabriken som helhet ligger de mellan 2 och 3.'],
      ['sfr-horizontal-integration', 3],
      ['sfr-lifecycle-integration', 3],
      ['sfr-shop-floor-automation', 4],
      ['sfr-enterprise-automation', 3],
      ['sfr-facility-automation', 2],
      ['sfr-shop-floor-connectivity', 2],
      ['sfr-enterprise-connectivity', 3],
      ['sfr-facility-connectivity', 2],
      ['sfr-shop-floor-intelligence', 3],
      ['sfr-enterprise-intelligence', 3],
      ['sfr-facility-intelligence', 1],
      ['sfr-workforce-learning', 2, 'Svårt att rekrytera automationstekniker; två av tre robottekniker går i pension inom tre år. Utbildningsplanen bygger på vad leverantörerna erbjuder.'],
      ['sfr-leadership-competency', 3],
      ['sfr-inter-company-collaboration', 3],
      ['sfr-strategy-governance', 3],
    ]),
  ],
  targets: [
    ...targetsOf(DM, [
      ['digital-strategy', 88, 2],
      ['digital-readiness', 85, 3],
      ['human-centric', 80, 5],
      ['data-management', 90, 5],
      ['automation-ai', 80, 4],
      ['green-digital', 80, 3],
    ]),
    ...targetsOf(SFR, [
      ['process-vertical-integration', 4, 5],
      ['process-horizontal-integration', 3.5, 4],
      ['process-lifecycle-integration', 3.5, 3],
      ['tech-shop-floor-automation', 4, 3],
      ['tech-enterprise-automation', 3.5, 2],
      ['tech-facility-automation', 2.5, 2],
      ['tech-shop-floor-connectivity', 3.5, 5],
      ['tech-enterprise-connectivity', 3.5, 4],
      ['tech-facility-connectivity', 3, 3],
      ['tech-shop-floor-intelligence', 4, 4],
      ['tech-enterprise-intelligence', 3.5, 3],
      ['tech-facility-intelligence', 2, 3],
      ['org-workforce-learning', 3.5, 5],
      ['org-leadership-competency', 3.5, 3],
      ['org-inter-company-collaboration', 3.5, 3],
      ['org-strategy-governance', 4, 4],
    ]),
  ],
};

export const workedExamples: WorkedExample[] = [machineShop, foodProducer, automotiveTier2];

export function workedExample(id: string): WorkedExample {
  const example = workedExamples.find((e) => e.id === id);
  if (!example) throw new Error(`No worked example ${id}`);
  return example;
}
