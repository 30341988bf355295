// The case's audit trail as an MoJ timeline: who did what, when on their device, when it
// reached the server, and from which device (by the name its person gave it, which the server
// records with each step, so other people's devices are named too). This device's unsent
// steps come first, marked, so nobody mistakes "done here" for "everyone can see it".
// A note shows its text under its summary, as plain text (React escapes it; never HTML): a
// note's whole point is what it says, and the one-line summary only says one was added.
import type { TimelineEntry } from '../../domain';
import { deviceLabel } from './deviceLabel';
import { instantText } from './whenText';

/** What a step carries, sent or not: enough to find a note's text. */
type StepWithPayload = { type: string; payload: Readonly<Record<string, unknown>> };

export type UnsentStep = StepWithPayload & {
  eventId: string;
  summary: string;
  actorName: string;
  madeAt: string;
  deviceId: string;
};

type TimelineProps = {
  entries: readonly TimelineEntry[];
  unsent: readonly UnsentStep[];
  /** Device ids → the names people gave them ("Priya's iPad"), where known. */
  deviceNames?: Readonly<Record<string, string>>;
  /** The device in hand, named "this device". */
  thisDeviceId?: string | null;
};

/** The names this device knows, or else the one the server recorded when it accepted the step. */
function namesFor(
  entry: TimelineEntry,
  deviceNames: Readonly<Record<string, string>> | undefined,
): Readonly<Record<string, string>> | undefined {
  if (!entry.deviceName || deviceNames?.[entry.deviceId]) return deviceNames;
  return { ...deviceNames, [entry.deviceId]: entry.deviceName };
}

/** A note's text, or null for any other step (or a note whose text is missing). */
export function noteTextOf(step: StepWithPayload): string | null {
  const text = step.payload.text;
  return step.type === 'note.added' && typeof text === 'string' ? text : null;
}

/** The words of a note under its summary, keeping the lines people typed; nothing for other steps. */
function NoteText({ step }: { step: StepWithPayload }) {
  const text = noteTextOf(step);
  if (text === null) return null;
  return (
    <div className="moj-timeline__description" data-testid="note-text">
      <p className="govuk-body app-preserve-lines govuk-!-text-break-word govuk-!-margin-bottom-0">{text}</p>
    </div>
  );
}

export function Timeline({ entries, unsent, deviceNames, thisDeviceId = null }: TimelineProps) {
  const newestFirst = [...entries].sort((a, b) => b.seq - a.seq);
  if (newestFirst.length === 0 && unsent.length === 0) {
    return <p className="govuk-body">Nothing has happened on this case yet.</p>;
  }
  return (
    <div className="moj-timeline" data-testid="timeline">
      {[...unsent].reverse().map((step) => (
        <div
          className="moj-timeline__item"
          key={step.eventId}
          data-testid="timeline-item"
          data-status="unsent"
        >
          <div className="moj-timeline__header">
            <h3 className="moj-timeline__title">{step.summary}</h3>
            <p className="moj-timeline__byline">by {step.actorName}</p>
          </div>
          <p className="moj-timeline__date">
            <strong className="govuk-tag govuk-tag--yellow">Not sent yet</strong> Done on this device{' '}
            {instantText(step.madeAt)}
          </p>
          <NoteText step={step} />
        </div>
      ))}
      {newestFirst.map((entry) => (
        <div
          className="moj-timeline__item"
          key={entry.eventId}
          data-testid="timeline-item"
          data-status="accepted"
        >
          <div className="moj-timeline__header">
            <h3 className="moj-timeline__title">{entry.summary}</h3>
            <p className="moj-timeline__byline">by {entry.actorName}</p>
          </div>
          <p className="moj-timeline__date">
            <time dateTime={entry.madeAt}>Done {instantText(entry.madeAt)}</time> on{' '}
            {deviceLabel(entry.deviceId, namesFor(entry, deviceNames), thisDeviceId)}
          </p>
          <p className="moj-timeline__date">
            <time dateTime={entry.acceptedAt}>Reached the server {instantText(entry.acceptedAt)}</time>
          </p>
          <NoteText step={entry} />
        </div>
      ))}
    </div>
  );
}
