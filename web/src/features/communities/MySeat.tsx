import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import type { Named } from '../../app/types';
import { useLang, useName, useT } from '../../i18n';
import { useApi } from '../../ui/hooks';
import { communityName } from './types';

interface Mine {
  seat: { community: { code: string; name_th: string; name_en: string | null }; position: Named } | null;
}

/** For a committee member: a way straight to their own community. */
export function MySeat() {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  const { user } = useAuth();
  const { data } = useApi<Mine>(user ? '/api/v1/communities/mine' : null);
  const seat = data?.seat;
  if (!seat) return null;
  return (
    <p className="note">
      {t('communities.mySeat', { position: name(seat.position) })}{' '}
      <Link to={`/communities/${encodeURIComponent(seat.community.code)}`}>{communityName(seat.community, lang)}</Link>
    </p>
  );
}
