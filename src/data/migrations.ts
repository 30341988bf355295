// How documents written by older versions of this app are carried forward when the app updates.
// A strategy receives a document of the previous version and returns it in the new shape;
// returning null would drop it, which we never do: local data must survive upgrades.
import type { MigrationStrategies } from 'rxdb';

/** Splits a stream document's owner and team arrays into the indexed fields of version 1. */
export function withPrimaryOwnerAndTeam<T extends { ownerIds?: unknown; teamIds?: unknown }>(
  doc: T,
): T & { primaryOwnerId: string; primaryTeamId: string } {
  const first = (value: unknown): string =>
    Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '';
  return { ...doc, primaryOwnerId: first(doc.ownerIds), primaryTeamId: first(doc.teamIds) };
}

export const streamMigrationStrategies: MigrationStrategies = {
  1: (oldDoc) => withPrimaryOwnerAndTeam(oldDoc),
};
