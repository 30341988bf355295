// Payloads of the organisation-wide streams: the directory of policy areas, teams and people
// (allocation suggestions come from it), the template library, and extra bank holidays.
import { z } from 'zod';
import { caseTypeSchema, regionSchema } from '../caseTypes';
import { isoDateSchema } from '../ids';
import { roleSchema } from '../principal';
import { userIdSchema } from './envelope';

const localId = z.string().min(1).max(80);
const name = z.string().trim().min(1, 'must not be empty').max(200);

export const directoryPersonSchema = z.object({
  userId: userIdSchema,
  name,
  email: z.email('must be an e-mail address').optional(),
  teamIds: z.array(localId),
});
export const directoryTeamSchema = z.object({ teamId: localId, name, policyAreaId: localId });
export const policyAreaSchema = z.object({
  policyAreaId: localId,
  name,
  /** Words that suggest this area when a request mentions them. */
  keywords: z.array(z.string().max(80)).default([]),
});
export type DirectoryPerson = z.infer<typeof directoryPersonSchema>;
export type DirectoryTeam = z.infer<typeof directoryTeamSchema>;
export type PolicyArea = z.infer<typeof policyAreaSchema>;

/** A CSV import replaces the whole directory (it replaces the hand-kept spreadsheet). */
export const directoryImportedSchema = z.object({
  fileName: z.string().max(300).optional(),
  policyAreas: z.array(policyAreaSchema),
  teams: z.array(directoryTeamSchema),
  people: z.array(directoryPersonSchema),
});
export const personRemovedSchema = z.object({ userId: userIdSchema });
/**
 * An administrator changed what a person does or which teams they are in (their account, which
 * decides what they may see). Recorded by the server in the same transaction as the change, so
 * the audit trail says who changed whose access, from what to what.
 */
export const rolesChangedSchema = z.object({
  userId: userIdSchema,
  rolesBefore: z.array(roleSchema),
  rolesAfter: z.array(roleSchema),
  teamIdsBefore: z.array(localId),
  teamIdsAfter: z.array(localId),
});
/**
 * An administrator set a new password for a person who had forgotten theirs. Recorded by the
 * server in the same transaction as the reset: who reset whose password, and when (the event's
 * actor and time). Never the password, nor anything derived from it.
 */
export const passwordResetSchema = z.strictObject({ userId: userIdSchema });
/**
 * An administrator removed the link between a person's account and their organisation sign-in
 * (OpenID Connect subject), so that their next organisation sign-in links it afresh: a wrong first
 * sign-in, or a new app registration that gives everyone new subjects. Recorded by the server in
 * the same transaction as the removal.
 */
export const signInUnlinkedSchema = z.strictObject({ userId: userIdSchema });

export const templateSavedSchema = z.object({
  templateId: localId,
  name,
  caseTypes: z.array(caseTypeSchema).min(1, 'must say which kinds of case it is for'),
  /** Text with placeholders such as {{reference}} and {{dueDate}}. */
  body: z.string().min(1).max(200_000),
});
export const templateRetiredSchema = z.object({
  templateId: localId,
  reason: z.string().max(2000).optional(),
});

/** Same fields as the deadline calendar's extra days, so they pass straight to it. */
export const holidayAddedSchema = z.object({
  date: isoDateSchema,
  title: name,
  regions: z.array(regionSchema).min(1, 'must say where the holiday applies'),
});
