// One case at /cases/:reference (its shareable link): what happens next, the request, every
// step of the FOI journey the person may take now, the deadline panel and the timeline.
// A case that is not on the device but has refused changes (logged offline and refused, or one
// the person can no longer see) shows those refusals and their reasons instead of "not found".
import '../journey.css';
import { useEffect, useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  type OutboxDocument,
  useCalendar,
  useCase,
  useDeviceNames,
  useRejected,
  useSession,
} from '../../data';
import {
  type CalendarState,
  type CaseState,
  calendarOf,
  caseTypes,
  isProvisionalReference,
  type StreamId,
  type TimelineEntry,
  whatHappensNext,
} from '../../domain';
import { AllocationSteps } from '../allocation/AllocationSteps';
import { ClearanceSteps } from '../clearance/ClearanceSteps';
import { ClosingSteps } from '../closing/ClosingSteps';
import { ContributionSteps } from '../contributions/ContributionSteps';
import { DraftSteps } from '../drafting/DraftSteps';
import { RAG_TAG_CLASS } from '../inbox/dueSummary';
import { ClarificationSteps } from '../intake/ClarificationSteps';
import { loggedReference, RefusedChanges } from '../refused';
import { SendingSteps } from '../sending/SendingSteps';
import { AddNote } from './AddNote';
import { allowedSteps } from './allowedSteps';
import { type CaseContextValue, CaseProvider } from './caseContext';
import { caseDeadline } from './caseDeadline';
import { statusLabel } from './caseWords';
import { DeadlinePanel } from './DeadlinePanel';
import { Documents } from './Documents';
import { usePeople } from './people';
import { RejectedSteps, summaryOf } from './RejectedSteps';
import { RequestDetails } from './RequestDetails';
import { Timeline } from './Timeline';
import { useCaseStream } from './useCaseStream';
import { ukDay } from './whenText';

function isCaseState(value: unknown): value is CaseState {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'case';
}

function isCalendarState(value: unknown): value is CalendarState {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'calendar';
}

function NotFound({ reference, isLoading }: { reference: string; isLoading: boolean }) {
  return (
    <>
      <h1 className="govuk-heading-l">{isLoading ? 'Opening the case' : 'Case not found on this device'}</h1>
      {isLoading ? null : (
        <p className="govuk-body">
          There is no case {reference} on this device. It may not be allocated to you, or it has not arrived
          yet: it will appear after the next sync if you may see it.
        </p>
      )}
    </>
  );
}

function NotOnThisDevice({
  rejected,
  nameOf,
}: {
  rejected: readonly OutboxDocument[];
  nameOf: (id: string) => string;
}) {
  const isNeverCreated = rejected.some((event) => event.type === 'case.logged');
  return (
    <>
      <h1 className="govuk-heading-l">
        {isNeverCreated ? 'This case was not created' : 'This case is not on this device'}
      </h1>
      <p className="govuk-body">
        {isNeverCreated
          ? 'The server did not accept the request you logged, so the case is not in Clearway. Its details and the reason are below.'
          : 'It may no longer be allocated to you. The server did not accept these changes you made to it.'}
      </p>
      <RefusedChanges rejected={rejected} nameOf={nameOf} />
    </>
  );
}

