// Allocation: send a request to one or several services from the directory (with suggestions
// of who should answer), let each allocated official accept or reject with a reason, flag
// allocations not accepted in time, and let anyone holding it re-allocate it anywhere.
import { useMemo, useState } from 'react';
import { v7 as uuidv7 } from 'uuid';
import { useCases } from '../../data';
import type { Allocation } from '../../domain/caseState';
import { addWorkingDays, type IsoDate, shippedCalendar } from '../../domain/deadlines';
import { Checkbox, SelectField, TextArea } from '../../ui/fields';
import { useCaseContext } from '../case/caseContext';
import { statusFilterValues } from '../case/caseWords';
import { StepForm } from '../case/StepForm';
import { useStep } from '../case/useStep';
import { dayText } from '../case/whenText';
import { useDirectoryState } from './directoryData';
import { type Directory, type PastCase, suggestOwners } from './ownerSuggestions';

/** Working days an allocated official has to accept or reject (the organisation's milestone). */
export const ACCEPT_WITHIN_WORKING_DAYS = 2;

const ACCEPTANCE_SCOPE = 'any-part-of-the-uk';

function acceptByFrom(today: string): string {
  return addWorkingDays(today as IsoDate, ACCEPT_WITHIN_WORKING_DAYS, shippedCalendar, ACCEPTANCE_SCOPE);
}

type Choice = { userId: string; teamId: string; service: string };
const choiceKey = (c: { userId: string; teamId: string }) => `${c.userId}|${c.teamId}`;

function teamChoices(directory: Directory): { legend: string; people: (Choice & { name: string })[] }[] {
  const areaNames = new Map(directory.policyAreas.map((a) => [a.policyAreaId, a.name]));
  return [...directory.teams]
    .sort((a, b) =>
      `${areaNames.get(a.policyAreaId)}${a.name}`.localeCompare(`${areaNames.get(b.policyAreaId)}${b.name}`),
    )
    .map((team) => ({
      legend: `${team.name} (${areaNames.get(team.policyAreaId) ?? 'no policy area'})`,
      people: directory.people
        .filter((p) => p.teamIds.includes(team.teamId))
        .map((p) => ({ userId: p.userId, name: p.name, teamId: team.teamId, service: team.name })),
    }))
    .filter((group) => group.people.length > 0);
}

function usePastCases(subject: string, directory: Directory): PastCase[] {
  const { cases } = useCases({ text: subject, statuses: statusFilterValues(['sent', 'closed']) });
  return useMemo(
    () =>
      cases.map((item) => ({
        reference: item.reference,
        subject: item.subject,
        answeredBy: item.ownerIds.map((userId) => {
          const person = directory.people.find((p) => p.userId === userId);
          const teamId = person?.teamIds.find((t) => item.teamIds.includes(t)) ?? item.teamIds[0] ?? '';
          return { userId, teamId };
        }),
      })),
    [cases, directory],
  );
}

