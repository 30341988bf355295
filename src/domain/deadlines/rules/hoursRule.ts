// Elapsed-hours rules (breach: UK GDPR Art 33(1), 72 hours from becoming aware). Counted on
// absolute time, so weekends, bank holidays and clock changes make no difference to the instant;
// only its Europe/London wall-clock time shifts by an hour across a clock change.
import { addHours } from 'date-fns';
import { toInstant } from '../civilDate';
import type { HoursRule } from './ruleConfig';
import type { RuleOutcome } from './steps';

export const hoursDue = (rule: HoursRule, awareAt: string): RuleOutcome => {
  const due = addHours(toInstant(awareAt), rule.hours).toISOString();
  return {
    due,
    steps: [
      { kind: 'start_at', instant: toInstant(awareAt).toISOString() },
      { kind: 'due_at', instant: due, hours: rule.hours },
    ],
  };
};
