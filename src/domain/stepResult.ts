// What every decision returns: the new state, or a reason a person can read.
import type { StreamState } from './caseState';

export type Refusal = { ok: false; reason: string };
export type StepResult<S = StreamState> = { ok: true; state: S } | Refusal;

export const refuse = (reason: string): Refusal => ({ ok: false, reason });
export const accept = <S>(state: S): { ok: true; state: S } => ({ ok: true, state });
