// Suggest: redactions the review tool proposes: personal data by pattern and the case's own people by name.
export { type CasePerson, PATTERN_REASONS, type Suggestion, suggestRedactions } from './suggestRedactions';
