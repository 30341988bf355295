// The organisation's details printed on response letters. Demo values: an organisation sets
// its own (a configuration stream is future work; see the report of issue 5).
export const ORGANISATION = {
  name: 'Clearway Borough Council',
  addressLines: ['Civic Centre, High Street', 'Clearway CW1 1AA', 'foi@clearway.example.gov.uk'],
  reviewContact:
    'the Information Governance Manager, Civic Centre, High Street, Clearway CW1 1AA (foi@clearway.example.gov.uk)',
} as const;
