import { AppError } from '../../platform/http/problem.ts';
import { keyId, newKey, openText, open, seal, unwrapKey, wrapKey } from './integrity.crypto.ts';

/**
 * The integrity unit's key in use: opens and seals a case's contents. Every purpose has
 * its own associated data, so a value cannot be moved between cases or fields.
 */
export function createVault(unitKey: Buffer | null) {
  function key(): Buffer {
    if (!unitKey) {
      throw new AppError(503, 'integrity_unavailable', {
        th: 'ระบบรับเรื่องร้องเรียนการทุจริตยังไม่ได้ตั้งค่ากุญแจเข้ารหัส กรุณาติดต่อผู้ดูแลระบบ',
        en: 'Corruption complaints are switched off: the integrity key is not configured',
      });
    }
    return unitKey;
  }

  function caseKey(row: { case_number: string; key_id: string; wrapped_key: Buffer }): Buffer {
    if (row.key_id !== keyId(key())) {
      throw new AppError(503, 'integrity_key_mismatch', {
        th: 'กุญแจเข้ารหัสของหน่วยตรวจสอบไม่ตรงกับที่ใช้เก็บเรื่องนี้ กรุณาติดต่อผู้ดูแลระบบ',
        en: 'The configured integrity key is not the one this case was stored with',
      });
    }
    return unwrapKey(key(), row.wrapped_key, row.case_number);
  }

  return {
    available: () => unitKey !== null,
    unitKey: key,
    keyId: () => keyId(key()),
    newCase(caseNumber: string) {
      const k = newKey();
      return { key: k, wrapped: wrapKey(key(), k, caseNumber), keyId: keyId(key()) };
    },
    newIdentityKey(caseNumber: string) {
      const k = newKey();
      return { key: k, wrapped: wrapKey(key(), k, `${caseNumber}:identity`), keyId: keyId(key()) };
    },
    identityKey: (caseNumber: string, wrapped: Buffer) => unwrapKey(key(), wrapped, `${caseNumber}:identity`),
    caseKey,
    /** Seal / open text of a case for one purpose ("details", "note", "question:ID", …). */
    sealText: (k: Buffer, caseNumber: string, purpose: string, text: string) => seal(k, text, `${caseNumber}:${purpose}`),
    openText: (k: Buffer, caseNumber: string, purpose: string, sealed: Buffer) => openText(k, sealed, `${caseNumber}:${purpose}`),
    sealBytes: (k: Buffer, caseNumber: string, purpose: string, data: Buffer) => seal(k, data, `${caseNumber}:${purpose}`),
    openBytes: (k: Buffer, caseNumber: string, purpose: string, sealed: Buffer) => open(k, sealed, `${caseNumber}:${purpose}`),
  };
}

export type Vault = ReturnType<typeof createVault>;
