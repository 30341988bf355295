// Working-day rules (FOI, EIR, FOISA, reviews, targets). Every expected date was counted by hand
// on a calendar from the rules in DEADLINES.md and the gov.uk lists; the counting is in the comment.
import { describe, expect, it } from 'vitest';
import { type DueDateInput, dueDate } from './index';

const EW = 'england-and-wales' as const;
const due = (rule: DueDateInput['rule'], received: string, more: Partial<DueDateInput> = {}) =>
  dueDate({ rule, received, region: EW, ...more });

describe('FOI: the 20th working day after receipt', () => {
  it('counts from the day after receipt, skipping weekends', () => {
    // Mon 2 Feb 2026 is day 0. Tue 3–Fri 6 = 1–4, 9–13 = 5–9, 16–20 = 10–14, 23–27 = 15–19,
    // Mon 2 Mar = 20. No bank holiday anywhere in the UK in February.
    expect(due('foi', '2026-02-02')).toBe('2026-03-02');
  });

  it('takes a Saturday receipt as day 0, not the following Monday', () => {
    // Sat 4 Jan 2025 is day 0 (ICO), so Mon 6 Jan is day 1: 6–10 = 1–5, 13–17 = 6–10,
    // 20–24 = 11–15, 27–31 = 16–20. The 2018 Code's reading would give Mon 3 Feb instead.
    expect(due('foi', '2025-01-04')).toBe('2025-01-31');
  });

  it('takes a receipt on a bank holiday as day 0', () => {
    // Mon 25 Aug 2025 (summer bank holiday, E&W and NI) is day 0. Tue 26–Fri 29 = 1–4,
    // 1–5 Sep = 5–9, 8–12 = 10–14, 15–19 = 15–19, Mon 22 Sep = 20.
    expect(due('foi', '2025-08-25')).toBe('2025-09-22');
  });

  it('skips Christmas, Boxing Day, New Year and Scotland’s 2 January', () => {
    // Mon 15 Dec 2025 day 0. 16–19 = 1–4; 22, 23, 24 = 5–7; 25 and 26 Dec UK holidays;
    // 29, 30, 31 = 8–10; Thu 1 Jan UK holiday; Fri 2 Jan Scotland only, still not a FOI working
    // day; 5–9 Jan = 11–15; 12–16 Jan = 16–20.
    expect(due('foi', '2025-12-15')).toBe('2026-01-16');
  });

  it('skips Good Friday and Easter Monday', () => {
    // Tue 1 Apr 2025 day 0. 2–4 = 1–3; 7–11 = 4–8; 14–17 = 9–12; Fri 18 Good Friday; Mon 21
    // Easter Monday (E&W, NI); 22–25 = 13–16; 28–30 = 17–19; Thu 1 May = 20.
    expect(due('foi', '2025-04-01')).toBe('2025-05-01');
  });

  it('skips the VE Day holiday of Fri 8 May 2020 and counts Mon 4 May, which was moved', () => {
    // Fri 1 May 2020 day 0. Mon 4 (not a holiday in 2020) to Thu 7 = 1–4; Fri 8 VE Day;
    // 11–15 = 5–9; 18–22 = 10–14; Mon 25 spring holiday; 26–29 = 15–18; Mon 1 Jun = 19; Tue 2 = 20.
    expect(due('foi', '2020-05-01')).toBe('2020-06-02');
  });

  it('skips the moved spring holiday and the Platinum Jubilee (2–3 June 2022), counting 30 May', () => {
    // Mon 23 May 2022 day 0. 24–27 = 1–4; Mon 30, Tue 31, Wed 1 Jun = 5–7; Thu 2 and Fri 3 holidays;
    // 6–10 = 8–12; 13–17 = 13–17; 20, 21, 22 = 18–20.
    expect(due('foi', '2022-05-23')).toBe('2022-06-22');
  });

  it('skips the State Funeral of Mon 19 September 2022', () => {
    // Mon 5 Sep 2022 day 0. 6–9 = 1–4; 12–16 = 5–9; Mon 19 holiday; 20–23 = 10–13;
    // 26–30 = 14–18; Mon 3 Oct = 19; Tue 4 Oct = 20.
    expect(due('foi', '2022-09-05')).toBe('2022-10-04');
  });

  it('skips the Coronation holiday of Mon 8 May 2023', () => {
    // Fri 28 Apr 2023 day 0. Mon 1 May early May holiday; 2–5 = 1–4; Mon 8 Coronation; 9–12 = 5–8;
    // 15–19 = 9–13; 22–26 = 14–18; Mon 29 spring holiday; Tue 30 = 19; Wed 31 = 20.
    expect(due('foi', '2023-04-28')).toBe('2023-05-31');
  });

  it('skips Scotland’s World Cup holiday of 15 June 2026 for an authority in England', () => {
    // Mon 1 Jun 2026 day 0. 2–5 = 1–4; 8–12 = 5–9; Mon 15 Scotland only, but FOIA counts a bank
    // holiday in any part of the UK; 16–19 = 10–13; 22–26 = 14–18; Mon 29 = 19; Tue 30 = 20.
    expect(due('foi', '2026-06-01')).toBe('2026-06-30');
    expect(due('foi', '2026-06-01', { region: 'northern-ireland' })).toBe('2026-06-30');
  });

  it('skips Northern Ireland’s 12 July holiday and Scotland’s August holiday for any authority', () => {
    // Mon 6 Jul 2026 day 0. 7–10 = 1–4; Mon 13 Jul Boyne (NI); 14–17 = 5–8; 20–24 = 9–13;
    // 27–31 = 14–18; Mon 3 Aug summer holiday (Scotland); Tue 4 = 19; Wed 5 = 20.
    expect(due('foi', '2026-07-06')).toBe('2026-08-05');
  });

  it('skips St Patrick’s Day for an authority in England', () => {
    // Mon 2 Mar 2026 day 0. 3–6 = 1–4; 9–13 = 5–9; Mon 16 = 10; Tue 17 St Patrick’s Day (NI);
    // 18–20 = 11–13; 23–27 = 14–18; Mon 30 = 19; Tue 31 = 20.
    expect(due('foi', '2026-03-02')).toBe('2026-03-31');
  });

  it('uses the UK date of a receipt time: 23:30 UTC in July is already the next day in London', () => {
    // 2026-07-01T23:30Z is 00:30 BST on Thu 2 Jul, day 0. Fri 3 = 1; 6–10 = 2–6; Mon 13 Boyne;
    // 14–17 = 7–10; 20–24 = 11–15; 27–31 = 16–20. (Counting from 1 Jul would give Thu 30 Jul.)
    expect(due('foi', '2026-07-01T23:30:00Z')).toBe('2026-07-31');
    expect(due('foi', '2026-07-01')).toBe('2026-07-30');
  });
});

