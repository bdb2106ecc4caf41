import type { Executor } from '../db/database.ts';

export const authRepository = {
  findUserByIdentifier(db: Executor, identifier: { email?: string; phone?: string }) {
    let query = db.selectFrom('users').selectAll().where('disabled_at', 'is', null);
    if (identifier.email) {
      query = query.where((eb) => eb(eb.fn('lower', ['email']), '=', identifier.email!.toLowerCase()));
    } else if (identifier.phone) {
      query = query.where('phone', '=', identifier.phone);
    } else {
      return Promise.resolve(undefined);
    }
    return query.executeTakeFirst();
  },

  /** Any account, enabled or not, holding this e-mail or this phone. */
  findUserHolding(db: Executor, email: string | null, phone: string | null) {
    return db
      .selectFrom('users')
      .select('id')
      .where((eb) => eb.or([
        ...(email ? [eb(eb.fn('lower', ['email']), '=', email.toLowerCase())] : []),
        ...(phone ? [eb('phone', '=', phone)] : []),
      ]))
      .executeTakeFirst();
  },

  findUserById(db: Executor, id: string) {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },

  insertUser(
    db: Executor,
    user: {
      public_id: string;
      email: string | null;
      phone: string | null;
      display_name: string;
      password_hash: string;
      role: 'citizen' | 'officer' | 'agency_admin' | 'agent' | 'admin' | 'planner' | 'screening_officer' | 'investigator' | 'custodian' | 'integrity_head';
      agency_id: string | null;
      is_demo?: boolean;
    },
  ) {
    return db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
  },

  insertSession(
    db: Executor,
    session: { id: string; user_id: string; kind: 'cookie' | 'token'; csrf_token: string; expires_at: Date },
  ) {
    return db.insertInto('sessions').values(session).execute();
  },

  /** The live session and its user in one round trip. */
  findLiveSession(db: Executor, id: string) {
    return db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.id as session_id',
        'sessions.kind',
        'sessions.csrf_token',
        'sessions.last_seen_at',
        'users.id',
        'users.public_id',
        'users.display_name',
        'users.email',
        'users.phone',
        'users.role',
        'users.agency_id',
      ])
      .where('sessions.id', '=', id)
      .where('sessions.revoked_at', 'is', null)
      .where('sessions.expires_at', '>', new Date())
      .where('users.disabled_at', 'is', null)
      .executeTakeFirst();
  },

  touchSession(db: Executor, id: string, expiresAt: Date) {
    return db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(), expires_at: expiresAt })
      .where('id', '=', id)
      .execute();
  },

  setPasswordHash(db: Executor, userId: string, passwordHash: string) {
    return db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
  },

  revokeOtherSessions(db: Executor, userId: string, keepSessionId: string) {
    return db.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('id', '<>', keepSessionId).where('revoked_at', 'is', null).execute();
  },

  /** A device token moves to whoever registered it last (phones change hands). */
  upsertPushToken(db: Executor, t: { user_id: string; token: string; platform: 'android' | 'ios' | 'web'; locale: 'th' | 'en' }) {
    return db
      .insertInto('user_push_tokens')
      .values(t)
      .onConflict((oc) => oc.column('token').doUpdateSet({ user_id: t.user_id, platform: t.platform, locale: t.locale }))
      .execute();
  },

  deletePushToken(db: Executor, userId: string, token: string) {
    return db.deleteFrom('user_push_tokens').where('user_id', '=', userId).where('token', '=', token).executeTakeFirst();
  },

  revokeSession(db: Executor, id: string) {
    return db.updateTable('sessions').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  },
};
