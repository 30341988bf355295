// Finds the case a /cases/:reference address means. The address holds the reference people
// share (FOI-2026-00417), or right after logging offline the case's id, because a provisional
// reference is replaced once the server numbers the case.
import { useCases } from '../../data';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function useCaseStream(param: string): { stream: string | null; isLoading: boolean } {
  const isId = UUID.test(param);
  // Hooks run on every render; for an id no case has that reference, so the index answers at once.
  const { cases, isLoading } = useCases({ reference: param });
  if (isId) return { stream: `case:${param.toLowerCase()}`, isLoading: false };
  return { stream: cases[0]?.id ?? null, isLoading };
}
