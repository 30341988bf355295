// The words a list or a case page uses for a case's kind and state, taken from the domain's
// tables so the screens and the server's refusals speak the same language.

import { type Status, statuses } from '../../domain/caseState';
import { type CaseType, caseTypeSchema, caseTypes } from '../../domain/caseTypes';
import { workflowFor } from '../../domain/workflows';

export function isCaseType(value: string): value is CaseType {
  return caseTypeSchema.safeParse(value).success;
}

export function isStatus(value: string): value is Status {
  return (statuses as readonly string[]).includes(value);
}

/** "Freedom of Information request"; the raw value for a kind this version does not know. */
export function caseTypeLabel(caseType: string): string {
  return isCaseType(caseType) ? caseTypes[caseType].label : caseType;
}

/** Short label for tables: "FOI", "EIR". */
export function caseTypeShort(caseType: string): string {
  return isCaseType(caseType) ? caseTypes[caseType].referencePrefix : caseType;
}

/** "Awaiting acceptance": the workflow table's own label for the state. */
export function statusLabel(caseType: string, status: string): string {
  if (isCaseType(caseType) && isStatus(status)) {
    const row = workflowFor(caseType).states[status];
    if (row) return row.label;
  }
  const words = status.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Every state an information request can be in, for the All cases filter. */
export const STATUS_OPTIONS: readonly { value: Status; label: string }[] = statuses.map((status) => ({
  value: status,
  label: statusLabel('foi', status),
}));

/**
 * The state's key ("in_review") whether a list item carries the key or the workflow's label
 * ("In review"): the server's summary field has held either, so lists accept both.
 */
export function statusKeyOf(caseType: string, status: string): string {
  if (isStatus(status)) return status;
  if (isCaseType(caseType)) {
    const states = workflowFor(caseType).states;
    const found = statuses.find((key) => states[key]?.label === status);
    if (found) return found;
  }
  return status.toLowerCase().replace(/\s+/g, '_');
}

/** What a state filter must match in the summary field: the key and the label of each state. */
export function statusFilterValues(keys: readonly string[], caseType = 'foi'): string[] {
  return [...new Set(keys.flatMap((key) => [key, statusLabel(caseType, key)]))];
}
