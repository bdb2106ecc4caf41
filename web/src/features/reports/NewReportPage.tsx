import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { api, fieldErrors } from '../../app/api';
import type { Report } from '../../app/types';
import { useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { PhotoPicker } from '../../ui/PhotoPicker';
import { useAction, useDebounced, usePageTitle } from '../../ui/hooks';
import { ContactSection } from './ContactSection';
import type { Contact } from './ContactSection';
import { LocationSection, parseCoord } from './LocationSection';
import type { Pin } from './LocationSection';
import { NearbyBox } from './NearbyBox';
import { ProblemSection } from './ProblemSection';
import { ReportSent } from './ReportSent';
import { saveReporterKey } from './reporterKey';

const KNOWN_FIELDS = [
  'category',
  'description',
  'lat',
  'lng',
  'address',
  'contact_name',
  'contact_phone',
  'contact_email',
  'photos',
];

interface Sent {
  report: Report;
  reporter_token: string | null;
}

function NewReportForm({ onSent }: { onSent: (s: Sent) => void }) {
  const t = useT();
  usePageTitle(t('new.title'));
  const [lat, setLat] = useState('');
  const [lng, setLng] = useState('');
  const [address, setAddress] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState('');
  const [picked, setPicked] = useState(false);
  const [photos, setPhotos] = useState<File[]>([]);
  const [contact, setContact] = useState<Contact>({ name: '', phone: '', email: '' });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const { busy, error, run } = useAction();

  const pin = useMemo<Pin | null>(() => {
    const la = parseCoord(lat, 90);
    const ln = parseCoord(lng, 180);
    return la !== null && ln !== null ? { lat: la, lng: ln } : null;
  }, [lat, lng]);
  // Typing coordinates digit by digit should not fire a request per keystroke.
  const settledPin = useDebounced(pin, 350);

  const serverErrors = fieldErrors(error);
  const errors = { ...serverErrors, ...clientErrors };
  const otherErrors = Object.entries(serverErrors)
    .filter(([k]) => !KNOWN_FIELDS.includes(k))
    .map(([, m]) => m);

  const validate = (): Record<string, string> => {
    const e: Record<string, string> = {};
    if (!pin) {
      if (parseCoord(lat, 90) === null) e.lat = lat.trim() ? t('new.badCoord') : t('new.needPin');
      if (parseCoord(lng, 180) === null) e.lng = lng.trim() ? t('new.badCoord') : t('new.needPin');
    }
    if (!description.trim()) e.description = t('new.needDescription');
    if (!category) e.category = t('new.needCategory');
    return e;
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const e = validate();
    setClientErrors(e);
    if (Object.keys(e).length > 0 || !pin) {
      document.getElementById(Object.keys(e)[0] ?? 'lat')?.focus();
      return;
    }
    const form = new FormData();
    form.set('category', category);
    form.set('description', description.trim());
    form.set('lat', String(pin.lat));
    form.set('lng', String(pin.lng));
    if (address.trim()) form.set('address', address.trim());
    if (contact.name.trim()) form.set('contact_name', contact.name.trim());
    if (contact.phone.trim()) form.set('contact_phone', contact.phone.trim());
    if (contact.email.trim()) form.set('contact_email', contact.email.trim());
    for (const p of photos) form.append('photos', p, p.name);
    const res = await run(() => api.post<Sent>('/api/v1/reports', form));
    if (res.ok) {
      if (res.value.reporter_token) saveReporterKey(res.value.report.code, res.value.reporter_token);
      onSent(res.value);
    }
  };

  return (
    <section>
      <h1>{t('new.title')}</h1>
      <p className="lead">{t('new.lead')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <LocationSection
          lat={lat}
          lng={lng}
          address={address}
          pin={pin}
          settledPin={settledPin}
          onCoords={(la, ln) => {
            setLat(la);
            setLng(ln);
            setClientErrors(({ lat: _a, lng: _b, ...rest }) => rest);
          }}
          onAddress={setAddress}
          errors={errors}
        />
        <ProblemSection
          description={description}
          onDescription={(d) => {
            setDescription(d);
            if (clientErrors.description) setClientErrors(({ description: _d, ...rest }) => rest);
          }}
          category={category}
          picked={picked}
          onCategory={(code, byPerson) => {
            setCategory(code);
            setPicked(byPerson);
            if (clientErrors.category) setClientErrors(({ category: _c, ...rest }) => rest);
          }}
          errors={errors}
        />
        <NearbyBox pin={settledPin} category={category} />
        <div className="section">
          <h2>{t('new.photos')}</h2>
          <PhotoPicker
            id="photos"
            label={t('new.photosPick')}
            hint={t('new.photosHint')}
            files={photos}
            onChange={setPhotos}
            error={errors.photos}
          />
        </div>
        <ContactSection contact={contact} onChange={setContact} errors={errors} />
        <ErrorBox error={error} title={t('new.fixErrors')} extra={otherErrors} focus />
        <button type="submit" className="btn btn--primary btn--large" disabled={busy}>
          {busy ? t('new.submitting') : t('new.submit')}
        </button>
      </form>
    </section>
  );
}

export default function NewReportPage() {
  const [sent, setSent] = useState<Sent | null>(null);
  const [formKey, setFormKey] = useState(0);
  if (sent) {
    return (
      <ReportSent
        report={sent.report}
        reporterToken={sent.reporter_token}
        onAnother={() => {
          setSent(null);
          setFormKey((k) => k + 1);
        }}
      />
    );
  }
  return <NewReportForm key={formKey} onSent={setSent} />;
}
