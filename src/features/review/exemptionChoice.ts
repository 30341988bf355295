// Which exemption a new redaction starts with: the one this person used last on this device
// if it applies to the case, otherwise the usual ground for other people's personal data
// under the case's own law (most redactions are names and contact details).
import { type CaseType, exemptionsFor } from '../../domain';

const USUAL: Partial<Record<CaseType, string>> = {
  eir: 'reg 13',
  sar: 'DPA Sch 2 para 16',
  data_breach: 'DPA Sch 2 para 16',
};

/** The ground for other people's personal information under the case's law: FOIA s40(2), EIR
 * reg 13, and for a SAR third-party data (DPA 2018 Sch 2 Part 3 para 16). */
export function personalInformationExemption(caseType: CaseType): string {
  const codes = exemptionsFor(caseType).map((e) => e.code);
  const usual = USUAL[caseType] ?? 's40(2)';
  return codes.includes(usual) ? usual : (codes[0] ?? 's40(2)');
}

export function startingExemption(caseType: CaseType, remembered: string | null): string {
  const codes = exemptionsFor(caseType).map((e) => e.code);
  if (remembered && codes.includes(remembered)) return remembered;
  return personalInformationExemption(caseType);
}

const KEY = 'clearway.review.lastExemption';

export function rememberedExemption(): string | null {
  try {
    return globalThis.localStorage?.getItem(KEY) ?? null;
  } catch {
    return null; // storage blocked (private mode): start from the usual one
  }
}

export function rememberExemption(code: string): void {
  try {
    globalThis.localStorage?.setItem(KEY, code);
  } catch {
    // Remembering is a convenience; a blocked storage changes nothing else.
  }
}
