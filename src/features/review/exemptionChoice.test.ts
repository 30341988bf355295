// A new redaction starts with the exemption last used, when it fits the case's law.
import { describe, expect, it } from 'vitest';
import { personalInformationExemption, startingExemption } from './exemptionChoice';

describe('the starting exemption', () => {
  it('is the one used last when it applies to the case', () => {
    expect(startingExemption('foi', 's43')).toBe('s43');
  });

  it("falls back to the case's usual ground for other people's data", () => {
    expect(startingExemption('foi', null)).toBe('s40(2)');
    expect(startingExemption('eir', null)).toBe('reg 13');
    // A FOI section makes no sense on a subject access request.
    expect(startingExemption('sar', 's43')).toBe('DPA Sch 2 para 16');
  });

  it("names third parties' details under the personal-information ground of the case's law", () => {
    expect(personalInformationExemption('foi')).toBe('s40(2)');
    expect(personalInformationExemption('eir')).toBe('reg 13');
    expect(personalInformationExemption('sar')).toBe('DPA Sch 2 para 16');
  });
});
