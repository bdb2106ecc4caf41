import { recordAudit, type Actor } from '../audit/audit.ts';
import type { Db, Tx } from '../db/database.ts';
import { fail } from '../http/problem.ts';
import { authRepository } from './auth.repository.ts';
import type { AuthUser, Role } from './auth.types.ts';
import { burnVerifyTime, hashPassword, verifyPassword } from './passwords.ts';
import { newToken, publicId, sha256Hex } from './tokens.ts';

export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;
const TOUCH_EVERY_MS = 5 * 60 * 1000;

const EMAIL_RE = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;

/** Thai numbers as people type them (08x-xxx-xxxx, +66 8x…) → +668xxxxxxxx; null when not a phone. */
export function normalisePhone(raw: string): string | null {
  const digits = raw.replace(/[\s\-().]/g, '');
  if (/^0[2-9]\d{7,8}$/.test(digits)) return `+66${digits.slice(1)}`;
  if (/^\+66[2-9]\d{7,8}$/.test(digits)) return digits;
  if (/^66[2-9]\d{7,8}$/.test(digits)) return `+${digits}`;
  return null;
}

export function normaliseEmail(raw: string): string | null {
  const email = raw.trim();
  return EMAIL_RE.test(email) && email.length <= 254 ? email : null;
}

export function toAuthUser(row: {
  id: string;
  public_id: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  role: Role;
  agency_id: string | null;
}): AuthUser {
  return {
    id: row.id,
    publicId: row.public_id,
    displayName: row.display_name,
    email: row.email,
    phone: row.phone,
    role: row.role,
    agencyId: row.agency_id,
  };
}

function checkPassword(password: string) {
  if (password.length < 8 || password.length > 256) {
    throw fail.badRequest('weak_password', 'รหัสผ่านต้องยาว 8 ถึง 256 ตัวอักษร', 'The password must be 8 to 256 characters long', [
      { field: 'password', text: { th: 'ต้องยาว 8 ถึง 256 ตัวอักษร', en: 'must be 8 to 256 characters' } },
    ]);
  }
}

export interface NewAccount {
  email?: string;
  phone?: string;
  password: string;
  display_name: string;
  role?: Role;
  agency_id?: string | null;
  is_demo?: boolean;
}

