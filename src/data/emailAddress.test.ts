import { describe, expect, it } from 'vitest';
import { emailAddressSchema, meResponseSchema } from './api';

describe('the e-mail address a person gives for their weekly digest', () => {
  it('takes a work address, without the spaces round it', () => {
    expect(emailAddressSchema.parse('  priya.shah@example.gov.uk ')).toBe('priya.shah@example.gov.uk');
  });

  it('says in plain words what is wrong with one that is not an address', () => {
    const result = emailAddressSchema.safeParse('priya.shah');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      'Enter an e-mail address in the right form, like name@example.gov.uk',
    );
    expect(emailAddressSchema.safeParse(`${'a'.repeat(250)}@x.uk`).success).toBe(false);
  });

  it('reads who am I from servers that send the address and from those that do not yet', () => {
    const user = { userId: 'priya', displayName: 'Priya Shah', roles: ['policy_official'], teamIds: [] };
    expect(meResponseSchema.parse({ user, deviceId: 'd', email: 'p@example.gov.uk' }).email).toBe(
      'p@example.gov.uk',
    );
    expect(meResponseSchema.parse({ user, deviceId: 'd' }).email).toBeUndefined();
  });
});