describe('FOI clock stops', () => {
  it('a clarification restarts the 20 working days from the day it arrives', () => {
    // Received Mon 2 Feb 2026; clarification Wed 11 Feb becomes day 0. Thu 12, Fri 13 = 1–2;
    // 16–20 = 3–7; 23–27 = 8–12; 2–6 Mar = 13–17; 9, 10, 11 Mar = 18–20.
    expect(due('foi', '2026-02-02', { clarificationReceived: '2026-02-11' })).toBe('2026-03-11');
  });

  it('a clarification that arrives on a Saturday is day 0 itself', () => {
    // Sat 14 Feb 2026 day 0. 16–20 = 1–5; 23–27 = 6–10; 2–6 Mar = 11–15; 9–13 Mar = 16–20.
    expect(due('foi', '2026-02-02', { clarificationReceived: '2026-02-14' })).toBe('2026-03-13');
  });

  it('a clarification date before receipt changes nothing', () => {
    expect(due('foi', '2026-02-02', { clarificationReceived: '2026-01-20' })).toBe('2026-03-02');
  });

  it('a fee notice pauses the clock from the notice to the fee, both days included', () => {
    // Mon 2 Feb 2026 day 0. Tue 3–Fri 6 = 1–4; notice Mon 9 to fee Fri 13: 5 working days not
    // counted; 16–20 = 5–9; 23–27 = 10–14; 2–6 Mar = 15–19; Mon 9 Mar = 20 (5 working days after 2 Mar).
    expect(due('foi', '2026-02-02', { pauses: [{ from: '2026-02-09', to: '2026-02-13' }] })).toBe(
      '2026-03-09',
    );
  });

  it('a fee pause over a weekend takes off only its working days', () => {
    // Pause Fri 6 to Tue 10 Feb 2026 holds 3 working days (6, 9, 10). 3–5 = 1–3; 11–13 = 4–6;
    // 16–20 = 7–11; 23–27 = 12–16; 2–5 Mar = 17–20. Three working days after 2 Mar.
    expect(due('foi', '2026-02-02', { pauses: [{ from: '2026-02-06', to: '2026-02-10' }] })).toBe(
      '2026-03-05',
    );
  });

  it('overlapping fee pauses do not take a day off twice', () => {
    // 9–11 and 10–13 Feb together are 9–13 Feb: 5 working days, as in the single-pause case.
    const pauses = [
      { from: '2026-02-09', to: '2026-02-11' },
      { from: '2026-02-10', to: '2026-02-13' },
    ];
    expect(due('foi', '2026-02-02', { pauses })).toBe('2026-03-09');
  });
});

