/**
 * `useApiGet(path)`: loads a GET path with the shared API client and re-loads when the path changes;
 * a late answer for an old path is dropped, so quick filter changes never show stale figures.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, apiGet } from '../api.js';

/** The state of one GET. */
export interface ApiState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** Normalises anything thrown into an ApiError so pages render one kind of error. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError(0, 'CLIENT', e instanceof Error ? e.message : String(e));
}

/** See the module comment; `path === null` loads nothing. */
export function useApiGet<T>(path: string | null): ApiState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    if (path === null) return;
    const ticket = ++latest.current;
    setLoading(true);
    apiGet<T>(path).then(
      (value) => { if (ticket === latest.current) { setData(value); setError(null); setLoading(false); } },
      (e: unknown) => { if (ticket === latest.current) { setError(toApiError(e)); setLoading(false); } },
    );
  }, [path, tick]);

  const reload = useCallback(() => { setTick((t) => t + 1); }, []);
  return { data, error, loading, reload };
}
