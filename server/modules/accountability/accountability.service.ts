import type { Db } from '../../platform/db/database.ts';
import { fail } from '../../platform/http/problem.ts';
import { listAttachments } from '../../platform/media/attachments.ts';
import { fiscalYearLabel, isValidFiscalYear } from '../../platform/time/fiscal-year.ts';
import { FUNNEL_DEFINITIONS, OPEN_DATA_DEFINITIONS, type OpenDataset } from './accountability.definitions.ts';
import { funnelFromRow, presentSteps, sumFunnels, type Funnel } from './accountability.funnel.ts';
import { openDataCsv, openDataFileName, openDataJson, publishRows } from './accountability.opendata.ts';
import * as openData from './accountability.opendata.repository.ts';
import { presentStory } from './accountability.presenter.ts';
import * as repo from './accountability.repository.ts';
import * as storyRepo from './accountability.story.repository.ts';

/**
 * Public accountability: read-only figures and stories over communities, proposals and
 * plans. Nothing here needs a signed-in caller and nothing is written, so there is no
 * policy and no audit entry; what is hidden (drafts, personal data) is hidden in SQL.
 */

export interface ScopeQuery {
  fiscal_year?: string;
  district_code?: string;
  community?: string;
}

function parseFiscalYear(raw: string | undefined): number | null {
  if (raw === undefined || raw === '') return null;
  const fy = /^\d{4}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!isValidFiscalYear(fy)) {
    throw fail.badRequest('invalid_fiscal_year', 'ปีงบประมาณต้องเป็นปี พ.ศ. 4 หลัก เช่น 2570', 'fiscal_year must be a Buddhist Era year such as 2570', [
      { field: 'fiscal_year', text: { th: 'ต้องเป็นปี พ.ศ. เช่น 2570', en: 'must be a BE year such as 2570' } },
    ]);
  }
  return fy;
}

async function parseDistrict(db: Db, raw: string | undefined) {
  if (raw === undefined || raw === '') return null;
  const code = /^\d{4}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  const district = Number.isInteger(code) ? await repo.districtByCode(db, code) : undefined;
  if (!district) {
    throw fail.badRequest('unknown_district', 'ไม่พบเขตนี้ รหัสเขตของกรุงเทพฯ คือ 1001 ถึง 1050', 'No such district; Bangkok district codes run from 1001 to 1050', [
      { field: 'district_code', text: { th: 'ไม่พบเขตนี้', en: 'is not a Bangkok district' } },
    ]);
  }
  return district;
}

async function parseCommunity(db: Db, raw: string | undefined, districtCode: number | null) {
  if (raw === undefined || raw === '') return null;
  const community = raw.length <= 40 ? await repo.communityForFilter(db, raw.trim()) : undefined;
  if (!community) {
    throw fail.badRequest('unknown_community', 'ไม่พบชุมชนตามรหัสที่ระบุ', 'No community has this code', [
      { field: 'community', text: { th: 'ไม่พบชุมชนนี้', en: 'is not a known community' } },
    ]);
  }
  if (districtCode !== null && community.district_code !== districtCode) {
    throw fail.badRequest('community_not_in_district', 'ชุมชนนี้ไม่ได้อยู่ในเขตที่เลือก', 'This community is not in the chosen district', [
      { field: 'community', text: { th: 'ไม่ได้อยู่ในเขตที่เลือก', en: 'is not in district_code' } },
    ]);
  }
  return community;
}

const presentFunnel = (f: Funnel) => ({ steps: presentSteps(f), disbursed_satang: f.disbursedSatang.toString(), includes_demo: f.includesDemo });

