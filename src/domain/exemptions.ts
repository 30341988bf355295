// The exemptions and exceptions a redaction or a refusal can rely on, by the law that gives them:
// FOIA 2000 Part II (and the s12/s14 refusal grounds), the EIR 2004 regulations 12 and 13, and
// the UK GDPR / DPA 2018 grounds for withholding other people's data from a subject access
// response. The code is what a case and a redaction record; the title is the words used in letters.
import type { CaseType } from './caseTypes';

export type Regime = 'foia' | 'eir' | 'dpa';
export type Exemption = { code: string; title: string; regime: Regime };

const foia = (code: string, title: string): Exemption => ({ code, title, regime: 'foia' });
const eir = (code: string, title: string): Exemption => ({ code, title, regime: 'eir' });
const dpa = (code: string, title: string): Exemption => ({ code, title, regime: 'dpa' });

export const EXEMPTIONS: readonly Exemption[] = [
  foia('s12', 'Cost of compliance exceeds the appropriate limit'),
  foia('s14', 'Vexatious or repeated request'),
  foia('s21', 'Information accessible by other means'),
  foia('s22', 'Information intended for future publication'),
  foia('s22A', 'Research information'),
  foia('s23', 'Information supplied by, or relating to, bodies dealing with security matters'),
  foia('s24', 'National security'),
  foia('s26', 'Defence'),
  foia('s27', 'International relations'),
  foia('s28', 'Relations within the United Kingdom'),
  foia('s29', 'The economy'),
  foia('s30', 'Investigations and proceedings'),
  foia('s31', 'Law enforcement'),
  foia('s32', 'Court records'),
  foia('s33', 'Audit functions'),
  foia('s34', 'Parliamentary privilege'),
  foia('s35', 'Formulation of government policy'),
  foia('s36', 'Prejudice to effective conduct of public affairs'),
  foia('s37', 'Communications with His Majesty and honours'),
  foia('s38', 'Health and safety'),
  foia('s39', 'Environmental information (dealt with under the EIR)'),
  foia('s40(1)', "The requester's own personal data"),
  foia('s40(2)', 'Personal information of other people'),
  foia('s41', 'Information provided in confidence'),
  foia('s42', 'Legal professional privilege'),
  foia('s43', 'Commercial interests'),
  foia('s44', 'Prohibitions on disclosure'),
  eir('reg 12(4)(a)', 'Information not held'),
  eir('reg 12(4)(b)', 'Manifestly unreasonable request'),
  eir('reg 12(4)(c)', 'Request formulated in too general a manner'),
  eir('reg 12(4)(d)', 'Material in the course of completion or unfinished documents'),
  eir('reg 12(4)(e)', 'Internal communications'),
  eir('reg 12(5)(a)', 'International relations, defence, national security or public safety'),
  eir('reg 12(5)(b)', 'The course of justice and inquiries'),
  eir('reg 12(5)(c)', 'Intellectual property rights'),
  eir('reg 12(5)(d)', 'Confidentiality of proceedings'),
  eir('reg 12(5)(e)', 'Confidentiality of commercial or industrial information'),
  eir('reg 12(5)(f)', 'Interests of the person who provided the information'),
  eir('reg 12(5)(g)', 'Protection of the environment'),
  eir('reg 13', 'Personal information of other people'),
  dpa('Art 15(4)', 'Would adversely affect the rights and freedoms of others (UK GDPR)'),
  dpa('DPA Sch 2 para 16', 'Personal data of a third party who has not consented'),
  dpa('DPA Sch 2 para 19', 'Legal professional privilege'),
  dpa('DPA Sch 2 para 2', 'Crime and taxation'),
  dpa('DPA Sch 2 para 5', 'Information required to be disclosed by law or in legal proceedings'),
  dpa('DPA Sch 2 para 14', 'Management forecasts and planning'),
  dpa('DPA Sch 2 para 24', 'Confidential references'),
  dpa('DPA Sch 3', 'Health, social work and education data'),
];

const byCode = new Map(EXEMPTIONS.map((e) => [e.code, e]));

export function exemptionTitle(code: string): string {
  return byCode.get(code)?.title ?? code;
}

/** The name of the law a code comes from, for letters; FOIA for codes not in the catalogue. */
export function lawOf(code: string): string {
  return REGIME_NAMES[byCode.get(code)?.regime ?? 'foia'];
}

export function isKnownExemption(code: string): boolean {
  return byCode.has(code);
}

/** The regimes that apply to a case of this type, most relevant first. */
export function regimesFor(caseType: CaseType): Regime[] {
  switch (caseType) {
    case 'eir':
      return ['eir', 'foia'];
    case 'sar':
    case 'data_breach':
      return ['dpa'];
    default:
      return ['foia', 'eir', 'dpa'];
  }
}

/** The list a person picks from on a case of this type: its own law first, then the others. */
export function exemptionsFor(caseType: CaseType): Exemption[] {
  return regimesFor(caseType).flatMap((regime) => EXEMPTIONS.filter((e) => e.regime === regime));
}

export const REGIME_NAMES: Record<Regime, string> = {
  foia: 'Freedom of Information Act 2000',
  eir: 'Environmental Information Regulations 2004',
  dpa: 'UK GDPR and Data Protection Act 2018',
};
