// Demo mode's cases go through the same judge as every push: all of them are accepted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoPeople } from '../accounts/demo';
import type { Database } from '../storage/database';
import { databasesUnderTest } from '../testing/databases';
import { seedDemoCases } from './demoCases';

describe('demo cases', () => {
  let db: Database;
  beforeAll(async () => {
    db = await databasesUnderTest()[0]!.open();
    await seedDemoPeople(db);
  });
  afterAll(() => db?.close());

  it('are logged and one is allocated to the demo official, all accepted by the domain', async () => {
    const result = await seedDemoCases(db, new Date('2026-03-02T10:00:00Z'));
    expect(result?.rejected).toEqual([]);
    expect(result?.accepted).toHaveLength(5);
    const visible = await db.query<{ n: number }>(
      `select count(*)::int as n from access where user_id = 'official' and can_see`,
    );
    expect(visible[0]!.n).toBeGreaterThanOrEqual(1);
  });
});
