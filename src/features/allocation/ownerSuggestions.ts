// Who should answer this request? Suggestions from two places: the directory (the policy area
// the subject belongs to, or whose key words the request mentions) and history (who answered
// similar past cases). Each suggestion says why, so the case worker can judge it, which the
// hand-kept spreadsheet never did.
import type { DirectoryPerson, DirectoryTeam, PolicyArea } from '../../domain/events/orgPayloads';

export type Directory = {
  policyAreas: readonly PolicyArea[];
  teams: readonly DirectoryTeam[];
  people: readonly DirectoryPerson[];
};

export type PastCase = {
  reference: string;
  subject: string;
  policyAreaId?: string | undefined;
  requestText?: string | undefined;
  /** The people who accepted and answered it, with their team. */
  answeredBy: readonly { userId: string; teamId: string }[];
};

export type RequestFacts = { subject: string; policyAreaId?: string | undefined; requestText: string };

export type OwnerSuggestion = {
  userId: string;
  name: string;
  teamId: string;
  teamName: string;
  score: number;
  /** Plain reasons: "Works in Waste policy, which answers on bins". */
  reasons: string[];
};

const DIRECTORY_WEIGHT = 3;
const SAME_AREA_WEIGHT = 2;
const SIMILAR_TEXT_WEIGHT = 1;
// Two requests sharing at least this share of their meaningful words count as similar.
const SIMILARITY_THRESHOLD = 0.25;
const MAX_SUGGESTIONS = 5;

const STOP_WORDS = new Set(
  'a an and any are as at be by for from have i in is it me of on or please provide request the this to under we what which with you your all copy copies information held'.split(
    ' ',
  ),
);

function wordsOf(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2 && !STOP_WORDS.has(w)),
  );
}

function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / Math.min(a.size, b.size);
}

/** The policy areas a request belongs to: the one chosen, or those whose name or key words it mentions. */
export function matchingAreas(
  request: RequestFacts,
  areas: readonly PolicyArea[],
): { area: PolicyArea; why: string }[] {
  const text = `${request.subject} ${request.requestText}`.toLowerCase();
  return areas.flatMap((area) => {
    if (area.policyAreaId === request.policyAreaId) return [{ area, why: `the subject is ${area.name}` }];
    const keyword = [area.name, ...area.keywords].find((k) => k.trim() && text.includes(k.toLowerCase()));
    return keyword ? [{ area, why: `the request mentions “${keyword}”` }] : [];
  });
}

export function suggestOwners(
  request: RequestFacts,
  directory: Directory,
  history: readonly PastCase[],
): OwnerSuggestion[] {
  const teamsById = new Map(directory.teams.map((t) => [t.teamId, t]));
  const peopleById = new Map<string, DirectoryPerson>(directory.people.map((p) => [p.userId, p]));
  const found = new Map<string, OwnerSuggestion>();
  const credit = (userId: string, teamId: string, score: number, reason: string) => {
    const person = peopleById.get(userId);
    const team = teamsById.get(teamId);
    // Only people still in the directory: someone who has left cannot take the case.
    if (!person || !team) return;
    const key = `${userId}\u0000${teamId}`;
    const current = found.get(key) ?? {
      userId,
      name: person.name,
      teamId,
      teamName: team.name,
      score: 0,
      reasons: [],
    };
    current.score += score;
    if (!current.reasons.includes(reason)) current.reasons.push(reason);
    found.set(key, current);
  };

  for (const { area, why } of matchingAreas(request, directory.policyAreas)) {
    for (const team of directory.teams.filter((t) => t.policyAreaId === area.policyAreaId)) {
      for (const person of directory.people.filter((p) => p.teamIds.includes(team.teamId))) {
        credit(person.userId, team.teamId, DIRECTORY_WEIGHT, `Works in ${team.name} (${area.name}); ${why}`);
      }
    }
  }

  const requestWords = wordsOf(`${request.subject} ${request.requestText}`);
  const similarCounts = new Map<string, string[]>();
  for (const past of history) {
    const isSameArea = Boolean(request.policyAreaId) && past.policyAreaId === request.policyAreaId;
    const isSimilar =
      past.subject.toLowerCase() === request.subject.toLowerCase() ||
      similarity(requestWords, wordsOf(`${past.subject} ${past.requestText ?? ''}`)) >= SIMILARITY_THRESHOLD;
    if (!isSameArea && !isSimilar) continue;
    for (const owner of past.answeredBy) {
      const key = `${owner.userId}\u0000${owner.teamId}`;
      similarCounts.set(key, [...(similarCounts.get(key) ?? []), past.reference]);
      credit(
        owner.userId,
        owner.teamId,
        isSimilar ? SAME_AREA_WEIGHT + SIMILAR_TEXT_WEIGHT : SAME_AREA_WEIGHT,
        '',
      );
    }
  }
  for (const [key, references] of similarCounts) {
    const suggestion = found.get(key);
    if (!suggestion) continue;
    suggestion.reasons = suggestion.reasons.filter((r) => r !== '');
    const listed = references.slice(0, 3).join(', ');
    suggestion.reasons.push(
      references.length === 1
        ? `Answered a similar request: ${listed}`
        : `Answered ${references.length} similar requests, including ${listed}`,
    );
  }

  return [...found.values()]
    .map((s) => ({ ...s, reasons: s.reasons.filter((r) => r !== '') }))
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'en-GB'))
    .slice(0, MAX_SUGGESTIONS);
}
