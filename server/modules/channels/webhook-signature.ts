/**
 * The platforms' webhook signatures: each is an HMAC-SHA256 of the raw request body,
 * keyed with a secret only the platform and we know. Compared in constant time.
 */
import crypto from 'node:crypto';

export function hmacSha256(secret: string, data: Buffer | string): Buffer {
  return crypto.createHmac('sha256', secret).update(data).digest();
}

function constantTimeEqual(expected: Buffer, received: Buffer): boolean {
  return expected.length === received.length && crypto.timingSafeEqual(expected, received);
}

function decode(value: string, encoding: 'base64' | 'hex'): Buffer | null {
  const pattern = encoding === 'hex' ? /^[0-9a-f]+$/i : /^[A-Za-z0-9+/]+={0,2}$/;
  return pattern.test(value) ? Buffer.from(value, encoding) : null;
}

function headerValue(header: string | string[] | undefined): string | null {
  if (Array.isArray(header)) return header.length === 1 ? header[0]! : null;
  return header ?? null;
}

/** LINE: `X-Line-Signature` is the base64 HMAC of the body with the channel secret. */
export function verifyLineSignature(secret: string, rawBody: Buffer, header: string | string[] | undefined): boolean {
  const value = headerValue(header);
  const received = value ? decode(value.trim(), 'base64') : null;
  return received !== null && constantTimeEqual(hmacSha256(secret, rawBody), received);
}

/** Messenger: `X-Hub-Signature-256: sha256=<hex HMAC of the body with the app secret>`. */
export function verifyFacebookSignature(secret: string, rawBody: Buffer, header: string | string[] | undefined): boolean {
  const value = headerValue(header);
  const m = value ? /^sha256=(.+)$/.exec(value.trim()) : null;
  const received = m ? decode(m[1]!, 'hex') : null;
  return received !== null && constantTimeEqual(hmacSha256(secret, rawBody), received);
}

/** X: `x-twitter-webhooks-signature: sha256=<base64 HMAC of the body with the consumer secret>`. */
export function verifyXSignature(secret: string, rawBody: Buffer, header: string | string[] | undefined): boolean {
  const value = headerValue(header);
  const m = value ? /^sha256=(.+)$/.exec(value.trim()) : null;
  const received = m ? decode(m[1]!, 'base64') : null;
  return received !== null && constantTimeEqual(hmacSha256(secret, rawBody), received);
}

/** X's challenge-response check (CRC): proves we hold the consumer secret. */
export function xCrcResponseToken(secret: string, crcToken: string): string {
  return `sha256=${hmacSha256(secret, crcToken).toString('base64')}`;
}

/** Equality of two secrets (e.g. Messenger's verify token) without leaking timing. */
export function secretEquals(expected: string, received: string): boolean {
  const a = crypto.createHash('sha256').update(expected).digest();
  const b = crypto.createHash('sha256').update(received).digest();
  return crypto.timingSafeEqual(a, b) && expected.length === received.length;
}
