import { describe, expect, it } from 'vitest';
import { fold } from '../../shared/text/fold';

describe('fold', () => {
  it.each([
    ['Łódź', 'lodz'],
    ['Ørestad', 'orestad'],
    ['Malmö', 'malmo'],
    ['Straße', 'strasse'],
    ['Helsingør', 'helsingor'],
    ['Sjællands Møbelsnedkeri', 'sjaellands mobelsnedkeri'],
    ['Göteborg', 'goteborg'],
    ['Åkesson', 'akesson'],
    ['Þórshöfn', 'thorshofn'],
    ['Œuvre', 'oeuvre'],
    ['Đakovo', 'dakovo'],
    ['Wójcik', 'wojcik'],
  ])('folds %s to %s', (input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it('lower-cases plain ASCII and leaves digits, spaces and punctuation alone', () => {
    expect(fold('Pennine Precision Ltd. 04518832 (HX1 5QT)')).toBe('pennine precision ltd. 04518832 (hx1 5qt)');
  });

  it('gives the same result for composed and decomposed forms of a letter', () => {
    expect(fold('Malm\u00f6')).toBe(fold('Malmo\u0308'));
  });

  it('is idempotent', () => {
    for (const text of ['Łódź', 'Straße', 'Ørestad', 'ÆØÅ æøå']) expect(fold(fold(text))).toBe(fold(text));
  });
});
