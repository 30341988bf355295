// Who is acting: the server builds this from the signed-in account; the device from its cached
// profile. Rules in the domain decide with it; they never read a session or a request.
import { z } from 'zod';

export const roleSchema = z.enum([
  'case_worker',
  'policy_official',
  'contributor',
  'clearance_officer',
  'manager',
  'administrator',
]);
export type Role = z.infer<typeof roleSchema>;

export const principalSchema = z.object({
  userId: z.string().min(1),
  displayName: z.string(),
  roles: z.array(roleSchema).min(1),
  /** Teams the person belongs to; the information-rights team is `information-rights`. */
  teamIds: z.array(z.string()),
});
export type Principal = z.infer<typeof principalSchema>;

export const INFORMATION_RIGHTS_TEAM = 'information-rights';
