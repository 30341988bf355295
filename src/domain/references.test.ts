// Reference numbers: provisional on the device, permanent from the server.
import { expect, test } from 'vitest';
import { formatReference, isProvisionalReference, provisionalReference } from './references';

test('a provisional reference takes the last six hex digits of the event id', () => {
  expect(provisionalReference('foi', 2026, '0190a4b2-1c3d-7e5f-8a9b-00000003fa9c')).toBe('FOI-2026-P-03fa9c');
  expect(provisionalReference('internal_review', 2027, '0190a4b2-1c3d-7e5f-8a9b-abcdefABCDEF')).toBe(
    'IR-2027-P-abcdef',
  );
});

test('a permanent reference is the type, the year and a five-digit number', () => {
  expect(formatReference('foi', 2026, 417)).toBe('FOI-2026-00417');
  expect(formatReference('data_breach', 2026, 123_456)).toBe('DB-2026-123456');
});

test('provisional and permanent references are told apart', () => {
  expect(isProvisionalReference('SAR-2026-P-0a1b2c')).toBe(true);
  expect(isProvisionalReference('SAR-2026-00417')).toBe(false);
});
