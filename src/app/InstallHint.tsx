// Helps a person install Clearway to the home screen. Chromium browsers offer an Install
// button (beforeinstallprompt); Safari on iPad and iPhone has no such event, so it explains
// how, and why it matters: Safari clears a website's stored data after some days unused, an
// installed app keeps it.
import { useEffect, useState } from 'react';

type InstallPromptEvent = Event & { prompt: () => Promise<void> };

function isStandalone(): boolean {
  return (
    window.matchMedia?.('(display-mode: standalone)').matches ||
    (navigator as Navigator & { standalone?: boolean }).standalone === true
  );
}

function isAppleMobile(): boolean {
  const ua = navigator.userAgent;
  // iPadOS reports itself as a Mac; touch points tell them apart.
  return /iPad|iPhone|iPod/.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1);
}

export function InstallHint() {
  const [prompt, setPrompt] = useState<InstallPromptEvent | null>(null);
  useEffect(() => {
    const onPrompt = (event: Event) => {
      event.preventDefault();
      setPrompt(event as InstallPromptEvent);
    };
    window.addEventListener('beforeinstallprompt', onPrompt);
    return () => window.removeEventListener('beforeinstallprompt', onPrompt);
  }, []);

  if (isStandalone()) return null;
  if (prompt) {
    return (
      <div className="govuk-inset-text" data-testid="install-hint">
        <p className="govuk-body">
          Install Clearway on this device so it opens from the home screen and works offline.
        </p>
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
          onClick={() => void prompt.prompt().then(() => setPrompt(null))}
        >
          Install Clearway
        </button>
      </div>
    );
  }
  if (isAppleMobile()) {
    return (
      <div className="govuk-inset-text" data-testid="install-hint">
        To keep your cases on this iPad or iPhone, add Clearway to your Home Screen: tap the Share button,
        then “Add to Home Screen”. Safari deletes a website’s saved work after some days unused; an app on the
        Home Screen keeps it.
      </div>
    );
  }
  return null;
}
