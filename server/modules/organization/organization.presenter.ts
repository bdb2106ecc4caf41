type CategoryRow = Awaited<ReturnType<typeof import('./organization.repository.ts').organizationRepository.listCategories>>[number];

export function presentCategory(c: CategoryRow) {
  return {
    code: c.code,
    name_th: c.name_th,
    name_en: c.name_en,
    description_th: c.description_th,
    description_en: c.description_en,
    routing:
      c.routing_kind === 'agency' && c.routing_agency_code
        ? { kind: 'agency' as const, agency: { code: c.routing_agency_code, name_th: c.routing_agency_name_th!, name_en: c.routing_agency_name_en! } }
        : { kind: 'district_office' as const },
    first_response_hours: c.first_response_hours,
    fix_hours: c.fix_hours,
    after_photo_required: c.after_photo_required,
  };
}

export function presentAgency(a: { code: string; kind: 'district_office' | 'department' | 'external'; name_th: string; name_en: string; district_code: number | null }) {
  return { code: a.code, kind: a.kind, name_th: a.name_th, name_en: a.name_en, district_code: a.district_code };
}

export function presentStaff(s: { public_id: string; email: string | null; display_name: string; role: string; agency_code: string | null; agency_name_th: string | null; agency_name_en: string | null; disabled_at?: Date | null }) {
  return {
    id: s.public_id,
    email: s.email,
    display_name: s.display_name,
    role: s.role,
    agency: s.agency_code ? { code: s.agency_code, name_th: s.agency_name_th!, name_en: s.agency_name_en! } : null,
    disabled: !!s.disabled_at,
  };
}