function Allocate() {
  const { stream, state, today } = useCaseContext();
  const directory = useDirectoryState();
  const history = usePastCases(state.subject, directory);
  const { run, problem, isSending } = useStep(stream);
  const [chosen, setChosen] = useState<Map<string, Choice>>(new Map());
  const [note, setNote] = useState('');
  const suggestions = useMemo(
    () =>
      suggestOwners(
        {
          subject: state.subject,
          policyAreaId: state.policyAreaId ?? undefined,
          requestText: state.requestText,
        },
        directory,
        history,
      ),
    [state.subject, state.policyAreaId, state.requestText, directory, history],
  );
  const toggle = (choice: Choice, isOn: boolean) =>
    setChosen((current) => {
      const next = new Map(current);
      if (isOn) next.set(choiceKey(choice), choice);
      else next.delete(choiceKey(choice));
      return next;
    });
  const acceptBy = acceptByFrom(today);
  const groups = teamChoices(directory);

  return (
    <StepForm
      title="Allocate to the services that hold the information"
      submitLabel={chosen.size > 1 ? `Allocate to ${chosen.size} services` : 'Allocate'}
      problem={problem ?? null}
      isSending={isSending}
      testId="step-allocate"
      onSubmit={async () => {
        if (chosen.size === 0) return;
        // One event per service: each allocation is accepted, rejected and tracked on its own.
        for (const choice of chosen.values()) {
          const isSent = await run('case.allocated', {
            allocationId: uuidv7(),
            to: choice.userId,
            teamId: choice.teamId,
            service: choice.service,
            acceptBy,
            ...(note.trim() ? { note } : {}),
          });
          if (!isSent) return;
        }
        setChosen(new Map());
        setNote('');
      }}
    >
      <p className="govuk-body-s">
        Choose everyone who holds part of the information. Each must accept or reject by {dayText(acceptBy)}.
      </p>
      {suggestions.length > 0 ? (
        <div className="govuk-inset-text" data-testid="owner-suggestions">
          <h4 className="govuk-heading-s">Suggested</h4>
          <ul className="govuk-list">
            {suggestions.map((s) => (
              <li key={choiceKey(s)}>
                <button
                  type="button"
                  className="govuk-button govuk-button--secondary govuk-!-margin-bottom-1"
                  onClick={() => toggle({ userId: s.userId, teamId: s.teamId, service: s.teamName }, true)}
                >
                  Choose {s.name} ({s.teamName})
                </button>
                <span className="govuk-hint govuk-!-margin-bottom-0">{s.reasons.join('. ')}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {groups.length === 0 ? (
        <p className="govuk-body">The directory is empty. An administrator can import it from a CSV file.</p>
      ) : (
        groups.map((group) => (
          <fieldset className="govuk-fieldset govuk-!-margin-bottom-2" key={group.legend}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{group.legend}</legend>
            {group.people.map((person) => (
              <Checkbox
                key={choiceKey(person)}
                label={person.name}
                name={`allocate-${person.userId}-${person.teamId}`}
                isChecked={chosen.has(choiceKey(person))}
                onChange={(isOn) => toggle(person, isOn)}
              />
            ))}
          </fieldset>
        ))
      )}
      <TextArea
        label="Note for the people allocated (optional)"
        name="allocate-note"
        value={note}
        onChange={setNote}
        rows={2}
      />
    </StepForm>
  );
}

function AcceptOrReject({ allocation }: { allocation: Allocation }) {
  const { stream } = useCaseContext();
  const { run, problem, isSending } = useStep(stream);
  const [reason, setReason] = useState('');
  return (
    <div className="app-step" data-testid="step-accept">
      <h3 className="govuk-heading-s">Is this yours to answer? ({allocation.service})</h3>
      {problem ? (
        <p className="govuk-error-message" role="alert">
          {problem}
        </p>
      ) : null}
      <button
        type="button"
        className="govuk-button govuk-!-margin-right-2"
        disabled={isSending}
        onClick={() => run('case.allocation_accepted', { allocationId: allocation.allocationId })}
      >
        Accept
      </button>
      <TextArea
        label="Or reject it: say why, and who might hold the information"
        name={`reject-reason-${allocation.allocationId}`}
        value={reason}
        onChange={setReason}
        rows={2}
      />
      <button
        type="button"
        className="govuk-button govuk-button--warning"
        disabled={isSending}
        onClick={() => run('case.allocation_rejected', { allocationId: allocation.allocationId, reason })}
      >
        Reject
      </button>
    </div>
  );
}

function Reallocate({ allocation }: { allocation: Allocation }) {
  const { stream, today } = useCaseContext();
  const directory = useDirectoryState();
  const { run, problem, isSending } = useStep(stream);
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const options = teamChoices(directory).flatMap((group) =>
    group.people.map((p) => ({ value: choiceKey(p), label: `${p.name}, ${group.legend}`, choice: p })),
  );
  return (
    <StepForm
      title={`Re-allocate (${allocation.service})`}
      submitLabel="Re-allocate"
      problem={problem}
      isSending={isSending}
      isSecondary
      testId="step-reallocate"
      onSubmit={async () => {
        const picked = options.find((o) => o.value === target)?.choice;
        if (!picked) return;
        await run('case.reallocated', {
          allocationId: allocation.allocationId,
          newAllocationId: uuidv7(),
          to: picked.userId,
          teamId: picked.teamId,
          service: picked.service,
          acceptBy: acceptByFrom(today),
          reason,
        });
      }}
    >
      <SelectField
        label="To anyone, in any division"
        name={`reallocate-to-${allocation.allocationId}`}
        value={target}
        onChange={setTarget}
        options={[{ value: '', label: 'Choose a person' }, ...options]}
      />
      <TextArea
        label="Why"
        name={`reallocate-reason-${allocation.allocationId}`}
        value={reason}
        onChange={setReason}
        rows={2}
      />
    </StepForm>
  );
}

const ALLOCATION_TAGS = {
  awaiting_acceptance: ['Waiting to accept', 'govuk-tag govuk-tag--yellow'],
  accepted: ['Accepted', 'govuk-tag govuk-tag--green'],
  rejected: ['Rejected', 'govuk-tag govuk-tag--red'],
  handed_on: ['Re-allocated', 'govuk-tag govuk-tag--grey'],
} as const satisfies Record<Allocation['status'], readonly [string, string]>;

/** Every allocation on the case, tracked on its own, with the steps the person may take. */
export function AllocationSteps() {
  const { state, me, nameOf, today, allowed } = useCaseContext();
  const canAllocate = allowed.has('case.allocated');
  return (
    <section aria-labelledby="allocations-heading" className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m" id="allocations-heading">
        Allocations
      </h2>
      {state.allocations.length === 0 ? (
        <p className="govuk-body">Not allocated yet.</p>
      ) : (
        <table className="govuk-table" data-testid="allocations">
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Service
              </th>
              <th scope="col" className="govuk-table__header">
                Person
              </th>
              <th scope="col" className="govuk-table__header">
                Status
              </th>
              <th scope="col" className="govuk-table__header">
                Accept by
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {state.allocations.map((a) => {
              const [label, tagClass] = ALLOCATION_TAGS[a.status];
              const isLate = a.status === 'awaiting_acceptance' && a.acceptBy !== null && a.acceptBy < today;
              return (
                <tr className="govuk-table__row" key={a.allocationId}>
                  <td className="govuk-table__cell">{a.service}</td>
                  <td className="govuk-table__cell">{nameOf(a.to)}</td>
                  <td className="govuk-table__cell">
                    <strong className={tagClass}>{label}</strong>
                    {isLate ? (
                      <strong className="govuk-tag govuk-tag--red govuk-!-margin-left-1">
                        Not accepted in time: urgent
                      </strong>
                    ) : null}
                    {a.reason ? (
                      <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">{a.reason}</p>
                    ) : null}
                  </td>
                  <td className="govuk-table__cell">{a.acceptBy ? dayText(a.acceptBy) : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {state.allocations
        .filter(
          (a) =>
            a.status === 'awaiting_acceptance' &&
            a.to === me.userId &&
            allowed.has('case.allocation_accepted'),
        )
        .map((a) => (
          <AcceptOrReject key={a.allocationId} allocation={a} />
        ))}
      {canAllocate ? <Allocate /> : null}
      {allowed.has('case.reallocated')
        ? state.allocations
            .filter(
              (a) =>
                (a.status === 'accepted' || a.status === 'awaiting_acceptance') &&
                (a.to === me.userId || canAllocate),
            )
            .map((a) => <Reallocate key={a.allocationId} allocation={a} />)
        : null}
    </section>
  );
}
