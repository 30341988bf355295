// The Freedom of Information Act 2000 exemptions and refusal grounds a response most often
// relies on, by section, in the words used in letters. The section is what the case records.
export const FOI_EXEMPTIONS = [
  { section: 's12', title: 'Cost of compliance exceeds the appropriate limit' },
  { section: 's14', title: 'Vexatious or repeated request' },
  { section: 's21', title: 'Information accessible by other means' },
  { section: 's22', title: 'Information intended for future publication' },
  { section: 's23', title: 'Information supplied by, or relating to, bodies dealing with security matters' },
  { section: 's24', title: 'National security' },
  { section: 's26', title: 'Defence' },
  { section: 's27', title: 'International relations' },
  { section: 's29', title: 'The economy' },
  { section: 's30', title: 'Investigations and proceedings' },
  { section: 's31', title: 'Law enforcement' },
  { section: 's32', title: 'Court records' },
  { section: 's35', title: 'Formulation of government policy' },
  { section: 's36', title: 'Prejudice to effective conduct of public affairs' },
  { section: 's37', title: 'Communications with His Majesty and honours' },
  { section: 's38', title: 'Health and safety' },
  { section: 's40(1)', title: "The requester's own personal data" },
  { section: 's40(2)', title: 'Personal information of other people' },
  { section: 's41', title: 'Information provided in confidence' },
  { section: 's42', title: 'Legal professional privilege' },
  { section: 's43', title: 'Commercial interests' },
  { section: 's44', title: 'Prohibitions on disclosure' },
] as const;

export function exemptionTitle(section: string): string {
  return FOI_EXEMPTIONS.find((e) => e.section === section)?.title ?? section;
}
