// The fold: one event onto a stream's state. Total (every input gives a result, never a
// throw) and deterministic (no clock, no randomness: the same events give the same state on
// the device and on the server). It checks the workflow but not who is acting: that is
// `decide`, and replaying accepted history must not depend on today's permissions.

import { startCase } from './caseFold';
import type { StreamState } from './caseState';
import { streamKindOf } from './collections';
import { type ClearwayEvent, eventCatalogue, isCaseEvent, type StreamKind } from './events/catalogue';
import { caseIdOf } from './ids';
import { emptyCalendar, emptyDirectory, emptyTemplates, foldOrg } from './orgFold';
import { refuse, type StepResult } from './stepResult';
import { workflowFor } from './workflows/index';
import { step } from './workflows/machine';

export type ReduceContext = {
  /** Server time (or the device's, for its own overlay), ISO 8601. */
  now: string;
  /** The permanent reference the server gives a case when it first accepts its `case.logged`. */
  reference?: string;
};

const streamWords: Record<StreamKind, string> = {
  case: 'a case',
  directory: 'the directory',
  templates: 'the template library',
  calendar: 'the calendar',
};

const emptyOrg = { directory: emptyDirectory, templates: emptyTemplates, calendar: emptyCalendar } as const;

export function reduce(state: StreamState | null, event: ClearwayEvent, ctx: ReduceContext): StepResult {
  const kind = streamKindOf(event.stream);
  if (kind === null) return refuse(`Clearway does not keep a stream called "${event.stream}".`);
  const belongs = eventCatalogue[event.type].stream;
  if (belongs !== kind)
    return refuse(`This change belongs to ${streamWords[belongs]}, not to ${streamWords[kind]}.`);
  if (state !== null && state.kind !== kind) return refuse(`This stream holds ${streamWords[state.kind]}.`);

  if (kind !== 'case')
    return foldOrg(state === null || state.kind === 'case' ? emptyOrg[kind]() : state, event);
  if (!isCaseEvent(event)) return refuse('This change does not belong to a case.');
  if (state === null || state.kind !== 'case') {
    if (event.type !== 'case.logged')
      return refuse('This case has not been logged yet, so nothing else can happen to it.');
    const caseId = caseIdOf(event.stream);
    if (caseId === null) return refuse('The case id in this stream name is not valid.');
    const started = startCase(caseId, event, ctx.reference);
    return { ok: true, state: { ...started, status: workflowFor(started.caseType).start.to } };
  }
  return step(state, event);
}

/** All of a stream's events from nothing; stops at the first refusal, saying which event it was. */
export function replay(events: readonly ClearwayEvent[], ctx: ReduceContext): StepResult {
  let state: StreamState | null = null;
  for (const [index, event] of events.entries()) {
    const result = reduce(state, event, ctx);
    if (!result.ok) return refuse(`Event ${index + 1} (${event.type}) was refused: ${result.reason}`);
    state = result.state;
  }
  return state === null ? refuse('There are no events to replay.') : { ok: true, state };
}
