import { describe, expect, it } from 'vitest';
import type { DirectoryPerson } from '../../domain/events/orgPayloads';
import { type Directory, suggestOwners } from './ownerSuggestions';

const person = (userId: string, name: string, teamIds: string[]) =>
  ({ userId, name, teamIds }) as DirectoryPerson;

const DIRECTORY: Directory = {
  policyAreas: [
    { policyAreaId: 'environment', name: 'Environment', keywords: ['bins', 'recycling'] },
    { policyAreaId: 'housing', name: 'Housing', keywords: ['homelessness', 'repairs'] },
  ],
  teams: [
    { teamId: 'waste', name: 'Waste policy', policyAreaId: 'environment' },
    { teamId: 'lettings', name: 'Lettings', policyAreaId: 'housing' },
  ],
  people: [
    person('priya', 'Priya Shah', ['waste']),
    person('tom', 'Tom Wu', ['lettings']),
    person('ana', 'Ana Bell', ['lettings']),
  ],
};

describe('suggesting who should answer a request', () => {
  it('suggests the people in the teams of the chosen subject, saying why', () => {
    const suggestions = suggestOwners(
      { subject: 'Environment', policyAreaId: 'environment', requestText: 'Fly-tipping in 2025' },
      DIRECTORY,
      [],
    );
    expect(suggestions.map((s) => s.userId)).toEqual(['priya']);
    expect(suggestions[0]?.reasons).toEqual([
      'Works in Waste policy (Environment); the subject is Environment',
    ]);
  });

  it('finds the area from key words in the request when no subject matches', () => {
    const suggestions = suggestOwners(
      { subject: 'General', requestText: 'How many repairs were late?' },
      DIRECTORY,
      [],
    );
    expect(suggestions.map((s) => s.name)).toEqual(['Ana Bell', 'Tom Wu']);
    expect(suggestions[0]?.reasons[0]).toContain('the request mentions “repairs”');
  });

  it('ranks first the person who answered similar past requests', () => {
    const suggestions = suggestOwners(
      {
        subject: 'Housing',
        policyAreaId: 'housing',
        requestText: 'Damp and mould complaints in council flats',
      },
      DIRECTORY,
      [
        {
          reference: 'FOI-2025-00100',
          subject: 'Housing',
          requestText: 'mould in council flats',
          answeredBy: [{ userId: 'tom', teamId: 'lettings' }],
        },
        {
          reference: 'FOI-2025-00200',
          subject: 'Housing',
          policyAreaId: 'housing',
          answeredBy: [{ userId: 'tom', teamId: 'lettings' }],
        },
      ],
    );
    expect(suggestions[0]?.userId).toBe('tom');
    expect(suggestions[0]?.reasons).toContain(
      'Answered 2 similar requests, including FOI-2025-00100, FOI-2025-00200',
    );
  });

  it('never suggests someone who has left the directory', () => {
    const suggestions = suggestOwners({ subject: 'Bins', requestText: 'bins' }, DIRECTORY, [
      { reference: 'FOI-2024-00001', subject: 'Bins', answeredBy: [{ userId: 'gone', teamId: 'waste' }] },
    ]);
    expect(suggestions.map((s) => s.userId)).toEqual(['priya']);
  });

  it('suggests nobody when nothing matches, rather than guessing', () => {
    expect(suggestOwners({ subject: 'Parking', requestText: 'parking fines' }, DIRECTORY, [])).toEqual([]);
  });
});
