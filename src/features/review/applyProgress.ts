// What the page says while the release copy is made (GOV.UK style: what is happening, how far
// it has got) and when it cannot be made (the engine's reason, in a sentence a person reads).
export type ApplyPhase =
  | { step: 'idle' }
  | { step: 'redacting'; done: number; total: number }
  | { step: 'schedule' }
  | { step: 'storing' }
  | { step: 'done'; sha256: string; name: string; notes: string[] }
  | { step: 'refused'; reason: string };

export function applyProgressText(phase: ApplyPhase): string {
  switch (phase.step) {
    case 'idle':
      return '';
    case 'redacting':
      return phase.total > 0
        ? `Removing the redacted content: page ${Math.min(phase.done, phase.total)} of ${phase.total} done`
        : 'Removing the redacted content';
    case 'schedule':
      return 'Adding the redaction schedule';
    case 'storing':
      return 'Saving the release copy to the case';
    case 'done':
      return `Release copy made: ${phase.name}`;
    case 'refused':
      return refusalText(phase.reason);
  }
}

/** The engine's reason as the end of a sentence that says nothing was changed. */
export function refusalText(reason: string): string {
  const clean = reason.trim().replace(/\.+$/, '');
  const sentence = clean ? `${clean.charAt(0).toUpperCase()}${clean.slice(1)}.` : 'Something went wrong.';
  return `The release copy was not made. ${sentence} Nothing has been changed.`;
}

export const isApplying = (phase: ApplyPhase) =>
  phase.step === 'redacting' || phase.step === 'schedule' || phase.step === 'storing';