export function createAuthService(db: Db) {
  /**
   * Makes an account with its audit entry. Given a transaction, works inside it, so a
   * caller can make the account part of a larger change that stands or falls together.
   */
  async function createUser(account: NewAccount, actor: Actor, inTransaction?: Tx): Promise<AuthUser> {
    const email = account.email ? normaliseEmail(account.email) : null;
    const phone = account.phone ? normalisePhone(account.phone) : null;
    if (account.email && !email) {
      throw fail.badRequest('invalid_email', 'อีเมลไม่ถูกต้อง', 'The e-mail address is not valid', [
        { field: 'email', text: { th: 'อีเมลไม่ถูกต้อง', en: 'is not a valid e-mail address' } },
      ]);
    }
    if (account.phone && !phone) {
      throw fail.badRequest('invalid_phone', 'หมายเลขโทรศัพท์ไม่ถูกต้อง', 'The phone number is not valid', [
        { field: 'phone', text: { th: 'หมายเลขโทรศัพท์ไม่ถูกต้อง', en: 'is not a valid Thai phone number' } },
      ]);
    }
    if (!email && !phone) {
      throw fail.badRequest('identifier_required', 'กรุณากรอกอีเมลหรือหมายเลขโทรศัพท์', 'Give an e-mail address or a phone number');
    }
    if (account.display_name.trim() === '') {
      throw fail.badRequest('name_required', 'กรุณากรอกชื่อที่ใช้แสดง', 'Give a display name');
    }
    checkPassword(account.password);
    const passwordHash = await hashPassword(account.password);
    const exists = () => fail.conflict('account_exists', 'มีบัญชีที่ใช้อีเมลหรือหมายเลขนี้อยู่แล้ว', 'An account with this e-mail or phone already exists');
    const create = async (trx: Tx) => {
      if (await authRepository.findUserHolding(trx, email, phone)) throw exists();
      // Two signups racing past the check above meet the unique indexes instead.
      const row = await authRepository.insertUser(trx, {
        public_id: publicId(12),
        email,
        phone,
        display_name: account.display_name.trim(),
        password_hash: passwordHash,
        role: account.role ?? 'citizen',
        agency_id: account.agency_id ?? null,
        is_demo: account.is_demo ?? false,
      }).catch((error: { code?: string }) => {
        throw error.code === '23505' ? exists() : error;
      });
      await recordAudit(trx, actor, {
        action: 'user.create',
        entityType: 'user',
        entityId: row.public_id,
        after: { role: row.role, agency_id: row.agency_id, has_email: !!email, has_phone: !!phone },
      });
      return toAuthUser(row);
    };
    return inTransaction ? create(inTransaction) : db.transaction().execute(create);
  }

  async function login(identifier: string, password: string, kind: 'cookie' | 'token', channel: string) {
    const email = identifier.includes('@') ? normaliseEmail(identifier) : null;
    const phone = email ? null : normalisePhone(identifier);
    const row = email || phone ? await authRepository.findUserByIdentifier(db, email ? { email } : { phone: phone! }) : undefined;
    if (!row) {
      await burnVerifyTime(password);
      throw wrongCredentials();
    }
    if (!(await verifyPassword(row.password_hash, password))) throw wrongCredentials();
    const user = toAuthUser(row);
    const session = await openSession(user, kind, channel);
    return { user, ...session };
  }

  /** A fresh session at every login: the id is never reused (no fixation). */
  async function openSession(user: AuthUser, kind: 'cookie' | 'token', channel: string) {
    const token = newToken();
    const csrfToken = newToken();
    await db.transaction().execute(async (trx) => {
      await authRepository.insertSession(trx, {
        id: sha256Hex(token),
        user_id: user.id,
        kind,
        csrf_token: csrfToken,
        expires_at: new Date(Date.now() + SESSION_TTL_MS),
      });
      await recordAudit(trx, { userId: user.id, label: `user:${user.publicId}`, channel }, {
        action: 'session.open',
        entityType: 'user',
        entityId: user.publicId,
        after: { kind },
      });
    });
    return { token, csrfToken };
  }

  async function resolveSession(token: string) {
    const id = sha256Hex(token);
    const row = await authRepository.findLiveSession(db, id);
    if (!row) return null;
    if (Date.now() - new Date(row.last_seen_at).getTime() > TOUCH_EVERY_MS) {
      await authRepository.touchSession(db, id, new Date(Date.now() + SESSION_TTL_MS));
    }
    return { sessionId: id, kind: row.kind, csrfToken: row.csrf_token, user: toAuthUser({ ...row }) };
  }

  async function logout(sessionId: string, user: AuthUser, channel: string) {
    await db.transaction().execute(async (trx) => {
      await authRepository.revokeSession(trx, sessionId);
      await recordAudit(trx, { userId: user.id, label: `user:${user.publicId}`, channel }, {
        action: 'session.revoke',
        entityType: 'user',
        entityId: user.publicId,
      });
    });
  }

  /** A new password ends every other session of the account (a thief's included). */
  async function changePassword(user: AuthUser, sessionId: string, current: string, next: string, channel: string) {
    const row = await authRepository.findUserById(db, user.id);
    if (!row || !(await verifyPassword(row.password_hash, current))) {
      throw fail.badRequest('wrong_password', 'รหัสผ่านปัจจุบันไม่ถูกต้อง', 'The current password is wrong', [
        { field: 'current_password', text: { th: 'ไม่ถูกต้อง', en: 'is wrong' } },
      ]);
    }
    checkPassword(next);
    const passwordHash = await hashPassword(next);
    await db.transaction().execute(async (trx) => {
      await authRepository.setPasswordHash(trx, user.id, passwordHash);
      await authRepository.revokeOtherSessions(trx, user.id, sessionId);
      await recordAudit(trx, { userId: user.id, label: `user:${user.publicId}`, channel }, {
        action: 'user.password_change',
        entityType: 'user',
        entityId: user.publicId,
        after: { other_sessions_revoked: true },
      });
    });
  }

  async function registerPushToken(user: AuthUser, token: string, platform: 'android' | 'ios' | 'web', locale: 'th' | 'en', channel: string) {
    await db.transaction().execute(async (trx) => {
      await authRepository.upsertPushToken(trx, { user_id: user.id, token, platform, locale });
      await recordAudit(trx, { userId: user.id, label: `user:${user.publicId}`, channel }, {
        action: 'user.push_token_register',
        entityType: 'user',
        entityId: user.publicId,
        after: { platform, locale },
      });
    });
  }

  async function removePushToken(user: AuthUser, token: string, channel: string) {
    await db.transaction().execute(async (trx) => {
      const removed = await authRepository.deletePushToken(trx, user.id, token);
      if (Number(removed.numDeletedRows) === 0) throw fail.notFound('ไม่พบอุปกรณ์นี้ในบัญชีของคุณ', 'No such device on your account');
      await recordAudit(trx, { userId: user.id, label: `user:${user.publicId}`, channel }, { action: 'user.push_token_remove', entityType: 'user', entityId: user.publicId });
    });
  }

  return { createUser, login, openSession, resolveSession, logout, changePassword, registerPushToken, removePushToken };
}

export type AuthService = ReturnType<typeof createAuthService>;

function wrongCredentials() {
  return fail.unauthorized('อีเมล/หมายเลขโทรศัพท์หรือรหัสผ่านไม่ถูกต้อง', 'Wrong e-mail/phone or password');
}
