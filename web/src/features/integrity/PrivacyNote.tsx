import { useT } from '../../i18n';

/** Plain words on what the complaint pages keep and what they never keep. */
export function PrivacyNote({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const t = useT();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="ig-privacy" aria-labelledby="ig-privacy-title">
      <H id="ig-privacy-title">{t('integrity.privacy.title')}</H>
      <p>{t('integrity.privacy.notStoredLead')}</p>
      <ul>
        <li>{t('integrity.privacy.noIp')}</li>
        <li>{t('integrity.privacy.noAccount')}</li>
        <li>{t('integrity.privacy.noThirdParty')}</li>
      </ul>
      <p>{t('integrity.privacy.storedLead')}</p>
      <ul>
        <li>{t('integrity.privacy.encrypted')}</li>
        <li>{t('integrity.privacy.receiptHash')}</li>
        <li>{t('integrity.privacy.identity')}</li>
      </ul>
      <p className="ig-privacy__caution">{t('integrity.privacy.metadata')}</p>
    </section>
  );
}
