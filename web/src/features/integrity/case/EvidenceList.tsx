import { useLang, useT } from '../../../i18n';
import { formatDateTime } from '../../../ui/date';
import { formatBytes, useLabels } from '../labels';
import type { StaffEvidence } from '../types';

/** Evidence files; `href` (staff only) turns each name into a download link. */
export function EvidenceList({ items, href }: { items: StaffEvidence[]; href?: (e: StaffEvidence) => string }) {
  const t = useT();
  const { lang } = useLang();
  const labels = useLabels();
  if (items.length === 0) return <p>{t('integrity.case.noEvidence')}</p>;
  return (
    <ul className="ig-files ig-files--list" data-testid="integrity-evidence">
      {items.map((e) => (
        <li key={e.id}>
          {href && !e.purged ? (
            <a href={href(e)} download={e.filename} rel="noreferrer">
              {e.filename}
            </a>
          ) : (
            <span className="ig-files__name">{e.filename}</span>
          )}{' '}
          <span className="ig-files__size">
            {formatBytes(e.bytes, lang)} · {formatDateTime(e.added_at, lang)}
            {e.by && <> · {labels.person(e.by)}</>}
            {e.purged && <> · {t('integrity.evidence.purged')}</>}
          </span>
        </li>
      ))}
    </ul>
  );
}
