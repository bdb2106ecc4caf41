import { useCallback, useEffect, useState } from 'react';
import { toApiError } from '../../../app/api';
import type { ApiError } from '../../../app/api';
import { WB, useCaseRequest } from '../caseApi';
import type { MyCase } from '../types';

/** The person's own case, read with the case token (header only). */
export function useMyCase(token: string) {
  const request = useCaseRequest();
  const [data, setData] = useState<MyCase | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    request<MyCase>(WB.mine, { token }).then(
      (c) => {
        if (!live) return;
        setData(c);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(toApiError(e));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [request, token, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, loading, reload };
}
