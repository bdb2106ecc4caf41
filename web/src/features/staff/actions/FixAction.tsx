import { useState } from 'react';
import { api, fieldErrors } from '../../../app/api';
import type { Category, Report } from '../../../app/types';
import { useT } from '../../../i18n';
import { Field } from '../../../ui/Field';
import { PhotoPicker } from '../../../ui/PhotoPicker';
import { useAction, useShared } from '../../../ui/hooks';
import { ActionForm } from './ActionForm';
import type { ActionProps } from './useReportAction';

export function FixAction({ report, onUpdated }: ActionProps) {
  const t = useT();
  const { busy, error, run } = useAction();
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);
  const { data: cats } = useShared<{ items: Category[] }>('/api/v1/categories');
  const photoRequired = !!cats?.items.find((c) => c.code === report.category.code)?.after_photo_required;
  const errs = fieldErrors(error);
  const [photoMissing, setPhotoMissing] = useState(false);

  return (
    <ActionForm
      id="fix"
      title={t('staff.fix')}
      submitLabel={t('staff.fix')}
      busy={busy}
      error={error}
      onSubmit={async () => {
        if (photoRequired && photos.length === 0) {
          setPhotoMissing(true);
          document.getElementById('fix-photos')?.focus();
          return;
        }
        const form = new FormData();
        form.set('note', note.trim());
        for (const p of photos) form.append('photos', p, p.name);
        const res = await run(() =>
          api.post<Report>(`/api/v1/reports/${encodeURIComponent(report.code)}/fix`, form),
        );
        if (res.ok) onUpdated(res.value);
      }}
    >
      <Field id="fix-note" label={t('staff.fixNote')} required error={errs.note}>
        {(a) => <textarea {...a} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <PhotoPicker
        id="fix-photos"
        label={t('staff.afterPhotos')}
        hint={photoRequired ? t('staff.afterPhotosRequired') : t('new.photosHint')}
        files={photos}
        onChange={(files) => {
          setPhotos(files);
          setPhotoMissing(false);
        }}
        required={photoRequired}
        error={photoMissing ? t('staff.afterPhotosRequired') : errs.photos}
      />
    </ActionForm>
  );
}
