// The directory as the allocation screens read it: policy areas, teams and people from the
// `org:directory` stream (pulled to the device, so allocation works offline). Empty until the
// first import.
import { useMemo } from 'react';
import { useDirectory } from '../../data';
import type { DirectoryState } from '../../domain/caseState';
import type { Directory } from './ownerSuggestions';

const EMPTY: Directory = { policyAreas: [], teams: [], people: [] };

export function isDirectoryState(value: unknown): value is DirectoryState {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'directory';
}

export function useDirectoryState(): Directory {
  const { state } = useDirectory();
  return useMemo(() => (isDirectoryState(state) ? state : EMPTY), [state]);
}
