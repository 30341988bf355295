// Case reference numbers. A case logged offline gets a provisional reference made from its
// first event's id (unique without asking anyone); the server swaps in the permanent,
// sequential one (FOI-2026-00417) when it first accepts the case.
import { type CaseType, caseTypes } from './caseTypes';

const PERMANENT_DIGITS = 5;

/** e.g. `FOI-2026-P-3fa9c1`: the last 6 hex digits of the event id (its random part). */
export function provisionalReference(type: CaseType, year: number, eventId: string): string {
  const hex = eventId.replace(/-/g, '').slice(-6).toLowerCase();
  return `${caseTypes[type].referencePrefix}-${year}-P-${hex}`;
}

export function formatReference(type: CaseType, year: number, n: number): string {
  return `${caseTypes[type].referencePrefix}-${year}-${String(n).padStart(PERMANENT_DIGITS, '0')}`;
}

export const provisionalReferencePattern = /^[A-Z]+-\d{4}-P-[0-9a-f]{6}$/;

export function isProvisionalReference(reference: string): boolean {
  return provisionalReferencePattern.test(reference);
}
