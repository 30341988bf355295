// The chase digest's content: who gets one, what each line says and in what order.
import { describe, expect, it } from 'vitest';
import { type IsoDate, shippedCalendar } from '../../src/domain/deadlines';
import type { Principal } from '../../src/domain/principal';
import { caseIn, people } from '../../src/domain/testing/journeys';
import { buildDigests, type DigestPerson } from './digest';

const TODAY = '2026-03-10' as IsoDate;
const recipient = (p: Principal): DigestPerson => ({ ...p, email: `${p.userId}@example.gov.uk` });
const everyone = [people.priya, people.caseWorker, people.tom].map(recipient);

// Priya's: one received 2 March, one 23 February. FOI working days skip a bank holiday in any
// part of the UK, so St Patrick's Day (17 March) moves both dates a day: 31 and 24 March.
const later = { ...caseIn('foi', 'in_progress'), reference: 'FOI-2026-00002' };
const sooner = {
  ...caseIn('foi', 'in_progress'),
  reference: 'FOI-2026-00001',
  receivedOn: '2026-02-23' as IsoDate,
  subject: 'Parking fines <2025> & appeals',
};
const teamCase = { ...caseIn('foi', 'to_allocate'), reference: 'FOI-2026-00003' };
const closed = { ...caseIn('foi', 'closed'), reference: 'FOI-2026-00004' };

describe('weekly chase digests', () => {
  const digests = buildDigests([later, closed, teamCase, sooner], everyone, TODAY, shippedCalendar);
  const priya = digests.find((d) => d.to.userId === 'priya');
  const samCase = digests.find((d) => d.to.userId === 'cw');

  it('goes only to people with open cases waiting on them or their team', () => {
    expect(digests.map((d) => d.to.userId)).toEqual(['priya', 'cw']);
    expect(samCase?.lines.map((l) => l.reference)).toEqual(['FOI-2026-00003']);
  });

  it('lists the soonest due first, with reference, request, service and due date in words', () => {
    expect(priya?.subject).toBe('Clearway: 2 cases waiting for you');
    expect(priya?.lines.map((l) => [l.reference, l.service, l.dueWords])).toEqual([
      ['FOI-2026-00001', 'Waste policy', 'Due 24 March (9 working days left)'],
      ['FOI-2026-00002', 'Waste policy', 'Due 31 March (14 working days left)'],
    ]);
    expect(priya?.lines[0]?.next).toContain('Priya Shah needs to');
  });

  it('says one case in the singular and names the team for cases not yet allocated', () => {
    expect(samCase?.subject).toBe('Clearway: 1 case waiting for you');
    expect(samCase?.lines[0]?.service).toBe('Information rights');
    expect(samCase?.lines[0]?.next).toContain('allocate this case');
  });

  it('says how overdue a late case is', () => {
    // Received 5 January: due 2 February; 26 working days have passed since.
    const late = { ...later, receivedOn: '2026-01-05' as IsoDate };
    const [digest] = buildDigests([late], [recipient(people.priya)], TODAY, shippedCalendar);
    expect(digest?.lines[0]?.dueWords).toBe('26 working days overdue');
  });

  it('writes the same lines as plain text and as HTML, escaping what the request says', () => {
    expect(priya?.text).toContain(
      'FOI-2026-00001: Parking fines <2025> & appeals\n  Service: Waste policy\n  Due 24 March (9 working days left)\n',
    );
    expect(priya?.text.indexOf('FOI-2026-00001')).toBeLessThan(priya?.text.indexOf('FOI-2026-00002') ?? 0);
    expect(priya?.html).toContain(
      '<strong>FOI-2026-00001</strong>: Parking fines &#60;2025&#62; &#38; appeals',
    );
    expect(priya?.html).not.toContain('<2025>');
  });

  it('names a SAR only to people who may open it, though it waits on a clearer who may not', () => {
    // Allocated to Priya (waste) and sent to Clare (private office) to clear; a SAR holds personal
    // data, so only the information-rights team and those allocated it may see it.
    const drafting = { ...caseIn('sar', 'in_progress'), reference: 'SAR-2026-00001' };
    const clearing = { ...caseIn('sar', 'in_clearance'), reference: 'SAR-2026-00002' };
    const foiClearing = { ...caseIn('foi', 'in_clearance'), reference: 'FOI-2026-00005' };
    const readers = [people.priya, people.clo].map(recipient);
    const digests = buildDigests([drafting, clearing, foiClearing], readers, TODAY, shippedCalendar);
    const linesOf = (userId: string) =>
      digests.find((d) => d.to.userId === userId)?.lines.map((l) => l.reference);
    expect(linesOf('priya')).toEqual(['SAR-2026-00001']);
    // Clare clears the FOI case (ordinary: those asked to clear may see it), never the SAR.
    expect(linesOf('clo')).toEqual(['FOI-2026-00005']);
    expect(digests.flatMap((d) => [d.text, d.html]).join('\n')).not.toContain('SAR-2026-00002');
  });
});
