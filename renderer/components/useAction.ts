import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { messageOf } from '../api/client';

/**
 * Run one user action: shows it is busy, and keeps the translated error if it is refused. `run` stays the same
 * function across renders (it calls the latest `action`), so an effect that runs it on mount runs it once.
 */
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<unknown>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(action);
  useLayoutEffect(() => {
    latest.current = action;
  });
  const run = useCallback(async (...args: A): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await latest.current(...args);
      return true;
    } catch (caught) {
      setError(messageOf(caught));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { run, busy, error };
}
