import crypto from 'node:crypto';

/**
 * Envelope encryption for corruption cases (the GlobaLeaks / SecureDrop pattern, kept
 * small): every case has a random 256-bit key; everything sensitive about the case is
 * sealed with it (AES-256-GCM); the case key is stored only wrapped by the integrity
 * unit's key, which comes from configuration. A database dump alone therefore opens
 * nothing. Each sealed value is bound to where it belongs by its associated data (case
 * number and purpose), so ciphertext moved to another case or column fails to open.
 *
 * Layout: version (1 byte) | IV (12) | tag (16) | ciphertext.
 */
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

export class SealError extends Error {}

export function newKey(): Buffer {
  return crypto.randomBytes(KEY_BYTES);
}

export function seal(key: Buffer, plaintext: Buffer | string, aad: string): Buffer {
  if (key.length !== KEY_BYTES) throw new SealError('keys are 32 bytes');
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

export function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) throw new SealError('not a sealed value');
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new SealError('the sealed value does not open with this key (wrong key, or altered)');
  }
}

export const openText = (key: Buffer, sealed: Buffer, aad: string) => open(key, sealed, aad).toString('utf8');

export function wrapKey(unitKey: Buffer, key: Buffer, aad: string): Buffer {
  return seal(unitKey, key, `wrap:${aad}`);
}

export function unwrapKey(unitKey: Buffer, wrapped: Buffer, aad: string): Buffer {
  return open(unitKey, wrapped, `wrap:${aad}`);
}

/** Names the unit key without revealing it, so a wrong key is reported as such. */
export function keyId(unitKey: Buffer): string {
  return crypto.createHmac('sha256', unitKey).update('demopolis/integrity/key-id').digest('hex').slice(0, 16);
}

/** Purpose-bound subkeys of the unit key (HMAC-SHA-256 as a KDF). */
export function deriveKey(unitKey: Buffer, purpose: string): Buffer {
  return crypto.createHmac('sha256', unitKey).update(`demopolis/integrity/${purpose}`).digest();
}

/**
 * A keyed hash of the caller's address that changes every UTC day: rate limits can
 * count a sender without anything that names them being stored, and yesterday's
 * counters cannot be linked to today's.
 */
export function dailyAddressKey(unitKey: Buffer, address: string, now = new Date()): string {
  const daily = deriveKey(unitKey, `rate-limit/${now.toISOString().slice(0, 10)}`);
  return crypto.createHmac('sha256', daily).update(address).digest('base64url').slice(0, 32);
}
