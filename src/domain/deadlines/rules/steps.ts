// The working behind a deadline, step by step, as data. Every rule records what it did here, and
// explain.ts turns the steps into the sentences of "How this date was worked out".
import type { IsoDate } from '../civilDate';
import type { NonWorkingReason } from '../workingDays';
import type { Pause } from './pauses';

export type Restart = 'clarification' | 'identity_or_fee';

export type Step =
  /** The day the clock starts: day 0 for working-day rules, the start of the month for SAR. */
  | { kind: 'start'; date: IsoDate; isWorkingDay: boolean }
  | { kind: 'restart'; date: IsoDate; because: Restart }
  /** A restart date earlier than receipt changes nothing. */
  | { kind: 'restart_ignored'; date: IsoDate }
  | { kind: 'counted'; date: IsoDate; n: number }
  | { kind: 'skipped'; date: IsoDate; why: NonWorkingReason }
  | { kind: 'paused'; date: IsoDate; pause: Pause }
  /** Pauses were given but this rule has no such clock stop (e.g. EIR has no fee pause). */
  | { kind: 'pauses_ignored'; count: number }
  | { kind: 'period_end'; date: IsoDate; months?: number; days?: number; isClamped: boolean }
  | { kind: 'pause_added'; pause: Pause; days: number; date: IsoDate }
  | { kind: 'rolled'; date: IsoDate; why: NonWorkingReason }
  | { kind: 'due'; date: IsoDate }
  | { kind: 'start_at'; instant: string }
  | { kind: 'due_at'; instant: string; hours: number };

export interface RuleOutcome {
  /** 'YYYY-MM-DD', or an ISO instant (UTC) for hour-based rules. */
  due: string;
  steps: Step[];
}