describe('FOI extensions, EIR and internal reviews', () => {
  it('the public interest extension guideline is the 40th working day', () => {
    // From Mon 2 Feb 2026: the 20th is Mon 2 Mar. 3–6 Mar = 21–24; 9–13 = 25–29; Mon 16 = 30;
    // Tue 17 St Patrick’s Day (NI); 18–20 = 31–33; 23–27 = 34–38; Mon 30 = 39; Tue 31 = 40.
    expect(due('pit_extension', '2026-02-02')).toBe('2026-03-31');
  });

  it('EIR is 20 working days, 40 when extended, on the same any-part-of-the-UK calendar', () => {
    // Same counts as FOI and the PIT guideline above.
    expect(due('eir', '2026-02-02')).toBe('2026-03-02');
    expect(due('eir_extended', '2026-02-02')).toBe('2026-03-31');
  });

  it('EIR restarts on particulars but has no fee pause', () => {
    // Particulars received Wed 11 Feb: as the FOI clarification case, Wed 11 Mar.
    expect(due('eir', '2026-02-02', { clarificationReceived: '2026-02-11' })).toBe('2026-03-11');
    // A pause given for EIR is not taken off: still Mon 2 Mar.
    expect(due('eir', '2026-02-02', { pauses: [{ from: '2026-02-09', to: '2026-02-13' }] })).toBe(
      '2026-03-02',
    );
  });

  it('an internal review is due in 20 working days, 40 at most', () => {
    expect(due('internal_review', '2026-02-02')).toBe('2026-03-02');
    expect(due('internal_review_extended', '2026-02-02')).toBe('2026-03-31');
  });
});

