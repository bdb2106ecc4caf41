import type { Category } from '../../app/types';
import { useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Loading } from '../../ui/Loading';
import { useApi } from '../../ui/hooks';
import { CategoryRow } from './CategoryRow';

export function CategoriesAdmin() {
  const t = useT();
  const { data, error, loading, reload } = useApi<{ items: Category[] }>('/api/v1/categories');
  return (
    <section className="section" aria-labelledby="admin-cats">
      <h2 id="admin-cats">{t('admin.categories')}</h2>
      <p>{t('admin.categoriesLead')}</p>
      <ErrorBox error={error} onRetry={reload} />
      {!data && loading && <Loading />}
      {data && (
        <table className="table admin-cats">
          <caption className="visually-hidden">{t('admin.categories')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('report.category')}</th>
              <th scope="col">{t('admin.routing')}</th>
              <th scope="col">{t('admin.firstResponse')}</th>
              <th scope="col">{t('admin.fixHours')}</th>
              <th scope="col">{t('admin.afterPhoto')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.save')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((c) => (
              <CategoryRow key={c.code} category={c} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
