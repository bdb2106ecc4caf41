import { useState } from 'react';
import { useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { useAction } from '../../ui/hooks';
import { EvidencePicker } from './EvidencePicker';

interface Props {
  id: string;
  upload: (form: FormData) => Promise<unknown>;
  onDone: () => void;
}

/** Picks up to five files and sends them as multipart `evidence`. */
export function UploadEvidence({ id, upload, onDone }: Props) {
  const t = useT();
  const [files, setFiles] = useState<File[]>([]);
  const [sent, setSent] = useState(false);
  const { busy, error, run } = useAction();
  return (
    <form
      className="subform"
      data-testid={`${id}-form`}
      onSubmit={async (e) => {
        e.preventDefault();
        if (files.length === 0) return;
        const form = new FormData();
        for (const f of files) form.append('evidence', f, f.name);
        const res = await run(() => upload(form));
        if (res.ok) {
          setFiles([]);
          setSent(true);
          onDone();
        }
      }}
    >
      <EvidencePicker
        id={id}
        label={t('integrity.evidence.add')}
        files={files}
        onChange={(f) => {
          setFiles(f);
          setSent(false);
        }}
      />
      <ErrorBox error={error} />
      <p role="status" className="status">
        {sent ? t('integrity.evidence.sent') : ''}
      </p>
      <button type="submit" className="btn" disabled={busy || files.length === 0}>
        {t('integrity.evidence.upload')}
      </button>
    </form>
  );
}
