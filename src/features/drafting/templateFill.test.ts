import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseTemplateValues, fillTemplate, placeholdersIn } from './templateFill';

describe('filling a letter template', () => {
  it('puts the case values where the placeholders are', () => {
    const filled = fillTemplate(
      'Dear {{requester}},\nYour request {{ reference }} of {{received}} is due {{due}}.',
      {
        requester: 'Amira Khan',
        reference: 'FOI-2026-00417',
        received: '4 March 2026',
        due: '1 April 2026',
      },
    );
    expect(filled.text).toBe(
      'Dear Amira Khan,\nYour request FOI-2026-00417 of 4 March 2026 is due 1 April 2026.',
    );
    expect(filled.missing).toEqual([]);
  });

  it('leaves an unfilled placeholder visible and lists it, so no letter goes out with a blank', () => {
    const filled = fillTemplate('Due {{due}}; ref {{reference}}; {{due}}', { reference: 'FOI-1', due: ' ' });
    expect(filled.text).toBe('Due {{due}}; ref FOI-1; {{due}}');
    expect(filled.missing).toEqual(['due']);
  });

  it('tells apart a misspelt placeholder from a known one with no value', () => {
    const filled = fillTemplate('{{refrence}} {{officer}}', {});
    expect(filled.unknown).toEqual(['refrence']);
    expect(filled.missing).toEqual(['officer']);
  });

  it('never changes text that has no placeholders', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes('{{')),
        (text) => {
          expect(fillTemplate(text, { reference: 'X' }).text).toBe(text);
        },
      ),
    );
  });

  it('lists the placeholders a template uses, once each', () => {
    expect(placeholdersIn('{{a}} {{ b }} {{a}} {c}')).toEqual(['a', 'b']);
  });
});

describe('a case’s values for its templates', () => {
  it('fills reference, requester and dates, with dueDate as another name for due', () => {
    const values = caseTemplateValues({
      reference: 'FOI-2026-00417',
      requesterName: 'Amira Khan',
      receivedOn: '2026-03-04',
      due: '2026-04-02',
      today: '2026-03-20',
      requestText: 'Bins',
      officerName: 'Priya Shah',
      formatDay: (d) => `day ${d}`,
    });
    const filled = fillTemplate(
      '{{reference}} {{requester}} {{received}} {{dueDate}} {{due}} {{officer}} {{team}}',
      values,
    );
    expect(filled.text).toBe(
      'FOI-2026-00417 Amira Khan day 2026-03-04 day 2026-04-02 day 2026-04-02 Priya Shah {{team}}',
    );
    expect(filled.missing).toEqual(['team']);
  });
});
