// Names for people, on- and offline: the accounts list when the server can be reached, the
// directory (kept on the device) and, for anyone else, the name the timeline recorded.
import { useMemo } from 'react';
import { useUsers } from '../../data';
import type { TimelineEntry } from '../../domain';
import { useDirectoryState } from '../allocation/directoryData';

export type Person = { userId: string; name: string; roles: readonly string[] };

export function usePeople(timeline: readonly TimelineEntry[] = []): {
  people: Person[];
  nameOf: (userId: string) => string;
} {
  const { users } = useUsers();
  const directory = useDirectoryState();
  return useMemo(() => {
    const byId = new Map<string, Person>();
    for (const entry of timeline)
      byId.set(entry.actor, { userId: entry.actor, name: entry.actorName, roles: [] });
    for (const person of directory.people)
      byId.set(person.userId, { userId: person.userId, name: person.name, roles: [] });
    for (const user of users)
      byId.set(user.userId, { userId: user.userId, name: user.displayName, roles: user.roles });
    const people = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
    return { people, nameOf: (userId: string) => byId.get(userId)?.name ?? userId };
  }, [users, directory, timeline]);
}
