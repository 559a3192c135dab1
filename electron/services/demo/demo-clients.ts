import type { ClientInput } from '../../../shared/clients/schema';
import { mulberry32 } from './random';
import { employeeBands, naceCodes, turnoverBands } from '../../../shared/clients/sectors';

type Row = [
  name: string,
  registrationNumber: string,
  naceCode: ClientInput['naceCode'],
  employeeBand: ClientInput['employeeBand'],
  turnoverBand: ClientInput['turnoverBand'],
  street: string,
  town: string,
  postcode: string,
  region: string,
  country: ClientInput['country'],
  consentDate: string | null,
  contacts: [name: string, role: string, email: string, phone: string][],
];

// Invented firms: any likeness to a real company is accidental.
const rows: Row[] = [
  ['Pennine Precision Engineering Ltd', '04518832', '25', '10-49', '2m-10m', 'Unit 4, Calder Works', 'Halifax', 'HX1 5QT', 'Yorkshire and the Humber', 'GB', '2026-09-14', [['Sarah Whitfield', 'Managing Director', 'sarah@pennineprecision.co.uk', '+44 1422 380 114'], ['Dev Patel', 'Production Manager', 'dev@pennineprecision.co.uk', '+44 1422 380 117']]],
  ['Mersey Bakery Group Ltd', '07733410', '10', '50-249', '10m-50m', '12 Dock Road', 'Birkenhead', 'CH41 1DN', 'North West', 'GB', '2026-08-02', [['Joanne Kearney', 'Operations Director', 'j.kearney@merseybakery.co.uk', '+44 151 647 2210']]],
  ['Tamar Composites Ltd', '09120056', '22', '10-49', '2m-10m', 'Pottery Road', 'Plymouth', 'PL1 4NT', 'South West', 'GB', null, [['Mark Trelawny', 'Owner', 'mark@tamarcomposites.com', '+44 1752 600 931']]],
  ['Black Country Castings Ltd', '00894421', '24', '50-249', '10m-50m', 'Foundry Lane', 'Dudley', 'DY2 8QZ', 'West Midlands', 'GB', '2026-10-21', [['Gurpreet Sandhu', 'Technical Director', 'gurpreet@bccastings.co.uk', '+44 1384 252 808'], ['Lisa Hughes', 'Finance Manager', 'lisa@bccastings.co.uk', '+44 1384 252 800']]],
  ['Wensleydale Fine Foods Ltd', '11204983', '10', '10-49', '2m-10m', 'Station Yard', 'Hawes', 'DL8 3NT', 'Yorkshire and the Humber', 'GB', '2026-07-11', [['Emma Metcalfe', 'Founder', 'emma@wensleydalefinefoods.co.uk', '+44 1969 667 201']]],
  ['Clydeside Marine Fabrications Ltd', 'SC402117', '30', '50-249', '10m-50m', '40 Govan Road', 'Glasgow', 'G51 1HS', 'Scotland', 'GB', null, [['Alasdair Reid', 'General Manager', 'a.reid@clydesidemarine.co.uk', '+44 141 445 3390']]],
  ['Severn Valley Plastics Ltd', '06654120', '22', '10-49', '2m-10m', 'Harcourt Industrial Estate', 'Telford', 'TF7 4PB', 'West Midlands', 'GB', '2026-09-30', [['Nadia Okafor', 'Quality Manager', 'nadia@svplastics.co.uk', '+44 1952 581 442']]],
  ['Fenland Furniture Makers Ltd', '08891205', '31', '1-9', 'under-2m', 'Mill Drove', 'Wisbech', 'PE13 3DR', 'East of England', 'GB', '2026-06-18', [['Tom Barker', 'Owner', 'tom@fenlandfurniture.co.uk', '+44 1945 773 018']]],
  ['Tyne Electrical Controls Ltd', '05532198', '27', '10-49', '2m-10m', 'Hadrian Business Park', 'Gateshead', 'NE11 0SR', 'North East', 'GB', '2026-10-03', [['Claire Robson', 'Managing Director', 'claire@tynecontrols.co.uk', '+44 191 487 6620'], ['Ian Charlton', 'Engineering Lead', 'ian@tynecontrols.co.uk', '+44 191 487 6625']]],
  ['Kent Orchard Drinks Ltd', '10033871', '11', '10-49', '2m-10m', 'Perry Court Farm', 'Faversham', 'ME13 9PD', 'South East', 'GB', null, [['Rachel Oduya', 'Operations Manager', 'rachel@kentorcharddrinks.co.uk', '+44 1795 536 400']]],
  ['Jysk Stålteknik ApS', '38229104', '25', '10-49', '2m-10m', 'Industrivej 14', 'Herning', '7400', 'Region Midtjylland', 'DK', '2026-09-09', [['Mette Kjærgaard', 'Direktør', 'mk@jyskstaal.dk', '+45 97 12 44 80'], ['Søren Lund', 'Produktionschef', 'sl@jyskstaal.dk', '+45 97 12 44 82']]],
  ['Fynsk Emballage A/S', '27719930', '17', '50-249', '10m-50m', 'Havnegade 3', 'Odense', '5000', 'Region Syddanmark', 'DK', '2026-08-26', [['Lars Bøgh', 'Teknisk chef', 'lb@fynskemballage.dk', '+45 66 13 70 01']]],
  ['Limfjord Fiskeindustri ApS', '35120487', '10', '50-249', '10m-50m', 'Kajgade 22', 'Thisted', '7700', 'Region Nordjylland', 'DK', null, [['Anne Thøgersen', 'Driftsleder', 'at@limfjordfisk.dk', '+45 97 92 31 10']]],
  ['Østjysk Automation ApS', '40183372', '28', '10-49', '2m-10m', 'Lyngbyvej 55', 'Aarhus', '8210', 'Region Midtjylland', 'DK', '2026-10-12', [['Jonas Ravn', 'Indehaver', 'jr@ostjyskautomation.dk', '+45 86 15 22 09']]],
  ['Sjællands Møbelsnedkeri ApS', '29881154', '31', '1-9', 'under-2m', 'Roskildevej 201', 'Ringsted', '4100', 'Region Sjælland', 'DK', '2026-05-30', [['Pia Holm', 'Ejer', 'pia@sjmoebel.dk', '+45 57 61 08 44']]],
  ['Øresund Elektronik A/S', '31457720', '26', '50-249', '10m-50m', 'Strandvejen 90', 'Helsingør', '3000', 'Region Hovedstaden', 'DK', '2026-09-17', [['Henrik Åberg', 'CTO', 'ha@oresund-elektronik.dk', '+45 49 21 55 60']]],
  ['Vänerns Plåtbearbetning AB', '556712-4481', '25', '10-49', '2m-10m', 'Hamngatan 8', 'Karlstad', '652 24', 'Värmland', 'SE', '2026-09-02', [['Karin Lindqvist', 'VD', 'karin@vanernsplat.se', '+46 54 18 72 00'], ['Erik Nyström', 'Produktionsledare', 'erik@vanernsplat.se', '+46 54 18 72 05']]],
  ['Smålands Träindustri AB', '556398-2207', '16', '50-249', '10m-50m', 'Sågverksvägen 2', 'Värnamo', '331 41', 'Jönköpings län', 'SE', '2026-08-15', [['Johan Bergström', 'Fabrikschef', 'johan.bergstrom@smalandstra.se', '+46 370 69 12 30']]],
  ['Norrlands Livs AB', '556901-7733', '10', '10-49', '2m-10m', 'Storgatan 41', 'Umeå', '903 26', 'Västerbotten', 'SE', null, [['Maria Sandberg', 'Kvalitetschef', 'maria@norrlandslivs.se', '+46 90 71 44 10']]],
  ['Bergslagens Gjuteri AB', '556124-5590', '24', '50-249', '10m-50m', 'Bruksgatan 5', 'Hallstahammar', '734 30', 'Västmanland', 'SE', '2026-10-08', [['Anders Holmgren', 'VD', 'anders@bergslagensgjuteri.se', '+46 220 52 10 00']]],
  ['Göta Plast & Form AB', '556845-1190', '22', '10-49', '2m-10m', 'Ringögatan 12', 'Göteborg', '417 07', 'Västra Götaland', 'SE', '2026-07-24', [['Sofia Åkesson', 'Teknisk chef', 'sofia@gotaplast.se', '+46 31 22 90 15']]],
  ['Skånes Maskinservice AB', '556577-3321', '33', '1-9', 'under-2m', 'Verkstadsgatan 3', 'Malmö', '211 19', 'Skåne', 'SE', '2026-06-05', [['Ali Hassan', 'Ägare', 'ali@skanesmaskin.se', '+46 40 611 23 80']]],
  ['Dalarna Textil AB', '556233-8805', '13', '10-49', 'under-2m', 'Vävargatan 9', 'Borlänge', '784 33', 'Dalarna', 'SE', null, [['Eva Dahl', 'Produktionschef', 'eva@dalarnatextil.se', '+46 243 21 09 90']]],
  ['Łódź Precision Sp. z o.o.', '0000481123', '28', '50-249', '10m-50m', 'ul. Piotrkowska 120', 'Łódź', '90-006', 'Łódzkie', 'PL', '2026-09-22', [['Agnieszka Wójcik', 'Dyrektor operacyjny', 'a.wojcik@lodzprecision.pl', '+48 42 630 11 20']]],
];

