// The server's (and the device's) single judgement on an incoming event: parse it, check the
// actor and the person's permission in this state, then fold it through the workflow.
import type { StreamState } from './caseState';
import type { ClearwayEvent } from './events/catalogue';
import { parseEvent } from './events/parseEvent';
import { canSend } from './permissions';
import type { Principal } from './principal';
import { type ReduceContext, reduce } from './reducer';
import type { Refusal } from './stepResult';

export type Decision = { ok: true; state: StreamState; event: ClearwayEvent } | Refusal;

export function decide(
  state: StreamState | null,
  raw: unknown,
  principal: Principal,
  ctx: ReduceContext,
): Decision {
  const parsed = parseEvent(raw);
  if (!parsed.ok) return parsed;
  return decideParsed(state, parsed.event, principal, ctx);
}

/**
 * `decide` for an event that is already parseEvent's own result (the server parses each pushed
 * event once, to refuse a malformed push whole): parsing it again gives the same event, so
 * this skips that and only checks the permission and folds.
 */
export function decideParsed(
  state: StreamState | null,
  event: ClearwayEvent,
  principal: Principal,
  ctx: ReduceContext,
): Decision {
  const permission = canSend(principal, event, state);
  if (!permission.ok) return permission;
  const result = reduce(state, event, ctx);
  return result.ok ? { ok: true, state: result.state, event } : result;
}
