import { describe, expect, it } from 'vitest';
import { matchPattern, type PatternName } from './patterns';

const found = (name: PatternName, text: string) =>
  matchPattern(name, text).map(({ start, end }) => text.slice(start, end));

describe('personal-data patterns', () => {
  it('finds e-mail addresses, not the words around them', () => {
    expect(found('email', 'Write to jane.smith+foi@example.gov.uk, or j@x.co.')).toEqual([
      'jane.smith+foi@example.gov.uk',
      'j@x.co',
    ]);
    expect(found('email', 'Meet @ 10am at example.org')).toEqual([]);
  });

  it('finds UK landline and mobile numbers in the ways people write them', () => {
    const text =
      'Call 020 7946 0958, (0161) 496 0000, +44 (0)7700 900123, +447700900456, 01632-960-123 or 0800 123 4567.';
    expect(found('phone', text)).toEqual([
      '020 7946 0958',
      '(0161) 496 0000',
      '+44 (0)7700 900123',
      '+447700900456',
      '01632-960-123',
      '0800 123 4567',
    ]);
  });

  it('does not take a reference number, a year or a short number for a phone number', () => {
    expect(found('phone', 'Case 2024/0457, paid £0.50 in 2019, ref 0123')).toEqual([]);
    // A following year is not swallowed into the number.
    expect(found('phone', 'Tel 020 7946 0958 2019')).toEqual(['020 7946 0958']);
    expect(found('phone', 'number 0467 123 456')).toEqual([]); // 04 is not a UK range
  });

  it('finds National Insurance numbers, spaced or not, and skips prefixes never issued', () => {
    expect(found('nino', 'NINO: AB 12 34 56 C; also ce123456d and QQ123456A.')).toEqual([
      'AB 12 34 56 C',
      'ce123456d',
      'QQ123456A',
    ]);
    expect(found('nino', 'GB123456A, DA123456A, AO123456A, AB123456E')).toEqual([]);
  });

  it('finds UK postcodes of every shape', () => {
    expect(
      found('postcode', 'SW1A 1AA; M1 1AE; B33 8TH; CR2 6XH; DN55 1PT; W1A 0AX; EC1A1BB; GIR 0AA'),
    ).toEqual(['SW1A 1AA', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'W1A 0AX', 'EC1A1BB', 'GIR 0AA']);
    expect(found('postcode', 'Room 12 3AB is not a postcode, nor is QX1 1AA')).toEqual([]);
  });

  it('finds dates of birth after a cue, and leaves other dates alone', () => {
    const text =
      'Letter dated 4 March 2025. Date of birth: 12/03/1985. She was born on 1st of June 1990; DOB 07.11.62. ' +
      'D.O.B. March 5, 1971. Reply due 01/04/2025.';
    expect(found('dob', text)).toEqual(['12/03/1985', '1st of June 1990', '07.11.62', 'March 5, 1971']);
  });
});