export function demoClients(): ClientInput[] {
  return rows.map(([name, registrationNumber, naceCode, employeeBand, turnoverBand, street, town, postcode, region, country, consentDate, contacts]) => ({
    name,
    registrationNumber,
    naceCode,
    employeeBand,
    turnoverBand,
    street,
    town,
    postcode,
    region,
    country,
    consentToShare: consentDate !== null,
    consentDate,
    contacts: contacts.map(([contactName, role, email, phone]) => ({ name: contactName, role, email, phone })),
  }));
}

const PREFIXES = ['North', 'Vale', 'Harbour', 'Ridge', 'Fjord', 'Lake', 'Forge', 'River', 'Oak', 'Iron', 'Granite', 'Birch', 'Meadow', 'Coast', 'Summit'];
const TRADES = ['Engineering', 'Plastics', 'Foods', 'Metalworks', 'Electronics', 'Joinery', 'Castings', 'Packaging', 'Textiles', 'Automation', 'Coatings', 'Machining'];
const TOWNS: [string, string, ClientInput['country'], string][] = [
  ['Leeds', 'Yorkshire and the Humber', 'GB', 'LS1 4DY'],
  ['Preston', 'North West', 'GB', 'PR1 2HE'],
  ['Coventry', 'West Midlands', 'GB', 'CV1 2FL'],
  ['Vejle', 'Region Syddanmark', 'DK', '7100'],
  ['Aalborg', 'Region Nordjylland', 'DK', '9000'],
  ['Jönköping', 'Jönköpings län', 'SE', '553 20'],
  ['Västerås', 'Västmanland', 'SE', '722 11'],
];

/** Many plausible clients for benchmarks and scrolling tests. */
export function generateClients(count: number, seed = 1): ClientInput[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  return Array.from({ length: count }, (_, index) => {
    const [town, region, country, postcode] = pick(TOWNS);
    const name = `${pick(PREFIXES)} ${pick(TRADES)} ${index + 1}`;
    return {
      name,
      registrationNumber: String(10000000 + index),
      naceCode: pick(naceCodes),
      employeeBand: pick(employeeBands),
      turnoverBand: pick(turnoverBands),
      street: `${1 + Math.floor(random() * 200)} Industrial Way`,
      town,
      postcode,
      region,
      country,
      consentToShare: false,
      consentDate: null,
      contacts: [{ name: `Contact ${index + 1}`, role: 'Owner', email: `owner${index + 1}@example.com`, phone: '' }],
    };
  });
}
