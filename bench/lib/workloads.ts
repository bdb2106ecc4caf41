/**
 * What each workload asks the server, request by request. The inputs (tracking codes,
 * points, search words) are drawn from the benchmark database before the run, so every
 * request asks for something that exists, as people do.
 */
export type WorkloadId = 'ceiling-http' | 'W1' | 'W2' | 'W3' | 'W4' | 'W5' | 'W7';

export interface WorkloadInputs {
  /** Tracking codes of existing reports (W2). */
  codes: string[];
  /** Points near open reports, with the category to ask about (W3). */
  nearby: Array<{ lat: number; lng: number; category: string }>;
  /** Search words and filters (W4): a query string without the leading '?'. */
  searches: string[];
  /** New reports to file (W1). */
  bodies: Array<{ category: string; description: string; lat: number; lng: number }>;
  /** Figures queries (W5): city and one district, the last 90 days. */
  figures: string[];
}

export interface Job {
  id: WorkloadId;
  baseUrl: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  inputs: WorkloadInputs;
  /** Offered requests per second across all connections (the overload run); else flat out. */
  rate?: number;
}

export interface Workload {
  id: WorkloadId;
  name: string;
  request: string;
}

export const WORKLOADS: Record<WorkloadId, Workload> = {
  'ceiling-http': { id: 'ceiling-http', name: 'HTTP ceiling: a route returning a constant', request: 'GET /health/live' },
  W1: { id: 'W1', name: 'W1 intake: file a report (JSON, no photo)', request: 'POST /api/v1/reports' },
  W2: { id: 'W2', name: 'W2 read a report by tracking number', request: 'GET /api/v1/reports/{code}' },
  W3: { id: 'W3', name: 'W3 duplicates: open reports within 250 m in a category', request: 'GET /api/v1/reports/nearby' },
  W4: { id: 'W4', name: 'W4 Thai full-text search with a filter, first page', request: 'GET /api/v1/reports?q=…' },
  W5: { id: 'W5', name: 'W5 figures: a district and the city, last 90 days', request: 'GET /api/v1/figures' },
  W7: { id: 'W7', name: 'W7 Open311 requests.json, default query', request: 'GET /open311/v2/requests.json' },
};

/** A made-up address per request, as a load balancer would forward it (TRUST_PROXY). */
function forwardedFor(i: number): string {
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${(i & 255) || 1}`;
}

export function requestFor(job: Job): { method: 'GET' | 'POST'; path: (i: number) => string; build: (i: number) => { path: string; headers: Record<string, string>; body?: string } } {
  const pick = <T>(list: T[], i: number) => list[i % list.length]!;
  const get = (path: (i: number) => string) => ({
    method: 'GET' as const,
    path,
    build: (i: number) => ({ path: path(i), headers: { 'x-forwarded-for': forwardedFor(i), 'accept-language': 'th' } }),
  });
  const inputs = job.inputs;
  switch (job.id) {
    case 'ceiling-http':
      return get(() => '/health/live');
    case 'W1':
      return {
        method: 'POST',
        path: () => '/api/v1/reports',
        build: (i) => ({
          path: '/api/v1/reports',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor(i), 'accept-language': 'th' },
          body: JSON.stringify(pick(inputs.bodies, i)),
        }),
      };
    case 'W2':
      return get((i) => `/api/v1/reports/${pick(inputs.codes, i * 7919)}`);
    case 'W3':
      return get((i) => {
        const p = pick(inputs.nearby, i * 7919);
        return `/api/v1/reports/nearby?lat=${p.lat}&lng=${p.lng}&category=${p.category}`;
      });
    case 'W4':
      return get((i) => `/api/v1/reports?${pick(inputs.searches, i * 7919)}`);
    case 'W5':
      return get((i) => `/api/v1/figures?${pick(inputs.figures, i)}`);
    case 'W7':
      return get(() => '/open311/v2/requests.json');
  }
}
