import { useT } from '../../i18n';

// Placeholder until the plans screens land (issue 5).
export default function PlansPage() {
  const t = useT();
  return <h1>{t('plans.nav')}</h1>;
}
