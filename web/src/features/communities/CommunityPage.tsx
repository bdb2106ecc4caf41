import { useT } from '../../i18n';

// Placeholder until the communities screens land (issue 5).
export default function CommunityPage() {
  const t = useT();
  return <h1>{t('communities.nav')}</h1>;
}
