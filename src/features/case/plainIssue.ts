// A payload problem in words a person reads ("The reason must say why the allocation is
// rejected."), from the zod issue the domain's schema raised on the device.
const FIELD_WORDS: Record<string, string> = {
  question: 'The question',
  answer: 'The answer',
  reason: 'The reason',
  comments: 'The comments',
  text: 'The text',
  to: 'The person',
  dueOn: 'The due date',
  receivedOn: 'The date received',
  requestedOn: 'The date asked',
  sentOn: 'The date sent',
  parts: 'The draft',
};

/** "The reason must say why the allocation is rejected." from a zod issue. */
export function plainIssue(issue: { path: readonly PropertyKey[]; message: string }): string {
  const field = issue.path.find((p): p is string => typeof p === 'string');
  const subject = field
    ? (FIELD_WORDS[field] ?? `The ${field.replace(/([A-Z])/g, ' $1').toLowerCase()}`)
    : 'This';
  return `${subject} ${issue.message}.`;
}
