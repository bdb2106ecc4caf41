import { useState } from 'react';
import { api } from '../../app/api';
import type { Category } from '../../app/types';
import { useName, useT } from '../../i18n';
import { AgencySelect } from '../../ui/AgencySelect';
import { ErrorBox } from '../../ui/ErrorBox';
import { useAction } from '../../ui/hooks';

type RoutingKind = 'district_office' | 'agency';

/** One editable routing rule. Cells carry data-label so the row becomes a card on phones. */
export function CategoryRow({ category }: { category: Category }) {
  const t = useT();
  const name = useName();
  const catName = name(category);
  const [kind, setKind] = useState<RoutingKind>(category.routing.kind);
  const [agency, setAgency] = useState(category.routing.kind === 'agency' ? (category.routing.agency?.code ?? '') : '');
  const [firstHours, setFirstHours] = useState(String(category.first_response_hours));
  const [fixHours, setFixHours] = useState(String(category.fix_hours));
  const [afterPhoto, setAfterPhoto] = useState(category.after_photo_required);
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useAction();
  const id = (k: string) => `cat-${category.code}-${k}`;

  const save = async () => {
    setSaved(false);
    const body = {
      routing_kind: kind,
      ...(kind === 'agency' ? { routing_agency_code: agency } : {}),
      first_response_hours: Number(firstHours),
      fix_hours: Number(fixHours),
      after_photo_required: afterPhoto,
    };
    const res = await run(() => api.patch(`/api/v1/admin/categories/${encodeURIComponent(category.code)}`, body));
    if (res.ok) {
      setSaved(true);
    }
  };

  return (
    <tr data-code={category.code}>
      <th scope="row">{catName}</th>
      <td data-label={t('admin.routing')}>
        <label className="visually-hidden" htmlFor={id('kind')}>
          {t('admin.routing')} — {catName}
        </label>
        <select id={id('kind')} value={kind} onChange={(e) => setKind(e.target.value as RoutingKind)}>
          <option value="district_office">{t('admin.routeDistrict')}</option>
          <option value="agency">{t('admin.routeAgency')}</option>
        </select>
        {kind === 'agency' && (
          <>
            <label className="visually-hidden" htmlFor={id('agency')}>
              {t('admin.routingAgency', { name: catName })}
            </label>
            <AgencySelect id={id('agency')} value={agency} onChange={setAgency} required />
          </>
        )}
      </td>
      <td data-label={t('admin.firstResponse')}>
        <label className="visually-hidden" htmlFor={id('first')}>
          {t('admin.firstResponse')} — {catName}
        </label>
        <input
          id={id('first')}
          type="number"
          min={1}
          step={1}
          inputMode="numeric"
          className="input--short"
          value={firstHours}
          onChange={(e) => setFirstHours(e.target.value)}
        />
      </td>
      <td data-label={t('admin.fixHours')}>
        <label className="visually-hidden" htmlFor={id('fix')}>
          {t('admin.fixHours')} — {catName}
        </label>
        <input
          id={id('fix')}
          type="number"
          min={1}
          step={1}
          inputMode="numeric"
          className="input--short"
          value={fixHours}
          onChange={(e) => setFixHours(e.target.value)}
        />
      </td>
      <td data-label={t('admin.afterPhoto')}>
        <input
          id={id('photo')}
          type="checkbox"
          checked={afterPhoto}
          onChange={(e) => setAfterPhoto(e.target.checked)}
          aria-label={`${t('admin.afterPhoto')} — ${catName}`}
        />
      </td>
      <td>
        <button type="button" className="btn btn--small" disabled={busy} onClick={save}>
          {t('common.save')}
          <span className="visually-hidden"> {catName}</span>
        </button>
        <span role="status" className="status">
          {saved ? t('common.saved') : ''}
        </span>
        <ErrorBox error={error} />
      </td>
    </tr>
  );
}
