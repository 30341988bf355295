// Ticking one box keeps what the form did not show: a person's team that this device's
// directory does not list yet must survive saving their roles.
import { describe, expect, it } from 'vitest';
import { toggled } from './fields';

const TEAMS = [{ value: 'information-rights' }, { value: 'waste-policy' }];

describe('choosing several', () => {
  it('adds the ticked value in the options order, keeping a chosen value the options lack', () => {
    expect(toggled(TEAMS, ['lettings', 'waste-policy'], 'information-rights', true)).toEqual([
      'information-rights',
      'waste-policy',
      'lettings',
    ]);
  });

  it('removes only the unticked value', () => {
    expect(toggled(TEAMS, ['lettings', 'waste-policy'], 'waste-policy', false)).toEqual(['lettings']);
  });
});
