import { useCallback, useEffect, useRef, useState } from 'react';
import type { Result } from '../../shared/api/result';

// A quick answer replaces the old one without any "Loading" in between; only a slow one says so.
const SLOW_AFTER_MS = 400;

export interface ServiceCall<T> {
  data: T | null;
  error: string | null;
  /** The call has taken long enough to say so. */
  slow: boolean;
  retry(): void;
}

/**
 * Calls the service whenever `key` changes and keeps showing the last answer while the next one is
 * on its way; an answer to an older key never overwrites a newer one.
 */
export function useServiceCall<T>(key: string, call: () => Promise<Result<T>>): ServiceCall<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [slow, setSlow] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);
  const callRef = useRef(call);
  // The newest closure (with the newest filter) is the one a changed key calls; it runs before the call below.
  useEffect(() => {
    callRef.current = call;
  });

  useEffect(() => {
    const request = ++latest.current;
    const timer = setTimeout(() => request === latest.current && setSlow(true), SLOW_AFTER_MS);
    void callRef.current().then((result) => {
      if (request !== latest.current) return;
      clearTimeout(timer);
      setSlow(false);
      if (result.ok) {
        setData(result.value);
        setError(null);
      } else {
        setError(result.error.message);
      }
    });
    return () => clearTimeout(timer);
  }, [key, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, error, slow, retry };
}
