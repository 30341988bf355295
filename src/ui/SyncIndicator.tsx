// The header's sync indicator: a dot and the plain words of ./syncWords. Shows what it is given.
import { useEffect, useState } from 'react';
import { type SyncWordsInput, syncWords } from './syncWords';

const REFRESH_WORDS_MS = 30_000;

export function SyncIndicator(props: { status: SyncWordsInput }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    // "2 minutes ago" must age while the page stays open.
    const timer = setInterval(() => setNow(new Date()), REFRESH_WORDS_MS);
    return () => clearInterval(timer);
  }, []);
  return (
    <p
      className={`app-sync-indicator app-sync-indicator--${props.status.state}`}
      role="status"
      aria-live="polite"
      data-testid="sync-indicator"
    >
      <span className="app-sync-indicator__dot" aria-hidden="true" />
      {syncWords(props.status, now)}
    </p>
  );
}
