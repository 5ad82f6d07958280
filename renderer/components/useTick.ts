import { useEffect, useState } from 'react';

/** Re-render every `ms` for running clocks; the times themselves come from stored start times. */
export function useTick(ms = 250): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
