import { useT } from '../i18n';

interface Props {
  page: number;
  pageSize: number;
  total: number;
  /**
   * `total` is a lower bound (the list stopped counting there), so the last page is
   * unknown: the pager names no page count and goes on while pages come back full.
   */
  atLeast?: boolean;
  /** How many items this page holds (used with `atLeast`). */
  shown?: number;
  onPage: (page: number) => void;
}

export function Pager({ page, pageSize, total, atLeast = false, shown = 0, onPage }: Props) {
  const t = useT();
  const size = Math.max(1, pageSize);
  const pages = Math.max(1, Math.ceil(total / size));
  if (!atLeast && pages <= 1) return null;
  const hasNext = atLeast ? page < pages || shown >= size : page < pages;
  return (
    <nav className="pager" aria-label={t('common.pagination')}>
      <button type="button" className="btn btn--small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('common.prev')}
      </button>
      <span aria-current="page">{atLeast ? t('common.page', { page }) : t('common.pageOf', { page, pages })}</span>
      <button type="button" className="btn btn--small" disabled={!hasNext} onClick={() => onPage(page + 1)}>
        {t('common.next')}
      </button>
    </nav>
  );
}
