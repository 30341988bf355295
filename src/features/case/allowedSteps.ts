// Which steps a person may take on a case now: the workflow table's events for the current
// state, filtered by the person's roles. The server checks the same table (and its guards),
// so a button shown here is one the server will normally accept.
import type { Principal } from '../../domain';
import type { CaseState } from '../../domain/caseState';
import { workflowFor } from '../../domain/workflows';

export function allowedSteps(state: CaseState, me: Principal): Set<string> {
  const row = workflowFor(state.caseType).states[state.status];
  if (!row) return new Set();
  return new Set(
    Object.entries(row.events)
      .filter(([, transition]) => transition?.roles.some((role) => me.roles.includes(role)))
      .map(([type]) => type),
  );
}
