import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { IntegrityTables, IntegrityStage } from './integrity.tables.ts';
import type { Insertable, Updateable } from 'kysely';

type CaseInsert = Insertable<IntegrityTables['integrity_cases']>;
type CaseUpdate = Updateable<IntegrityTables['integrity_cases']>;

/** All SQL of the integrity module, and nothing but SQL. */
export const integrityRepository = {
  insertCase: (db: Executor, row: CaseInsert) => db.insertInto('integrity_cases').values(row).returning(['id']).executeTakeFirstOrThrow(),

  updateCase: (db: Executor, id: string, patch: CaseUpdate) => db.updateTable('integrity_cases').set(patch).where('id', '=', id).execute(),

  findCase(db: Executor, by: { number?: string; id?: string }, lock = false) {
    let q = db.selectFrom('integrity_cases').selectAll();
    q = by.number !== undefined ? q.where('case_number', '=', by.number) : q.where('id', '=', by.id!);
    return (lock ? q.forUpdate() : q).executeTakeFirst();
  },

  agency: (db: Executor, id: string) => db.selectFrom('agencies').select(['id', 'code', 'name_th', 'name_en']).where('id', '=', id).executeTakeFirst(),
  agencyByCode: (db: Executor, code: string) => db.selectFrom('agencies').select(['id', 'code', 'name_th', 'name_en', 'active']).where('code', '=', code).executeTakeFirst(),

  user: (db: Executor, by: { id?: string; publicId?: string }) => {
    const q = db.selectFrom('users').select(['id', 'public_id', 'display_name', 'role', 'agency_id', 'disabled_at']);
    return (by.id !== undefined ? q.where('id', '=', by.id) : q.where('public_id', '=', by.publicId!)).executeTakeFirst();
  },

  async enterStage(db: Executor, caseId: string, stage: IntegrityStage, at: Date, due: Date | null) {
    await db.updateTable('integrity_stage_history').set({ left_at: at }).where('case_id', '=', caseId).where('left_at', 'is', null).execute();
    await db.insertInto('integrity_stage_history').values({ case_id: caseId, stage, entered_at: at, due_at: due }).execute();
  },

  stageHistory: (db: Executor, caseId: string) =>
    db.selectFrom('integrity_stage_history').select(['stage', 'entered_at', 'due_at', 'left_at']).where('case_id', '=', caseId).orderBy('id').execute(),

  insertIdentity: (db: Executor, row: Insertable<IntegrityTables['integrity_identities']>) => db.insertInto('integrity_identities').values(row).execute(),
  findIdentity: (db: Executor, caseId: string) => db.selectFrom('integrity_identities').selectAll().where('case_id', '=', caseId).executeTakeFirst(),
  deleteIdentity: (db: Executor, caseId: string) => db.deleteFrom('integrity_identities').where('case_id', '=', caseId).execute(),

  insertToken: (db: Executor, tokenHash: string, caseId: string, expiresAt: Date) =>
    db.insertInto('integrity_case_tokens').values({ token_hash: tokenHash, case_id: caseId, expires_at: expiresAt }).execute(),
  async findTokenCase(db: Executor, tokenHash: string) {
    // Expired tokens are swept whenever one is checked: they are worth nothing after.
    await db.deleteFrom('integrity_case_tokens').where('expires_at', '<', sql<Date>`now()`).execute();
    return db.selectFrom('integrity_case_tokens').select('case_id').where('token_hash', '=', tokenHash).executeTakeFirst();
  },

  attempts: (db: Executor, key: string) => db.selectFrom('integrity_access_attempts').selectAll().where('key', '=', key).executeTakeFirst(),
  recordFailure: (db: Executor, key: string) =>
    db.insertInto('integrity_access_attempts').values({ key, failures: 1, last_failure_at: new Date() })
      .onConflict((oc) => oc.column('key').doUpdateSet({ failures: sql`integrity_access_attempts.failures + 1`, last_failure_at: new Date() }))
      .execute(),
  clearAttempts: (db: Executor, key: string) => db.deleteFrom('integrity_access_attempts').where('key', '=', key).execute(),

  insertEvent: (db: Executor, row: { case_id: string; kind: string; actor_user_id: string | null; sealed_text: Buffer | null; data: Record<string, unknown> }) =>
    db.insertInto('integrity_events').values({ ...row, data: JSON.stringify(row.data) }).execute(),
  events: (db: Executor, caseId: string) =>
    db.selectFrom('integrity_events').leftJoin('users', 'users.id', 'integrity_events.actor_user_id')
      .select(['integrity_events.kind', 'integrity_events.sealed_text', 'integrity_events.data', 'integrity_events.created_at', 'users.public_id as actor_public_id', 'users.display_name as actor_name'])
      .where('case_id', '=', caseId).orderBy('integrity_events.id').execute(),

  insertQuestion: (db: Executor, row: { public_id: string; case_id: string; asked_by: string; sealed_text: Buffer }) =>
    db.insertInto('integrity_questions').values(row).execute(),
  questions: (db: Executor, caseId: string) =>
    db.selectFrom('integrity_questions').innerJoin('users', 'users.id', 'integrity_questions.asked_by')
      .select(['integrity_questions.public_id', 'sealed_text', 'asked_at', 'sealed_answer', 'answered_at', 'users.public_id as asked_by_public_id', 'users.display_name as asked_by_name'])
      .where('case_id', '=', caseId).orderBy('integrity_questions.id').execute(),
  findQuestion: (db: Executor, caseId: string, publicId: string) =>
    db.selectFrom('integrity_questions').selectAll().where('case_id', '=', caseId).where('public_id', '=', publicId).forUpdate().executeTakeFirst(),
  answerQuestion: (db: Executor, id: string, sealed: Buffer) =>
    db.updateTable('integrity_questions').set({ sealed_answer: sealed, answered_at: new Date() }).where('id', '=', id).execute(),

  insertNote: (db: Executor, row: { case_id: string; author_id: string; sealed_text: Buffer }) => db.insertInto('integrity_notes').values(row).execute(),
  notes: (db: Executor, caseId: string) =>
    db.selectFrom('integrity_notes').innerJoin('users', 'users.id', 'integrity_notes.author_id')
      .select(['integrity_notes.sealed_text', 'integrity_notes.created_at', 'users.public_id as author_public_id', 'users.display_name as author_name'])
      .where('integrity_notes.case_id', '=', caseId).orderBy('integrity_notes.id').execute(),

  insertEvidence: (db: Executor, row: Insertable<IntegrityTables['integrity_evidence']>) => db.insertInto('integrity_evidence').values(row).execute(),
  evidenceList: (db: Executor, caseId: string) =>
    db.selectFrom('integrity_evidence').select(['public_id', 'sealed_filename', 'content_type', 'bytes', 'added_by', 'added_at', 'purged_at'])
      .where('case_id', '=', caseId).orderBy('id').execute(),
  evidenceCount: async (db: Executor, caseId: string) =>
    Number((await db.selectFrom('integrity_evidence').select((eb) => eb.fn.countAll<string>().as('n')).where('case_id', '=', caseId).executeTakeFirstOrThrow()).n),
  findEvidence: (db: Executor, caseId: string, publicId: string) =>
    db.selectFrom('integrity_evidence').selectAll().where('case_id', '=', caseId).where('public_id', '=', publicId).executeTakeFirst(),
  purgeEvidence: (db: Executor, caseId: string) =>
    db.updateTable('integrity_evidence').set({ sealed_data: null, purged_at: new Date() }).where('case_id', '=', caseId).where('purged_at', 'is', null).executeTakeFirst(),

  insertAssignment: (db: Executor, row: { case_id: string; user_id: string; assigned_by: string; declaration: string }) =>
    db.insertInto('integrity_assignments').values(row).onConflict((oc) => oc.columns(['case_id', 'user_id']).doNothing()).returning('id').executeTakeFirst(),
  assignees: (db: Executor, caseId: string) =>
    db.selectFrom('integrity_assignments').innerJoin('users', 'users.id', 'integrity_assignments.user_id')
      .select(['users.id as user_id', 'users.public_id', 'users.display_name', 'declaration', 'assigned_at'])
      .where('case_id', '=', caseId).orderBy('integrity_assignments.id').execute(),
  isAssigned: async (db: Executor, caseId: string, userId: string) =>
    !!(await db.selectFrom('integrity_assignments').select('id').where('case_id', '=', caseId).where('user_id', '=', userId).executeTakeFirst()),

  replaceSanctions: async (db: Executor, caseId: string, rows: Array<Omit<Insertable<IntegrityTables['integrity_sanctions']>, 'case_id'>>) => {
    await db.deleteFrom('integrity_sanctions').where('case_id', '=', caseId).execute();
    if (rows.length > 0) await db.insertInto('integrity_sanctions').values(rows.map((r) => ({ ...r, case_id: caseId }))).execute();
  },
  sanctions: (db: Executor, caseId: string) =>
    db.selectFrom('integrity_sanctions').select(['kind', 'sealed_official_name', 'public_official_name', 'final', 'publish_name']).where('case_id', '=', caseId).orderBy('id').execute(),

  insertLink: (db: Executor, row: { case_id: string; type: 'report' | 'plan_item' | 'contract'; ref: string; created_by: string }) =>
    db.insertInto('integrity_links').values(row).onConflict((oc) => oc.columns(['case_id', 'type', 'ref']).doNothing()).execute(),
  links: (db: Executor, caseId: string) => db.selectFrom('integrity_links').select(['type', 'ref', 'created_at']).where('case_id', '=', caseId).orderBy('id').execute(),
  mergedFrom: (db: Executor, caseId: string) => db.selectFrom('integrity_cases').select('case_number').where('merged_into_id', '=', caseId).orderBy('id').execute(),

  insertIdentityRequest: (db: Executor, row: { public_id: string; case_id: string; requested_by: string; sealed_justification: Buffer }) =>
    db.insertInto('integrity_identity_requests').values(row).execute(),
  findIdentityRequest: (db: Executor, publicId: string, lock = false) => {
    const q = db.selectFrom('integrity_identity_requests').selectAll().where('public_id', '=', publicId);
    return (lock ? q.forUpdate() : q).executeTakeFirst();
  },
  decideIdentityRequest: (db: Executor, id: string, patch: { status: 'approved' | 'refused'; decided_by: string; sealed_decision: Buffer }) =>
    db.updateTable('integrity_identity_requests').set({ ...patch, decided_at: new Date() }).where('id', '=', id).execute(),
  approvedRequest: (db: Executor, caseId: string, userId: string) =>
    db.selectFrom('integrity_identity_requests').select(['public_id', 'decided_at']).where('case_id', '=', caseId).where('requested_by', '=', userId)
      .where('status', '=', 'approved').orderBy('id', 'desc').executeTakeFirst(),
  identityRequestsFor: (db: Executor, excludeAgencyId: string | null) => {
    let q = db.selectFrom('integrity_identity_requests as r')
      .innerJoin('integrity_cases as c', 'c.id', 'r.case_id')
      .innerJoin('agencies as a', 'a.id', 'c.agency_id')
      .innerJoin('users as u', 'u.id', 'r.requested_by')
      .leftJoin('integrity_identities as i', 'i.case_id', 'c.id')
      .select(['r.public_id', 'r.sealed_justification', 'r.status', 'r.created_at', 'r.decided_at', 'r.sealed_decision', 'c.case_number', 'c.wrapped_key', 'c.key_id',
        'a.code as agency_code', 'a.name_th as agency_name_th', 'a.name_en as agency_name_en', 'u.public_id as requester_public_id', 'u.display_name as requester_name', 'i.may_disclose'])
      .orderBy('r.id', 'desc').limit(200);
    if (excludeAgencyId) q = q.where('c.agency_id', '<>', excludeAgencyId);
    return q.execute();
  },

  /** People a case can be assigned to; the agency is only used to leave out conflicted ones. */
  listInvestigators(db: Executor) {
    return db
      .selectFrom('users')
      .select(['public_id', 'display_name', 'agency_id'])
      .where('role', 'in', ['investigator', 'integrity_head'])
      .where('disabled_at', 'is', null)
      .orderBy('display_name')
      .execute();
  },
};

export type IntegrityRepository = typeof integrityRepository;
