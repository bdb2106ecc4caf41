import { useCallback, useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { usePageTitle } from '../../ui/hooks';
import { CallerLookup } from './CallerLookup';
import { FiledPanel } from './FiledPanel';
import { FilingForm } from './FilingForm';
import type { FiledReport } from './types';
import './callcentre.css';

/** One call: who is calling, what they reported before, and the new report. */
function Call({ onNext }: { onNext: () => void }) {
  const [phone, setPhone] = useState('');
  const [phoneError, setPhoneError] = useState<string | undefined>(undefined);
  const [filed, setFiled] = useState<FiledReport | null>(null);
  return (
    <div className="callcentre__call">
      <CallerLookup
        phone={phone}
        onPhone={(p) => {
          setPhone(p);
          setPhoneError(undefined);
        }}
        phoneError={phoneError}
      />
      {filed ? <FiledPanel filed={filed} onNext={onNext} /> : <FilingForm phone={phone} onPhoneError={setPhoneError} onFiled={setFiled} />}
    </div>
  );
}

/**
 * The 1555 agent console, made for the keyboard: the phone field is focused at the
 * start of each call, Enter looks the caller up, Ctrl+Enter files, Alt+N starts the
 * next call with everything cleared.
 */
export default function CallCentrePage() {
  const t = useT();
  usePageTitle(t('callcentre.title'));
  const [call, setCall] = useState(0);
  const next = useCallback(() => setCall((n) => n + 1), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // e.code, not e.key: Alt+N types "˜" on a Mac and other letters on other layouts.
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyN') {
        e.preventDefault();
        next();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [next]);

  return (
    <section className="callcentre">
      <h1>{t('callcentre.title')}</h1>
      <p className="note callcentre__shortcuts">{t('callcentre.shortcuts')}</p>
      <Call key={call} onNext={next} />
    </section>
  );
}
