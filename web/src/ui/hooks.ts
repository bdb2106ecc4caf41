import { useCallback, useEffect, useRef, useState } from 'react';
import { api, toApiError } from '../app/api';
import type { ApiError } from '../app/api';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
  setData: (data: T) => void;
}

/** GETs `path` (null = skip). Keeps the previous data while a new request runs. */
export function useApi<T>(path: string | null, headers?: Record<string, string>): Loaded<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [nonce, setNonce] = useState(0);
  const headerKey = headers ? JSON.stringify(headers) : '';

  useEffect(() => {
    if (path === null) {
      setLoading(false);
      return;
    }
    const ac = new AbortController();
    setLoading(true);
    setError(null);
    const h = headerKey ? (JSON.parse(headerKey) as Record<string, string>) : undefined;
    api.get<T>(path, { signal: ac.signal, headers: h }).then(
      (d) => {
        setDataState(d);
        setLoading(false);
      },
      (e: unknown) => {
        if (ac.signal.aborted) return;
        setError(toApiError(e));
        setLoading(false);
      },
    );
    return () => ac.abort();
  }, [path, headerKey, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const setData = useCallback((d: T) => {
    setDataState(d);
    setError(null);
  }, []);
  return { data, error, loading, reload, setData };
}

const shared = new Map<string, Promise<unknown>>();

/** GET once per page load and share the answer (reference lists: districts, categories, config). */
export function getShared<T>(path: string): Promise<T> {
  let p = shared.get(path) as Promise<T> | undefined;
  if (!p) {
    p = api.get<T>(path);
    shared.set(path, p);
    p.catch(() => shared.delete(path));
  }
  return p;
}

export function useShared<T>(path: string): { data: T | undefined; error: ApiError | null } {
  const [state, setState] = useState<{ data: T | undefined; error: ApiError | null }>({
    data: undefined,
    error: null,
  });
  useEffect(() => {
    let live = true;
    getShared<T>(path).then(
      (data) => live && setState({ data, error: null }),
      (e: unknown) => live && setState({ data: undefined, error: toApiError(e) }),
    );
    return () => {
      live = false;
    };
  }, [path]);
  return state;
}

export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

export type ActionResult<R> = { ok: true; value: R } | { ok: false };

/** Runs an async action, tracking busy state and the last error. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async <R,>(fn: () => Promise<R>): Promise<ActionResult<R>> => {
    setBusy(true);
    setError(null);
    try {
      return { ok: true, value: await fn() };
    } catch (e) {
      if (mounted.current) setError(toApiError(e));
      return { ok: false };
    } finally {
      if (mounted.current) setBusy(false);
    }
  }, []);

  return { busy, error, run, setError };
}

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Demopolis` : 'Demopolis';
  }, [title]);
}