export function createAccountabilityService(db: Db) {
  async function story(publicId: string) {
    const proposal = /^[A-Za-z0-9-]{1,40}$/.test(publicId) ? await storyRepo.storyProposal(db, publicId) : undefined;
    // A draft answers exactly like an unknown id: its existence is the committee's own business.
    if (!proposal) throw fail.notFound('ไม่พบโครงการนี้', 'No such proposal');
    const [needs, events, lines, placement] = await Promise.all([
      storyRepo.addressedNeeds(db, proposal.id),
      storyRepo.proposalEvents(db, proposal.id),
      storyRepo.budgetLines(db, proposal.id),
      storyRepo.placement(db, proposal.id),
    ]);
    const needIds = needs.map((n) => n.id);
    const [reports, needAttachments, milestones, progress] = await Promise.all([
      storyRepo.citedReports(db, needIds),
      listAttachments(db, 'need', needIds),
      placement ? storyRepo.milestones(db, placement.id) : Promise.resolve([]),
      placement ? storyRepo.progressReports(db, placement.id) : Promise.resolve([]),
    ]);
    const progressPhotos = await listAttachments(db, 'plan_progress', progress.map((r) => r.id));
    for (const [id, list] of progressPhotos) progressPhotos.set(id, list.filter((a) => a.kind === 'photo'));
    return presentStory({ proposal, needs, reports, needAttachments, events, lines, placement: placement ?? null, milestones, progress, progressPhotos });
  }

  async function funnel(q: ScopeQuery) {
    const fiscalYear = parseFiscalYear(q.fiscal_year);
    const district = await parseDistrict(db, q.district_code);
    const community = await parseCommunity(db, q.community, district?.code ?? null);
    const districtCode = district?.code ?? community?.district_code ?? null;
    const filters = { fiscalYear, districtCode, communityId: community?.id ?? null };

    const districtRows = await repo.funnelByDistrict(db, filters);
    const byDistrict = districtRows.map((row) => ({ row, funnel: funnelFromRow(row) }));
    const communityRows = districtCode !== null ? await repo.funnelByCommunity(db, { ...filters, districtCode }) : [];
    const byCommunity = communityRows.map((row) => ({ row, funnel: funnelFromRow(row) }));
    // The total is the sum of the groups: one set of rules, no second query to drift from it.
    const total = community ? sumFunnels(byCommunity.map((x) => x.funnel)) : sumFunnels(byDistrict.map((x) => x.funnel));
    const districtRef = district ?? districtRows[0] ?? null;
    return {
      filters: {
        fiscal_year: fiscalYear,
        fiscal_year_label_th: fiscalYear === null ? null : fiscalYearLabel(fiscalYear, 'th'),
        fiscal_year_label_en: fiscalYear === null ? null : fiscalYearLabel(fiscalYear, 'en'),
        district: districtCode !== null && districtRef ? { code: districtRef.code, name_th: districtRef.name_th, name_en: districtRef.name_en } : null,
        community: community ? { code: community.code, name_th: community.name_th, name_en: community.name_en ?? community.name_th, is_demo: community.is_demo } : null,
      },
      ...presentFunnel(total),
      by_district: districtCode === null
        ? byDistrict.map(({ row, funnel: f }) => ({ code: row.code, name_th: row.name_th, name_en: row.name_en, ...presentFunnel(f) }))
        : [],
      by_community: byCommunity.map(({ row, funnel: f }) => ({
        code: row.code, name_th: row.name_th, name_en: row.name_en ?? row.name_th, is_demo: row.is_demo, ...presentFunnel(f),
      })),
      fiscal_years: await repo.fiscalYearsInUse(db),
      definitions: FUNNEL_DEFINITIONS,
      open_data: OPEN_DATA_DEFINITIONS,
    };
  }

  async function publishedRows(dataset: OpenDataset, q: Pick<ScopeQuery, 'fiscal_year' | 'district_code'>) {
    const scope = { fiscalYear: parseFiscalYear(q.fiscal_year), districtCode: (await parseDistrict(db, q.district_code))?.code ?? null };
    const rows = dataset === 'proposals' ? await openData.proposalRows(db, scope) : dataset === 'plans' ? await openData.planRows(db, scope) : await openData.progressRows(db, scope);
    return { scope, items: publishRows(dataset, rows) };
  }

  async function openDataJsonFile(dataset: OpenDataset, q: Pick<ScopeQuery, 'fiscal_year' | 'district_code'>) {
    const { scope, items } = await publishedRows(dataset, q);
    return { fileName: openDataFileName(dataset, scope, 'json'), body: openDataJson(dataset, scope, items, new Date()) };
  }

  async function openDataCsvFile(dataset: OpenDataset, q: Pick<ScopeQuery, 'fiscal_year' | 'district_code'>) {
    const { scope, items } = await publishedRows(dataset, q);
    return { fileName: openDataFileName(dataset, scope, 'csv'), body: openDataCsv(dataset, items) };
  }

  return { story, funnel, openDataJsonFile, openDataCsvFile };
}
export type AccountabilityService = ReturnType<typeof createAccountabilityService>;
