// Public entry of the redaction engine: the CLI, the Web Worker and the test suites call only this.

export { redact } from './redact';
export type {
  PageReport,
  Redaction,
  RedactionReport,
  RedactOptions,
  RedactResult,
  VerificationReport,
} from './types';
export { redactionSchema } from './types';
