// The redaction schedule: JSON (zod) and appended PDF pages.
export {
  buildSchedule,
  type Schedule,
  type ScheduledRedaction,
  type ScheduleEntry,
  type ScheduleSource,
  scheduleEntrySchema,
  scheduleSchema,
} from './schedule';
export { appendSchedulePages } from './schedulePages';
