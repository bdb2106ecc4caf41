import { useT } from '../../i18n';

export function WhatCounted({ text }: { text: string | null }) {
  const t = useT();
  if (!text) return null;
  return (
    <details className="what">
      <summary>{t('figures.what')}</summary>
      <p>{text}</p>
    </details>
  );
}
