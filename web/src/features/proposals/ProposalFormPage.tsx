import { useT } from '../../i18n';

// Placeholder until the proposals screens land (issue 5).
export default function ProposalFormPage() {
  const t = useT();
  return <h1>{t('proposals.nav')}</h1>;
}
