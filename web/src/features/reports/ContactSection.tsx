import { useT } from '../../i18n';
import { Field } from '../../ui/Field';

export interface Contact {
  name: string;
  phone: string;
  email: string;
}

interface Props {
  contact: Contact;
  onChange: (c: Contact) => void;
  errors: Record<string, string>;
}

export function ContactSection({ contact, onChange, errors }: Props) {
  const t = useT();
  return (
    <fieldset className="section">
      <legend>
        <h2>{t('new.contact')}</h2>
      </legend>
      <p className="note" id="contact-note">
        {t('new.contactNote')}
      </p>
      <Field id="contact_name" label={t('new.contactName')} optional error={errors.contact_name}>
        {(a) => (
          <input
            {...a}
            name="contact_name"
            maxLength={100}
            autoComplete="name"
            value={contact.name}
            onChange={(e) => onChange({ ...contact, name: e.target.value })}
          />
        )}
      </Field>
      <Field id="contact_phone" label={t('new.contactPhone')} optional error={errors.contact_phone}>
        {(a) => (
          <input
            {...a}
            name="contact_phone"
            maxLength={20}
            type="tel"
            autoComplete="tel"
            value={contact.phone}
            onChange={(e) => onChange({ ...contact, phone: e.target.value })}
          />
        )}
      </Field>
      <Field id="contact_email" label={t('new.contactEmail')} optional error={errors.contact_email}>
        {(a) => (
          <input
            {...a}
            name="contact_email"
            maxLength={254}
            type="email"
            autoComplete="email"
            value={contact.email}
            onChange={(e) => onChange({ ...contact, email: e.target.value })}
          />
        )}
      </Field>
    </fieldset>
  );
}
