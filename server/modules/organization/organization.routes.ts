import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireRole } from '../../platform/auth/auth.plugin.ts';
import type { AuthService } from '../../platform/auth/auth.service.ts';
import { ROLES, STAFF_ROLES } from '../../platform/auth/auth.types.ts';
import { getSimplifiedDistrictsFeatureCollection } from '../../platform/geo/districts.ts';
import { locateDistrict } from '../../platform/geo/locator.ts';
import { actorOf } from '../../platform/http/context.ts';
import { ProblemSchema } from '../../platform/http/schemas.ts';
import type { OrganizationService } from './organization.service.ts';
import { presentAgency, presentCategory, presentStaff } from './organization.presenter.ts';
import {
  AdminAgencyItem, AgencyCreateBody, AgencyItem, AgencyPatchBody, CategoryCodeParams, StaffIdParams, StaffPatchBody, CategoryItem, CategoryPatchBody, DistrictItem, LocateQuery, LocateResponse, StaffCreateBody, StaffItem,
} from './organization.schema.ts';

const Items = <T extends Parameters<typeof Type.Array>[0]>(item: T) => Type.Object({ items: Type.Array(item) });

export async function organizationRoutes(app: FastifyInstance, opts: { organization: OrganizationService; auth: AuthService }) {
  const { organization, auth } = opts;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  let geojsonCache: string | null = null;

  r.get('/api/v1/districts', {
    schema: { tags: ['reference'], summary: "Bangkok's 50 districts", response: { 200: Items(DistrictItem) } },
  }, async () => ({
    items: (await organization.listDistricts()).map((d) => ({
      code: d.code, name_th: d.name_th, name_en: d.name_en,
      area_km2: d.area_km2 == null ? null : Number(d.area_km2),
      population_2018: d.population_2018, communities_2018: d.communities_2018,
    })),
  }));

  r.get('/api/v1/districts/geojson', {
    schema: { tags: ['reference'], summary: 'District outlines (simplified GeoJSON FeatureCollection)' },
  }, async (_request, reply) => {
    geojsonCache ??= JSON.stringify(getSimplifiedDistrictsFeatureCollection());
    return reply.type('application/geo+json').header('cache-control', 'public, max-age=86400').send(geojsonCache);
  });

  r.get('/api/v1/locate', {
    schema: { tags: ['reference'], summary: 'Which district a point is in', querystring: LocateQuery, response: { 200: LocateResponse, 400: ProblemSchema } },
  }, async (request) => {
    const result = locateDistrict(request.query.lat, request.query.lng);
    if (result.inside) {
      const d = result.district;
      return { inside: true as const, district: { code: d.code, name_th: d.name_th, name_en: d.name_en } };
    }
    return {
      inside: false as const,
      message_th: 'จุดนี้อยู่นอกกรุงเทพมหานคร กรุณาปักหมุดในเขตกรุงเทพฯ',
      message_en: 'This point is outside Bangkok; place the pin inside the city',
    };
  });

  r.get('/api/v1/agencies', {
    schema: { tags: ['reference'], summary: 'District offices, BMA departments and outside bodies', response: { 200: Items(AgencyItem) } },
  }, async () => ({ items: (await organization.listAgencies()).map(presentAgency) }));

  r.get('/api/v1/categories', {
    schema: { tags: ['reference'], summary: 'Problem categories with routing rules and target times', response: { 200: Items(CategoryItem) } },
  }, async () => ({ items: (await organization.listCategories()).map(presentCategory) }));

  r.patch('/api/v1/admin/categories/:code', {
    schema: {
      tags: ['admin'], summary: "Change a category's routing rule or targets (system administrator)",
      params: CategoryCodeParams, body: CategoryPatchBody,
      response: { 200: CategoryItem, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema },
    },
  }, async (request) => {
    requireRole(request, [ROLES.admin]);
    await organization.updateCategory(request.params.code, request.body, actorOf(request.auth));
    const updated = (await organization.listCategories()).find((c) => c.code === request.params.code)!;
    return presentCategory(updated);
  });

  r.get('/api/v1/admin/staff', {
    schema: { tags: ['admin'], summary: 'Staff accounts (system administrator: all; agency administrator: own agency)', response: { 200: Items(StaffItem), 401: ProblemSchema, 403: ProblemSchema } },
  }, async (request) => {
    const user = requireRole(request, [ROLES.admin, ROLES.agencyAdmin]);
    const rows = await organization.listStaff(user.role === ROLES.admin ? null : user.agencyId, true);
    return { items: rows.map(presentStaff) };
  });

  r.post('/api/v1/admin/staff', {
    schema: {
      tags: ['admin'], summary: 'Create a staff account in an agency',
      body: StaffCreateBody,
      response: { 201: StaffItem, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema },
    },
  }, async (request, reply) => {
    const user = requireRole(request, [ROLES.admin, ROLES.agencyAdmin]);
    const agency = await organization.agencyForNewStaff(user, request.body.role, request.body.agency_code);
    const created = await auth.createUser(
      { email: request.body.email, password: request.body.password, display_name: request.body.display_name, role: request.body.role, agency_id: agency?.id ?? null },
      actorOf(request.auth),
    );
    return reply.status(201).send({
      id: created.publicId, email: created.email, display_name: created.displayName, role: created.role,
      agency: agency ? { code: agency.code, name_th: agency.name_th, name_en: agency.name_en } : null,
      disabled: false,
    });
  });

  r.get('/api/v1/admin/agencies', {
    schema: { tags: ['admin'], summary: 'All agencies, active or not (system administrator)', response: { 200: Items(AdminAgencyItem), 401: ProblemSchema, 403: ProblemSchema } },
  }, async (request) => {
    requireRole(request, [ROLES.admin]);
    return { items: (await organization.listAllAgencies()).map((a) => ({ ...presentAgency(a), active: a.active })) };
  });

  r.post('/api/v1/admin/agencies', {
    schema: { tags: ['admin'], summary: 'Add a department or outside body (system administrator)', body: AgencyCreateBody, response: { 201: AdminAgencyItem, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema } },
  }, async (request, reply) => {
    requireRole(request, [ROLES.admin]);
    const row = await organization.createAgency(request.body, actorOf(request.auth));
    return reply.status(201).send({ ...presentAgency(row), active: row.active });
  });

  r.patch('/api/v1/admin/agencies/:code', {
    schema: { tags: ['admin'], summary: 'Rename or (de)activate an agency (system administrator)', params: CategoryCodeParams, body: AgencyPatchBody, response: { 200: AdminAgencyItem, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema } },
  }, async (request) => {
    requireRole(request, [ROLES.admin]);
    const row = await organization.updateAgency(request.params.code, request.body, actorOf(request.auth));
    return { ...presentAgency(row), active: row.active };
  });

  r.patch('/api/v1/admin/staff/:id', {
    schema: { tags: ['admin'], summary: 'Disable (ends all its sessions) or re-enable a staff account', params: StaffIdParams, body: StaffPatchBody, response: { 204: { type: 'null' }, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema } },
  }, async (request, reply) => {
    const user = requireRole(request, [ROLES.admin, ROLES.agencyAdmin]);
    await organization.setStaffDisabled(request.params.id, request.body.disabled, actorOf(request.auth), user.role === ROLES.admin ? null : user.agencyId);
    return reply.status(204).send(null);
  });

  r.get('/api/v1/staff/officers', {
    schema: { tags: ['staff'], summary: "Officers of the caller's agency (for assignment)", response: { 200: Items(Type.Object({ id: Type.String(), display_name: Type.String() })), 401: ProblemSchema, 403: ProblemSchema } },
  }, async (request) => {
    const user = requireRole(request, STAFF_ROLES);
    const rows = await organization.listStaff(user.agencyId);
    return { items: rows.filter((s) => ['officer', 'agency_admin', 'admin'].includes(s.role) && (s.role !== 'admin' || user.role === 'admin')).map((s) => ({ id: s.public_id, display_name: s.display_name })) };
  });
}
