import { useEffect, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, fieldErrors } from '../../app/api';
import { useLang, useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { useAction, useApi, usePageTitle } from '../../ui/hooks';
import { wholeNumber } from './numbers';
import { EvidencePicker, type CitableReport } from './EvidencePicker';
import { FilesPicker } from './FilesPicker';
import { NeedFields, type NeedFormValues } from './NeedFields';
import { coordinate } from './PointPicker';
import { communityName } from './types';
import type { CommunityDetail, NearbyReports, Need } from './types';
import './communities.css';

const EMPTY: NeedFormValues = { title: '', description: '', category: '', place_text: '', households_affected: '', since_on: '', lat: '', lng: '', status: 'open' };
/** A cited report must lie within 1 km of the community: offer what the server will accept. */
const EVIDENCE_RADIUS_M = 1000;

function fromNeed(n: Need): NeedFormValues {
  return {
    title: n.title,
    description: n.description,
    category: n.category?.code ?? '',
    place_text: n.place_text,
    households_affected: String(n.households_affected),
    since_on: n.since_on ?? '',
    lat: n.location ? String(n.location.lat) : '',
    lng: n.location ? String(n.location.lng) : '',
    status: n.status === 'in_proposal' ? 'open' : n.status,
  };
}

function splitCodes(text: string): string[] {
  return text.split(/[\s,;]+/).map((c) => c.trim().toUpperCase()).filter(Boolean);
}

export default function NeedFormPage() {
  const { code = '', needId } = useParams();
  const editing = !!needId;
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const base = `/api/v1/communities/${encodeURIComponent(code)}`;
  const { data: community, error: communityError } = useApi<CommunityDetail>(base);
  const { data: need, error: needError } = useApi<Need>(editing ? `${base}/needs/${encodeURIComponent(needId)}` : null);
  const { data: nearby } = useApi<NearbyReports>(`${base}/nearby-reports?radius_m=${EVIDENCE_RADIUS_M}`);
  const [form, setForm] = useState<NeedFormValues>(EMPTY);
  const [cited, setCited] = useState<string[]>([]);
  const [extraCodes, setExtraCodes] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const { busy, error, run } = useAction();
  usePageTitle(editing ? t('communities.needForm.editTitle') : t('communities.needForm.newTitle'));

  useEffect(() => {
    if (!need) return;
    setForm(fromNeed(need));
    setCited(need.evidence.reports.map((r) => r.code));
  }, [need]);

  // Reports already cited stay on the list even when they are no longer among the latest nearby.
  const citable = useMemo<CitableReport[]>(() => {
    const list: CitableReport[] = [...(need?.evidence.reports ?? [])];
    for (const r of nearby?.reports ?? []) if (!list.some((c) => c.code === r.code)) list.push(r);
    return list;
  }, [need, nearby]);

  const loadError = communityError ?? needError;
  if (loadError) return <ErrorBox error={loadError} />;
  if (!community || (editing && !need)) return <Loading />;
  const allowed = editing ? need!.abilities.edit : community.abilities.record_need;
  if (!allowed) {
    return (
      <section className="notice">
        <h1>{t('auth.forbidden')}</h1>
        <p>{editing ? t('communities.needForm.cannotEdit') : t('communities.needForm.onlyCommittee')}</p>
        <p>
          <Link to={`/communities/${encodeURIComponent(code)}`}>{communityName(community, lang)}</Link>
        </p>
      </section>
    );
  }

  const errs = fieldErrors(error);
  const reportCodes = [...new Set([...cited, ...splitCodes(extraCodes)])];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const lat = coordinate(form.lat, 90);
    const lng = coordinate(form.lng, 180);
    const body: Record<string, unknown> = {
      title: form.title,
      description: form.description,
      category: form.category || null,
      place_text: form.place_text,
      households_affected: wholeNumber(form.households_affected),
      since_on: form.since_on || null,
      lat: form.lat.trim() === '' ? null : (lat ?? form.lat),
      lng: form.lng.trim() === '' ? null : (lng ?? form.lng),
      report_codes: reportCodes,
    };
    const result = await run(async () => {
      if (editing) {
        const changes = { ...body, ...(form.status !== need!.status ? { status: form.status } : {}) };
        await api.patch<Need>(`${base}/needs/${encodeURIComponent(needId)}`, changes);
        if (files.length > 0) {
          const data = new FormData();
          for (const f of files) data.append('files', f, f.name);
          await api.post<Need>(`${base}/needs/${encodeURIComponent(needId)}/attachments`, data);
        }
        return;
      }
      if (files.length === 0) {
        await api.post<Need>(`${base}/needs`, body);
        return;
      }
      // One request with the files, so a need is never stored without the evidence it was sent with.
      const data = new FormData();
      for (const [k, v] of Object.entries(body)) {
        if (v === null || v === '') continue;
        data.append(k, Array.isArray(v) ? v.join(',') : String(v));
      }
      for (const f of files) data.append('files', f, f.name);
      await api.post<Need>(`${base}/needs`, data);
    });
    if (result.ok) navigate(`/communities/${encodeURIComponent(code)}`);
  };

  return (
    <section className="narrow">
      <p className="breadcrumb">
        <Link to={`/communities/${encodeURIComponent(code)}`}>{communityName(community, lang)}</Link>
      </p>
      <h1>{editing ? t('communities.needForm.editTitle') : t('communities.needForm.newTitle')}</h1>
      <form className="form" onSubmit={submit} noValidate>
        <NeedFields value={form} onChange={setForm} errors={errs} maxHouseholds={community.households} editing={editing} />
        <EvidencePicker reports={citable} selected={cited} onChange={setCited} error={errs.report_codes} />
        <Field id="need-report-codes" label={t('communities.needForm.otherCodes')} optional hint={t('communities.needForm.otherCodesHint')}>
          {(a) => <input {...a} autoComplete="off" value={extraCodes} onChange={(e) => setExtraCodes(e.target.value)} />}
        </Field>
        {editing && need!.evidence.attachments.length > 0 && <ExistingFiles need={need!} base={`${base}/needs/${encodeURIComponent(needId)}`} />}
        <FilesPicker files={files} onChange={setFiles} error={errs.files} />
        <ErrorBox error={error} focus />
        <div className="row">
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {editing ? t('communities.needForm.saveChanges') : t('communities.needForm.submit')}
          </button>
          <Link to={`/communities/${encodeURIComponent(code)}`}>{t('common.cancel')}</Link>
        </div>
      </form>
    </section>
  );
}

/** Files already on the need, each removable. */
function ExistingFiles({ need, base }: { need: Need; base: string }) {
  const t = useT();
  const [attachments, setAttachments] = useState(need.evidence.attachments);
  const { busy, error, run } = useAction();
  return (
    <div className="field">
      <p>
        <strong>{t('communities.needForm.attached')}</strong>
      </p>
      <ul className="plain-list">
        {attachments.map((a) => (
          <li key={a.id}>
            <a href={a.url}>{a.file_name}</a>{' '}
            <button
              type="button"
              className="btn btn--small"
              disabled={busy}
              onClick={async () => {
                const res = await run(() => api.del<Need>(`${base}/attachments/${a.id}`));
                if (res.ok) setAttachments(res.value.evidence.attachments);
              }}
            >
              {t('common.remove')}
              <span className="visually-hidden"> {a.file_name}</span>
            </button>
          </li>
        ))}
      </ul>
      <ErrorBox error={error} />
    </div>
  );
}
