import type { Report } from '../../app/types';
import { useLang, useT, type MessageKey, type Translate } from '../../i18n';
import { formatDateTime } from '../../ui/date';

/** A channel's name in the UI language; an unknown channel shows as it is stored. */
function channelName(t: Translate, channel: string): string {
  const key = `channel.${channel}` as MessageKey;
  const label = t(key);
  return label === key ? channel : label;
}

export function StaffInfo({ report }: { report: Report }) {
  const t = useT();
  const { lang } = useLang();
  const staff = report.staff;
  if (!staff) return null;
  const contact = staff.contact;
  const hasContact = !!contact && !!(contact.name || contact.phone || contact.email);
  return (
    <section className="section staff-info" aria-labelledby="staff-info-title">
      <h2 id="staff-info-title">{t('staff.info')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('staff.routingReason')}</dt>
          <dd>{lang === 'th' ? staff.routing_reason_th : staff.routing_reason_en}</dd>
        </div>
        <div>
          <dt>{t('staff.assignee')}</dt>
          <dd>{staff.assignee?.display_name ?? t('staff.unassigned')}</dd>
        </div>
        <div>
          <dt>{t('staff.dueFirst')}</dt>
          <dd>{formatDateTime(report.due_first_response_at, lang)}</dd>
        </div>
        <div>
          <dt>{t('report.dueFix')}</dt>
          <dd>{formatDateTime(report.due_fix_at, lang)}</dd>
        </div>
        <div>
          <dt>{t('staff.channel')}</dt>
          <dd>{channelName(t, report.channel)}</dd>
        </div>
      </dl>
      <h3>{t('staff.contact')}</h3>
      {hasContact && contact ? (
        <ul className="plain-list">
          {contact.name && <li>{contact.name}</li>}
          {contact.phone && (
            <li>
              <a href={`tel:${contact.phone}`}>{contact.phone}</a>
            </li>
          )}
          {contact.email && (
            <li>
              <a href={`mailto:${contact.email}`}>{contact.email}</a>
            </li>
          )}
        </ul>
      ) : (
        <p>{t('staff.noContact')}</p>
      )}
    </section>
  );
}
