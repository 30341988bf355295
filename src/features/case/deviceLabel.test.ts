import { describe, expect, it } from 'vitest';
import { deviceLabel } from './deviceLabel';

const names = { 'dev-ipad-0001': "Priya's iPad", 'dev-laptop-02': 'Chrome on Windows' };

describe('the device a timeline step names', () => {
  it('uses the name the person gave the device when it is known', () => {
    expect(deviceLabel('dev-laptop-02', names, 'dev-ipad-0001')).toBe('Chrome on Windows');
  });

  it('says "this device" for the one in hand, with its name', () => {
    expect(deviceLabel('dev-ipad-0001', names, 'dev-ipad-0001')).toBe("this device (Priya's iPad)");
    expect(deviceLabel('dev-new', {}, 'dev-new')).toBe('this device');
  });

  it('falls back to a short id for a device this one does not know (someone else’s)', () => {
    expect(deviceLabel('0192f3a1-7c2e-7000-8000-000000000000', names, null)).toBe(
      'another device (0192f3a1)',
    );
  });
});