describe('FOISA (Scotland): Scottish bank holidays only', () => {
  it('counts Easter Monday, which is not a Scottish bank holiday', () => {
    // Tue 1 Apr 2025 day 0. 2–4 = 1–3; 7–11 = 4–8; 14–17 = 9–12; Fri 18 Good Friday;
    // Mon 21 counts = 13; 22–25 = 14–17; 28, 29, 30 = 18–20. (FOI gives Thu 1 May.)
    expect(due('foisa', '2025-04-01', { region: 'scotland' })).toBe('2025-04-30');
  });

  it('counts the last Monday in August and skips St Andrew’s Day', () => {
    // Mon 17 Aug 2026 day 0. 18–21 = 1–4; 24–28 = 5–9; Mon 31 Aug (E&W only) = 10;
    // 1–4 Sep = 11–14; 7–11 = 15–19; Mon 14 Sep = 20. FOI skips 31 Aug: Tue 15 Sep.
    expect(due('foisa', '2026-08-17', { region: 'scotland' })).toBe('2026-09-14');
    expect(due('foi', '2026-08-17')).toBe('2026-09-15');
    // Mon 16 Nov 2026 day 0. 17–20 = 1–4; 23–27 = 5–9; Mon 30 Nov St Andrew’s Day; 1–4 Dec = 10–13;
    // 7–11 = 14–18; Mon 14 = 19; Tue 15 = 20.
    expect(due('foisa', '2026-11-16', { region: 'scotland' })).toBe('2026-12-15');
  });

  it('skips the World Cup holiday and uses Scottish days whatever region the case has', () => {
    // Same count as the FOI World Cup case: Tue 30 Jun 2026.
    expect(due('foisa', '2026-06-01', { region: 'scotland' })).toBe('2026-06-30');
    expect(due('foisa', '2026-06-01', { region: 'england-and-wales' })).toBe('2026-06-30');
  });

  it('skips Christmas, Boxing Day, 1 and 2 January', () => {
    // As the FOI Christmas case: every skipped day is also a Scottish bank holiday. Fri 16 Jan 2026.
    expect(due('foisa', '2025-12-15', { region: 'scotland' })).toBe('2026-01-16');
  });
});

describe('organisation targets on the case’s own nation', () => {
  it('an English correspondence target counts Scotland’s 2 January and World Cup day', () => {
    // MP letter received Mon 15 Dec 2025: as FOI, but Fri 2 Jan counts: 2 Jan = 11; 5–9 = 12–16;
    // 12–15 = 17–20 → Thu 15 Jan 2026.
    expect(due('mp_correspondence', '2025-12-15')).toBe('2026-01-15');
    // Mon 1 Jun 2026: 15 Jun counts in England, so one day earlier than FOI: Mon 29 Jun.
    expect(due('treat_official', '2026-06-01')).toBe('2026-06-29');
  });

  it('a custom complaint target uses its own days and the case’s nation', () => {
    // Stage 1 in 5 working days, Scotland, received Fri 31 Jul 2026: Mon 3 Aug Scottish summer
    // holiday; 4–7 = 1–4; Mon 10 = 5.
    const stage1 = {
      kind: 'working_days',
      label: 'Stage 1: 5 working days',
      basis: 'target',
      days: 5,
      calendar: 'region',
      clarificationRestarts: false,
      pausesApply: false,
    } as const;
    expect(due(stage1, '2026-07-31', { region: 'scotland' })).toBe('2026-08-10');
    // In England Mon 3 Aug counts: 3–7 = 1–5 → Fri 7 Aug.
    expect(due(stage1, '2026-07-31')).toBe('2026-08-07');
  });

  it('a data protection complaint is acknowledged within 30 days, moved off a weekend', () => {
    // Fri 19 Jun 2026 + 30 days = Sun 19 Jul → Mon 20 Jul 2026.
    expect(due('dp_complaint_ack', '2026-06-19')).toBe('2026-07-20');
  });
});

describe('bad input gets a clear message', () => {
  it('refuses a date that does not exist', () => {
    expect(() => due('foi', '2026-02-30')).toThrow(
      'Cannot work out the deadline. The date received must be a date written YYYY-MM-DD or a date and time.',
    );
  });
  it('refuses a pause that ends before it starts', () => {
    expect(() => due('foi', '2026-02-02', { pauses: [{ from: '2026-02-10', to: '2026-02-09' }] })).toThrow(
      'Cannot work out the deadline. A clock stop must end on or after the day it starts.',
    );
  });
  it('refuses an unknown rule', () => {
    expect(() => due('fio' as 'foi', '2026-02-02')).toThrow(
      'Cannot work out the deadline. The rule is not a deadline rule we know.',
    );
    expect(() => due('foi', '2026-02-02', { region: 'wales' as 'scotland' })).toThrow(
      'The part of the UK must be England and Wales, Scotland or Northern Ireland.',
    );
  });
});
