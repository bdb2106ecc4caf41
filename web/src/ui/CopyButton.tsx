import { useState } from 'react';
import { useT } from '../i18n';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Older phones or insecure origins: fall back to a hidden textarea.
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.appendChild(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    return ok;
  }
}

export function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  return (
    <span className="copy">
      <button
        type="button"
        className="btn btn--small"
        onClick={async () => {
          setCopied(await copyText(text));
          setTimeout(() => setCopied(false), 3000);
        }}
      >
        {label}
      </button>
      <span role="status" className="copy__status">
        {copied ? t('common.copied') : ''}
      </span>
    </span>
  );
}
