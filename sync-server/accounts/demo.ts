// Demo mode (`npm start` with no configuration): five people, password `demo`, so anyone can try
// every role. Production mode refuses to sign them in (see accountRoutes.ts).
import type { Role } from '../../src/domain/principal';
import { INFORMATION_RIGHTS_TEAM } from '../../src/domain/principal';
import type { Queryable } from '../storage/database';
import { createAccount, findAccountByUsername } from './users';

export const DEMO_PASSWORD = 'demo';

export const DEMO_PEOPLE: { username: string; displayName: string; roles: Role[]; teamIds: string[] }[] = [
  {
    username: 'caseworker',
    displayName: 'Sam Okafor',
    roles: ['case_worker'],
    teamIds: [INFORMATION_RIGHTS_TEAM],
  },
  { username: 'official', displayName: 'Priya Shah', roles: ['policy_official'], teamIds: ['waste-policy'] },
  {
    username: 'clearance',
    displayName: 'Helen Price',
    roles: ['clearance_officer'],
    teamIds: ['waste-policy'],
  },
  { username: 'manager', displayName: 'Tom Reilly', roles: ['manager'], teamIds: [INFORMATION_RIGHTS_TEAM] },
  { username: 'admin', displayName: 'Alex Morgan', roles: ['administrator'], teamIds: [] },
];

/** Creates the demo people that do not exist yet (their user id is their username); returns how many. */
export async function seedDemoPeople(db: Queryable): Promise<number> {
  let created = 0;
  for (const person of DEMO_PEOPLE) {
    if (await findAccountByUsername(db, person.username)) continue;
    const account = await createAccount(db, {
      ...person,
      userId: person.username,
      password: DEMO_PASSWORD,
      isDemo: true,
    });
    if (account) created += 1;
  }
  return created;
}
