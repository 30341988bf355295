// What every part of a case page needs: the case's state, its stream, the person using the
// page, names for people, and today's date. Provided once by CasePage.
import { createContext, useContext } from 'react';
import type { Principal, StreamId } from '../../domain';
import type { CaseState } from '../../domain/caseState';
import type { CaseDeadline } from './caseDeadline';

export type CaseContextValue = {
  state: CaseState;
  stream: StreamId;
  me: Principal;
  nameOf: (userId: string) => string;
  /** Europe/London date, `YYYY-MM-DD`. */
  today: string;
  /** ISO instant. */
  now: string;
  deadline: CaseDeadline;
  /** Event types this person may send in the case's current state (workflow table and roles). */
  allowed: ReadonlySet<string>;
};

const CaseContext = createContext<CaseContextValue | null>(null);

export const CaseProvider = CaseContext.Provider;

export function useCaseContext(): CaseContextValue {
  const value = useContext(CaseContext);
  if (!value) throw new Error('useCaseContext is used outside a case page.');
  return value;
}