export function CasePage() {
  const { reference = '' } = useParams();
  const navigate = useNavigate();
  const session = useSession();
  const { stream, isLoading: isFinding } = useCaseStream(reference);
  const view = useCase(stream ?? 'case:00000000-0000-0000-0000-000000000000');
  const calendarDoc = useCalendar();
  const devices = useDeviceNames();
  const timeline: readonly TimelineEntry[] = view.caseDoc?.timeline ?? [];
  const { nameOf } = usePeople(timeline);
  const state = view.caseDoc && isCaseState(view.caseDoc.state) ? view.caseDoc.state : null;
  const { rejected: allRejected } = useRejected();
  // A provisional reference in the address finds no stored case once its logging was refused.
  const refused =
    view.rejected.length > 0
      ? view.rejected
      : allRejected.filter((event) => loggedReference(event) === reference);

  // Swap an id or a provisional reference in the address for the permanent one once known.
  useEffect(() => {
    if (state && !state.isReferenceProvisional && state.reference !== reference) {
      navigate(`/cases/${encodeURIComponent(state.reference)}`, { replace: true });
    }
  }, [state, reference, navigate]);

  const context = useMemo((): CaseContextValue | null => {
    if (!state || !stream || session.status !== 'signed-in') return null;
    const now = new Date().toISOString();
    const calendar = calendarOf(isCalendarState(calendarDoc.state) ? calendarDoc.state : null);
    return {
      state,
      stream: stream as StreamId,
      me: session.user,
      nameOf,
      today: ukDay(new Date(now)),
      now,
      deadline: caseDeadline(state, ukDay(new Date(now)), now, calendar),
      allowed: allowedSteps(state, session.user),
    };
  }, [state, stream, session, nameOf, calendarDoc.state]);

  if (!context || !state) {
    const isLoading = isFinding || view.isLoading;
    if (!isLoading && refused.length > 0) return <NotOnThisDevice rejected={refused} nameOf={nameOf} />;
    return <NotFound reference={reference} isLoading={isLoading} />;
  }
  const { deadline, now } = context;
  const next = whatHappensNext(state, now, nameOf);
  const unsent = view.pending.map((event) => ({
    eventId: event.id,
    type: event.type,
    payload: event.payload,
    summary: summaryOf(event, nameOf),
    actorName: nameOf(event.actor),
    madeAt: event.madeAt,
    deviceId: event.deviceId,
  }));

  return (
    <CaseProvider value={context}>
      <span className="govuk-caption-l">{caseTypes[state.caseType].label}</span>
      <h1 className="govuk-heading-l" data-testid="case-reference">
        {state.reference}
      </h1>
      <p className="govuk-body">
        <strong className="govuk-tag govuk-tag--blue" data-testid="case-status">
          {statusLabel(state.caseType, state.status)}
        </strong>{' '}
        {deadline.kind === 'due' ? (
          <strong className={RAG_TAG_CLASS[deadline.rag]}>{deadline.dueText}</strong>
        ) : null}
      </p>
      {state.isReferenceProvisional || isProvisionalReference(state.reference) ? (
        <div className="govuk-inset-text" data-testid="provisional-reference">
          {state.reference} is a provisional reference made on this device. The permanent one is given when
          this device next syncs.
        </div>
      ) : null}
      <RejectedSteps rejected={view.rejected} nameOf={nameOf} />
      <section
        className="govuk-notification-banner"
        aria-labelledby="next-heading"
        data-testid="what-happens-next"
      >
        <div className="govuk-notification-banner__header">
          <h2 className="govuk-notification-banner__title" id="next-heading">
            What happens next
          </h2>
        </div>
        <div className="govuk-notification-banner__content">
          <p className="govuk-notification-banner__heading">{next}</p>
        </div>
      </section>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds-from-desktop">
          <RequestDetails />
          <ClarificationSteps />
          <AllocationSteps />
          <ContributionSteps />
          <DraftSteps />
          <ClearanceSteps />
          <SendingSteps />
          <ClosingSteps />
          <Documents />
          <AddNote />
        </div>
        <div className="govuk-grid-column-one-third-from-desktop">
          <DeadlinePanel deadline={deadline} today={context.today} />
        </div>
      </div>
      <section aria-labelledby="timeline-heading">
        <h2 className="govuk-heading-m" id="timeline-heading">
          Timeline
        </h2>
        <Timeline
          entries={timeline}
          unsent={unsent}
          deviceNames={devices.names}
          thisDeviceId={devices.thisDeviceId}
        />
      </section>
    </CaseProvider>
  );
}
