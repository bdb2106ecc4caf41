import { useState } from 'react';
import { useT } from '../../../../i18n';
import { ActionForm } from '../../../staff/actions/ActionForm';
import { useLabels } from '../../labels';
import { SANCTION_KINDS } from '../../types';
import type { Sanction, SanctionKind } from '../../types';
import { useCaseAction } from '../useCaseAction';
import type { CaseActionProps } from '../useCaseAction';

interface Row {
  kind: SanctionKind | '';
  official_name: string;
  final: boolean;
  publish_name: boolean;
}
const EMPTY: Row = { kind: '', official_name: '', final: false, publish_name: false };

/** One or more sanctions at once; a name is published only where the sanction is final and it is allowed. */
export function SanctionAction({ current, ...props }: CaseActionProps & { current: Sanction[] }) {
  const t = useT();
  const labels = useLabels();
  const { busy, error, send } = useCaseAction(props);
  // The server replaces the whole list, so editing starts from what is recorded.
  const [rows, setRows] = useState<Row[]>(() =>
    current.length
      ? current.map((s) => ({ kind: s.kind, official_name: s.official_name ?? '', final: s.final, publish_name: s.publish_name }))
      : [{ ...EMPTY }],
  );
  const set = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const ready = rows.length > 0 && rows.every((r) => r.kind);
  return (
    <ActionForm
      id="sanction"
      title={t('integrity.act.sanction')}
      submitLabel={t('integrity.act.sanctionGo')}
      busy={busy}
      error={error}
      disabled={!ready}
      onSubmit={async () => {
        const sanctions: Sanction[] = rows.map((r) => ({
          kind: r.kind as SanctionKind,
          ...(r.official_name.trim() ? { official_name: r.official_name.trim() } : {}),
          final: r.final,
          publish_name: r.final && r.publish_name,
        }));
        await send('sanctions', { sanctions });
      }}
    >
      <p className="field__hint">{t('integrity.act.sanctionHint')}</p>
      {rows.map((r, i) => (
        <fieldset key={i} className="ig-sanction-row">
          <legend>{t('integrity.act.sanctionN', { n: i + 1 })}</legend>
          <div className="field">
            <label htmlFor={`sanction-kind-${i}`}>{t('integrity.act.sanctionKind')}</label>
            <select id={`sanction-kind-${i}`} required value={r.kind} onChange={(e) => set(i, { kind: e.target.value as SanctionKind | '' })}>
              <option value="">{t('common.choose')}</option>
              {SANCTION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {labels.sanction(k)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`sanction-name-${i}`}>
              {t('integrity.act.officialName')} <span className="field__mark">{t('common.optional')}</span>
            </label>
            <input id={`sanction-name-${i}`} autoComplete="off" value={r.official_name} onChange={(e) => set(i, { official_name: e.target.value })} />
          </div>
          <div className="field field--check">
            <input id={`sanction-final-${i}`} type="checkbox" checked={r.final} onChange={(e) => set(i, { final: e.target.checked, publish_name: e.target.checked && r.publish_name })} />
            <label htmlFor={`sanction-final-${i}`}>{t('integrity.act.final')}</label>
          </div>
          <div className="field field--check">
            <input
              id={`sanction-publish-${i}`}
              type="checkbox"
              disabled={!r.final || !r.official_name.trim()}
              checked={r.publish_name}
              onChange={(e) => set(i, { publish_name: e.target.checked })}
            />
            <label htmlFor={`sanction-publish-${i}`}>{t('integrity.act.publishName')}</label>
          </div>
          {rows.length > 1 && (
            <button type="button" className="btn btn--small" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
              {t('common.remove')}
              <span className="visually-hidden"> {t('integrity.act.sanctionN', { n: i + 1 })}</span>
            </button>
          )}
        </fieldset>
      ))}
      <p>
        <button type="button" className="btn btn--small" onClick={() => setRows((rs) => [...rs, { ...EMPTY }])}>
          {t('integrity.act.addSanction')}
        </button>
      </p>
    </ActionForm>
  );
}
