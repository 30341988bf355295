import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillTemplate, placeholdersIn } from './templateFill';

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
