// The complaint form's values and how they are sent (JSON, or multipart with files).

export const WHAT_MAX = 10000;

export interface ComplaintValues {
  agency_code: string;
  allegation_kind: string;
  unit: string;
  position: string;
  what: string;
  when_text: string;
  where_text: string;
  amount: string;
  contract_ref: string;
}

export interface IdentityValues {
  name: string;
  phone: string;
  email: string;
  may_disclose: boolean;
}

export const EMPTY_COMPLAINT: ComplaintValues = {
  agency_code: '',
  allegation_kind: '',
  unit: '',
  position: '',
  what: '',
  when_text: '',
  where_text: '',
  amount: '',
  contract_ref: '',
};

export const EMPTY_IDENTITY: IdentityValues = { name: '', phone: '', email: '', may_disclose: false };

/** "1,250,000.50" → 1250000.5; empty → null; anything else → undefined (invalid). */
export function parseBaht(text: string): number | null | undefined {
  const clean = text.replace(/[,\s]/g, '').replace(/บาท$/, '');
  if (!clean) return null;
  if (!/^\d{1,13}(\.\d{1,2})?$/.test(clean)) return undefined;
  return Number(clean);
}

export function hasIdentity(i: IdentityValues): boolean {
  return !!(i.name.trim() || i.phone.trim() || i.email.trim());
}

/** JSON without files; multipart (same names, identity flattened) with them. */
export function complaintBody(v: ComplaintValues, identity: IdentityValues, files: File[]): unknown {
  const text = {
    agency_code: v.agency_code,
    allegation_kind: v.allegation_kind,
    unit: v.unit.trim(),
    position: v.position.trim(),
    what: v.what.trim(),
    when_text: v.when_text.trim(),
    where_text: v.where_text.trim(),
    contract_ref: v.contract_ref.trim(),
  };
  const amount = parseBaht(v.amount) ?? null;
  const who = hasIdentity(identity)
    ? { name: identity.name.trim(), phone: identity.phone.trim(), email: identity.email.trim(), may_disclose: identity.may_disclose }
    : null;

  if (files.length === 0) {
    const body: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(text)) if (val) body[k] = val;
    if (amount !== null) body.amount_baht = amount;
    if (who) {
      const id: Record<string, unknown> = { may_disclose: who.may_disclose };
      if (who.name) id.name = who.name;
      if (who.phone) id.phone = who.phone;
      if (who.email) id.email = who.email;
      body.identity = id;
    }
    return body;
  }
  const form = new FormData();
  for (const [k, val] of Object.entries(text)) if (val) form.set(k, val);
  if (amount !== null) form.set('amount_baht', String(amount));
  if (who) {
    if (who.name) form.set('identity_name', who.name);
    if (who.phone) form.set('identity_phone', who.phone);
    if (who.email) form.set('identity_email', who.email);
    form.set('identity_may_disclose', who.may_disclose ? 'true' : 'false');
  }
  for (const f of files) form.append('evidence', f, f.name);
  return form;
}
