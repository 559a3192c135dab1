import { describe, expect, it } from 'vitest';
import { csvField, csvRecord } from '../../electron/services/exports/csv';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['', ''],
  ])('quotes %j only as RFC 4180 needs: %s', (value, expected) => {
    expect(csvField(value, 'text')).toBe(expected);
  });

  it.each(['=1+2', '+44 20 7946 0000', '-2+3', '@SUM(A1:A2)', '\tTAB', '=HYPERLINK("x","y")'])('prefixes text %j that a spreadsheet would run as a formula', (value) => {
    const field = csvField(value, 'text');
    expect(field.replace(/^"/, '').startsWith("'")).toBe(true);
  });

  it('leaves numbers, booleans and empty cells as they are', () => {
    expect(csvField(-3, 'number')).toBe('-3');
    expect(csvField(42.5, 'number')).toBe('42.5');
    expect(csvField(true, 'boolean')).toBe('true');
    expect(csvField(null, 'text')).toBe('');
  });

  it('writes dates as ISO 8601: a date without time, a moment in UTC', () => {
    const moment = new Date('2026-03-05T14:30:00.000Z');
    expect(csvField(moment, 'date')).toBe('2026-03-05');
    expect(csvField(moment, 'datetime')).toBe('2026-03-05T14:30:00.000Z');
  });

  it('ends each record with CRLF', () => {
    expect(csvRecord(['a', 'b'])).toBe('a,b\r\n');
  });
});
