export const QUEUE_SORTS = ['age_desc', 'age_asc', 'support_desc', 'due_asc'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

export const QUEUE_ASSIGNED = ['me', 'unassigned'] as const;
export type QueueAssigned = (typeof QUEUE_ASSIGNED)[number];

export interface QueueFilters {
  state: string;
  category: string;
  district: string;
  overdue: boolean;
  assigned: QueueAssigned | '';
  q: string;
  sort: QueueSort;
}

export function queueFiltersFrom(params: URLSearchParams): QueueFilters {
  const sort = params.get('sort') ?? '';
  return {
    state: params.get('state') ?? '',
    category: params.get('category') ?? '',
    district: params.get('district') ?? '',
    overdue: params.get('overdue') === 'true',
    assigned: (QUEUE_ASSIGNED as readonly string[]).includes(params.get('assigned') ?? '')
      ? (params.get('assigned') as QueueAssigned)
      : '',
    q: params.get('q') ?? '',
    sort: (QUEUE_SORTS as readonly string[]).includes(sort) ? (sort as QueueSort) : 'age_desc',
  };
}

export function queueParams(f: QueueFilters, page: number): URLSearchParams {
  const p = new URLSearchParams();
  if (f.state) p.set('state', f.state);
  if (f.category) p.set('category', f.category);
  if (f.district) p.set('district', f.district);
  if (f.overdue) p.set('overdue', 'true');
  if (f.assigned) p.set('assigned', f.assigned);
  if (f.q) p.set('q', f.q);
  if (f.sort !== 'age_desc') p.set('sort', f.sort);
  if (page > 1) p.set('page', String(page));
  return p;
}
