import { useT } from '../../i18n';

// Placeholder until the accountability screens land (issue 5).
export default function AccountabilityPage() {
  const t = useT();
  return <h1>{t('accountability.nav')}</h1>;
}
