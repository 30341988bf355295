// How documents written by older versions of this app are carried forward when the app updates.
// A strategy receives a document of the previous version and returns it in the new shape;
// returning null would drop it, which we never do: local data must survive upgrades.
import type { MigrationStrategies } from 'rxdb';
import { type CaseState, isWaitingOn } from '../domain';

function isCaseState(state: unknown): state is CaseState {
  return typeof state === 'object' && state !== null && (state as { kind?: unknown }).kind === 'case';
}

/**
 * Derives the fields version 1 added from a stream document's owner and team arrays (the case
 * summaries copy them for the lists).
 * `userId` (and `teamIds`) are the person whose database this is: each person has their own.
 * `isMine` puts a case in My work: theirs to work on, or waiting on them or their team.
 */
export function withDerivedFields<T extends { ownerIds?: unknown; teamIds?: unknown; state?: unknown }>(
  doc: T,
  userId: string,
  teamIds: readonly string[] = [],
): T & { primaryOwnerId: string; primaryTeamId: string; isMine: boolean; stage: string } {
  const strings = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const owners = strings(doc.ownerIds);
  return {
    ...doc,
    primaryOwnerId: owners[0] ?? '',
    primaryTeamId: strings(doc.teamIds)[0] ?? '',
    isMine:
      owners.includes(userId) || (isCaseState(doc.state) && isWaitingOn(doc.state, { userId, teamIds })),
    stage: stageOf(doc.state),
  };
}

export function streamMigrationStrategies(
  userId: string,
  teamIds: readonly string[] = [],
): MigrationStrategies {
  return {
    1: (oldDoc) => withDerivedFields(oldDoc, userId, teamIds),
    // Version 2 only dropped indexes: the documents are the same.
    2: (oldDoc) => oldDoc,
  };
}

/** The machine status inside a case's state (`in_progress`), '' for other streams. */
export function stageOf(state: unknown): string {
  if (typeof state !== 'object' || state === null || !('status' in state)) return '';
  return typeof state.status === 'string' ? state.status : '';
}
