import { useT } from '../../i18n';
import { usePageTitle } from '../../ui/hooks';
import { AgenciesAdmin } from './AgenciesAdmin';
import { CategoriesAdmin } from './CategoriesAdmin';
import { StaffAdmin } from './StaffAdmin';
import { Open311ClientsAdmin } from './Open311ClientsAdmin';
import { OutboxAdmin } from './OutboxAdmin';

export default function AdminPage() {
  const t = useT();
  usePageTitle(t('admin.title'));
  return (
    <section>
      <h1>{t('admin.title')}</h1>
      <CategoriesAdmin />
      <StaffAdmin />
      <AgenciesAdmin />
      <Open311ClientsAdmin />
      <OutboxAdmin />
    </section>
  );
}
