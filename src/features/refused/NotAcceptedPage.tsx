// /not-accepted: every change made on this device that the server refused and the person has
// not yet said they have read, newest first, each with its reason. Opens offline (the list is
// on the device). Dismissing one moves focus back to the heading, so a keyboard or screen
// reader user is not left on a button that has gone.
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { useRejected } from '../../data';
import { usePeople } from '../case/people';
import { RefusedChanges } from './RefusedChanges';

export function NotAcceptedPage() {
  const { rejected, isLoading } = useRejected();
  const { nameOf } = usePeople();
  const heading = useRef<HTMLHeadingElement>(null);
  const [hasDismissed, setHasDismissed] = useState(false);
  const onDismissed = () => {
    setHasDismissed(true);
    heading.current?.focus();
  };
  return (
    <>
      <h1 className="govuk-heading-l" ref={heading} tabIndex={-1}>
        Changes the server did not accept
      </h1>
      <p className="govuk-body" role="status">
        {hasDismissed ? 'Removed from this list. ' : ''}
        {isLoading
          ? 'Looking for changes the server did not accept…'
          : rejected.length === 0
            ? 'There are no changes the server did not accept.'
            : rejected.length === 1
              ? 'One change you made was not accepted.'
              : `${rejected.length} changes you made were not accepted.`}
      </p>
      {isLoading ? null : rejected.length === 0 ? (
        <p className="govuk-body">
          Go to{' '}
          <Link className="govuk-link" to="/">
            your work
          </Link>
          .
        </p>
      ) : (
        <>
          <p className="govuk-body">
            You made these changes on this device, but the server did not accept them, so they are not in
            Clearway. Each one says why. When you have read one, choose “I have read this” to remove it from
            this list.
          </p>
          <RefusedChanges rejected={rejected} nameOf={nameOf} onDismissed={onDismissed} />
        </>
      )}
    </>
  );
}
