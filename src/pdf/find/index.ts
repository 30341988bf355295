// Find: text and personal-data patterns in a PDF, as regions the redaction engine accepts.
export { findPatterns, matchPages, type PatternFinding } from './findPatterns';
export { type FindOptions, findText, readSearchablePages, searchPages } from './findText';
export { type Finding, type SearchablePage, toSearchable } from './pageText';
export { matchPattern, PATTERN_NAMES, type PatternName, patternNameSchema, type Span } from './patterns';
