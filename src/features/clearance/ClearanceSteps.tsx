// Review and clearance: who was asked, what they decided and their comments, kept in the case
// (not on paper), and the decision forms for the person asked.
import { useState } from 'react';
import type { Approval } from '../../domain/caseState';
import { TextArea } from '../../ui/fields';
import { useCaseContext } from '../case/caseContext';
import { useStep } from '../case/useStep';

const TAGS = {
  requested: ['Waiting', 'govuk-tag govuk-tag--yellow'],
  approved: ['Approved', 'govuk-tag govuk-tag--green'],
  returned: ['Returned', 'govuk-tag govuk-tag--red'],
} as const satisfies Record<Approval['status'], readonly [string, string]>;

function Decide({ approval, kind }: { approval: Approval; kind: 'review' | 'clearance' }) {
  const { stream } = useCaseContext();
  const { run, problem, isSending } = useStep(stream);
  const [comments, setComments] = useState('');
  const withComments = comments.trim() ? { comments } : {};
  const approve = () =>
    kind === 'review'
      ? run('review.approved', { reviewId: approval.id, ...withComments })
      : run('clearance.approved', { clearanceId: approval.id, ...withComments });
  const giveBack = () =>
    kind === 'review'
      ? run('review.returned', { reviewId: approval.id, comments })
      : run('clearance.returned', { clearanceId: approval.id, comments });
  return (
    <div className="app-step" data-testid={`step-decide-${kind}`}>
      <h3 className="govuk-heading-s">{kind === 'review' ? 'Your review' : 'Your clearance decision'}</h3>
      {problem ? (
        <p className="govuk-error-message" role="alert">
          {problem}
        </p>
      ) : null}
      <TextArea
        label="Comments (needed when you return it)"
        name={`${kind}-comments`}
        value={comments}
        onChange={setComments}
        rows={4}
      />
      <div className="govuk-button-group">
        <button type="button" className="govuk-button" disabled={isSending} onClick={approve}>
          {kind === 'review' ? 'Approve draft' : 'Clear for sending'}
        </button>
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          disabled={isSending}
          onClick={giveBack}
        >
          Return with comments
        </button>
      </div>
    </div>
  );
}

function ApprovalRows({ title, approvals }: { title: string; approvals: readonly Approval[] }) {
  const { nameOf } = useCaseContext();
  if (approvals.length === 0) return null;
  return (
    <>
      <h3 className="govuk-heading-s">{title}</h3>
      <ul className="govuk-list" data-testid={`approvals-${title.toLowerCase()}`}>
        {approvals.map((a) => {
          const [label, tagClass] = TAGS[a.status];
          return (
            <li key={a.id}>
              <strong className={tagClass}>{label}</strong> {nameOf(a.by)}
              {a.draftVersion ? `, draft version ${a.draftVersion}` : ''} (asked by {nameOf(a.requestedBy)})
              {a.comments ? (
                <p className="govuk-body-s govuk-!-margin-top-1 app-preserve-lines">“{a.comments}”</p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}

export function ClearanceSteps() {
  const { state, me, allowed } = useCaseContext();
  const myReview = state.reviews.find((r) => r.status === 'requested' && r.by === me.userId);
  const myClearance = state.clearances.find((c) => c.status === 'requested' && c.by === me.userId);
  if (state.reviews.length === 0 && state.clearances.length === 0) return null;
  return (
    <section aria-labelledby="clearance-heading" className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m" id="clearance-heading">
        Review and clearance
      </h2>
      <ApprovalRows title="Reviews" approvals={state.reviews} />
      <ApprovalRows title="Clearance" approvals={state.clearances} />
      {myReview && allowed.has('review.approved') ? <Decide approval={myReview} kind="review" /> : null}
      {myClearance && allowed.has('clearance.approved') ? (
        <Decide approval={myClearance} kind="clearance" />
      ) : null}
    </section>
  );
}
