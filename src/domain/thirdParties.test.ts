// Third parties named on a case: logged with the request or changed later as a correction of
// the case's details, each change an event on the timeline; the list is checked at the boundary.
import { describe, expect, it } from 'vitest';
import { thirdPartiesOf } from './caseState';
import { describeEvent } from './describeEvent';
import { caseLoggedSchema, detailsCorrectedSchema, MAX_THIRD_PARTIES } from './events/casePayloads';
import { asCase, loggedEvent, people, raw, run } from './testing/journeys';

const logged = (thirdParties?: string[]) => {
  const event = loggedEvent('foi');
  return { ...event, payload: { ...event.payload, ...(thirdParties ? { thirdParties } : {}) } };
};

describe('third parties named on a case', () => {
  it('are kept from the logged request, trimmed', () => {
    const state = asCase(run([logged(['  Daniel Okoro ', 'Priya Nair'])]));
    expect(thirdPartiesOf(state)).toEqual(['Daniel Okoro', 'Priya Nair']);
  });

  it('are none when the request named nobody else', () => {
    expect(thirdPartiesOf(asCase(run([logged()])))).toEqual([]);
  });

  it('change as a correction of the details, which the timeline describes', () => {
    const start = run([logged(['Daniel Okoro'])]);
    const change = raw(
      'case.details_corrected',
      { thirdParties: ['Daniel Okoro', 'Alex Byrne'], reason: 'Third party named: Alex Byrne' },
      people.caseWorker.userId,
    );
    const added = asCase(run([change], start));
    expect(thirdPartiesOf(added)).toEqual(['Daniel Okoro', 'Alex Byrne']);
    const cleared = asCase(
      run(
        [
          raw(
            'case.details_corrected',
            { thirdParties: [], reason: 'No third parties' },
            people.caseWorker.userId,
          ),
        ],
        added,
      ),
    );
    expect(thirdPartiesOf(cleared)).toEqual([]);
    // Correcting something else leaves them alone.
    const other = asCase(
      run(
        [raw('case.details_corrected', { subject: 'Bins', reason: 'Typo' }, people.caseWorker.userId)],
        added,
      ),
    );
    expect(thirdPartiesOf(other)).toEqual(['Daniel Okoro', 'Alex Byrne']);
    expect(describeEvent(change as never, (id) => id)).toContain('Third party named: Alex Byrne');
  });

  it('refuses blank names, the same name twice and more than the limit', () => {
    const base = { reason: 'x' };
    expect(detailsCorrectedSchema.safeParse({ ...base, thirdParties: ['  '] }).success).toBe(false);
    expect(detailsCorrectedSchema.safeParse({ ...base, thirdParties: ['Ann Lee', 'ann lee'] }).success).toBe(
      false,
    );
    const many = Array.from({ length: MAX_THIRD_PARTIES + 1 }, (_, i) => `Person ${i}`);
    expect(detailsCorrectedSchema.safeParse({ ...base, thirdParties: many }).success).toBe(false);
    expect(
      caseLoggedSchema.safeParse({ ...loggedEvent('foi').payload, thirdParties: many.slice(1) }).success,
    ).toBe(true);
  });

  it('reads as none on a case stored before the field existed', () => {
    const { thirdParties: _gone, ...old } = asCase(run([logged(['Daniel Okoro'])]));
    expect(thirdPartiesOf(old as never)).toEqual([]);
  });
});
