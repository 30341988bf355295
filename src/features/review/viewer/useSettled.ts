// A value that follows another once it has stopped changing for a moment: pages are laid out at
// the zoom at once (CSS stretches the canvas) but redrawn only when a pinch or wheel turn settles.
import { useEffect, useState } from 'react';

export function useSettled<T>(value: T, quietMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (Object.is(value, settled)) return;
    const timer = setTimeout(() => setSettled(value), quietMs);
    return () => clearTimeout(timer);
  }, [value, settled, quietMs]);
  return settled;
}
