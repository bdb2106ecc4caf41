import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { secretEquals, verifyFacebookSignature, verifyLineSignature, verifyXSignature, xCrcResponseToken } from './webhook-signature.ts';

const body = Buffer.from('{"events":[{"type":"message","message":{"type":"text","text":"ถนนพัง"}}]}');
const mac = (secret: string, data: Buffer | string) => crypto.createHmac('sha256', secret).update(data).digest();

describe('webhook signatures', () => {
  it('LINE: base64 HMAC of the raw bytes', () => {
    const good = mac('line-secret', body).toString('base64');
    expect(verifyLineSignature('line-secret', body, good)).toBe(true);
    expect(verifyLineSignature('other-secret', body, good)).toBe(false);
    expect(verifyLineSignature('line-secret', Buffer.concat([body, Buffer.from(' ')]), good)).toBe(false);
    expect(verifyLineSignature('line-secret', body, undefined)).toBe(false);
    expect(verifyLineSignature('line-secret', body, '')).toBe(false);
    expect(verifyLineSignature('line-secret', body, 'not base64!')).toBe(false);
    expect(verifyLineSignature('line-secret', body, [good, good])).toBe(false);
  });

  it('Facebook: sha256=<hex>', () => {
    const hex = mac('app-secret', body).toString('hex');
    expect(verifyFacebookSignature('app-secret', body, `sha256=${hex}`)).toBe(true);
    expect(verifyFacebookSignature('app-secret', body, `sha256=${hex.toUpperCase()}`)).toBe(true);
    expect(verifyFacebookSignature('app-secret', body, hex)).toBe(false);
    expect(verifyFacebookSignature('app-secret', body, `sha1=${hex}`)).toBe(false);
    expect(verifyFacebookSignature('app-secret', body, `sha256=${hex.slice(2)}`)).toBe(false);
  });

  it('X: sha256=<base64>, and the CRC response token', () => {
    const b64 = mac('consumer-secret', body).toString('base64');
    expect(verifyXSignature('consumer-secret', body, `sha256=${b64}`)).toBe(true);
    expect(verifyXSignature('consumer-secret', body, b64)).toBe(false);
    expect(verifyXSignature('wrong', body, `sha256=${b64}`)).toBe(false);
    expect(xCrcResponseToken('consumer-secret', 'challenge-123')).toBe(`sha256=${mac('consumer-secret', 'challenge-123').toString('base64')}`);
  });

  it('compares verify tokens exactly', () => {
    expect(secretEquals('verify-me', 'verify-me')).toBe(true);
    expect(secretEquals('verify-me', 'verify-me ')).toBe(false);
    expect(secretEquals('verify-me', '')).toBe(false);
  });
});
