/**
 * What the three webhooks share: raw bodies (a signature is over the exact bytes, so
 * nothing may parse them first), one rate limit each, and the refusals.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/problem.ts';

/** Platforms batch events, but a webhook body is never near this. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/** Generous for a platform's delivery servers, a wall for anyone hammering the URL. */
export const webhookLimit = (platform: string) => ({ rateLimit: { max: 600, timeWindow: '1 minute', groupId: `webhook-${platform}` } });

/** In this plugin's scope every body stays a Buffer until its signature has been checked. */
export function keepRawBodies(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_request, body, done) => done(null, body));
}

export function rawBody(request: FastifyRequest): Buffer {
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
}

export function channelOff(name: string, variable: string): AppError {
  return new AppError(404, 'channel_off', {
    th: `ช่องทาง ${name} ยังไม่ได้เปิดใช้ (ไม่ได้ตั้งค่า ${variable})`,
    en: `The ${name} channel is switched off (${variable} is not set)`,
  });
}

export function badSignature(header: string): AppError {
  return new AppError(401, 'bad_signature', {
    th: `ลายเซ็น ${header} ไม่ถูกต้องหรือไม่มี`,
    en: `The ${header} signature is missing or wrong`,
  });
}

export function malformed(detailEn: string): AppError {
  return new AppError(400, 'malformed_webhook', { th: 'ข้อมูล webhook ไม่อยู่ในรูปแบบที่ถูกต้อง', en: `The webhook body is malformed: ${detailEn}` });
}

/** JSON.parse, after the signature check; malformed JSON is the platform's bug, answered 400. */
export function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw malformed('not valid JSON');
  }
}

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
export const str = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);
export const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
export const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
