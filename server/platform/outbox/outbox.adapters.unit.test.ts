import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { offReason, textWithLink } from './adapters/adapter.ts';
import { ADAPTERS } from './adapters/index.ts';
import { lineRetryKey } from './adapters/line.ts';
import { toE164 } from './adapters/sms.ts';
import { maskRecipient } from './outbox.presenter.ts';

describe('recipient masking', () => {
  it('keeps enough to tell addresses apart, never enough to use them', () => {
    expect(maskRecipient('sms', '+66812345678')).toBe('+668•••••678');
    expect(maskRecipient('sms', '081-234-5678')).toBe('0812•••678');
    expect(maskRecipient('line', 'U4af4980629a0b1c2d3e4f5a6b7c8d92e')).toBe('U4a…2e');
    expect(maskRecipient('facebook', '6543219876543210')).toBe('654…10');
    expect(maskRecipient('email', 'somchai.jaidee@example.org')).toBe('s•••@example.org');
    expect(maskRecipient('app_push', 'abc')).toBe('a…');
    expect(maskRecipient('sms', '1234')).toBe('12•••');
  });
});

describe('message text', () => {
  it('puts the link on its own line and cuts the text, never the link', () => {
    expect(textWithLink({ text: 'สวัสดี', link: 'https://x.test/r/1' }, 100)).toBe('สวัสดี\nhttps://x.test/r/1');
    expect(textWithLink({ text: 'no link', link: null }, 100)).toBe('no link');
    const cut = textWithLink({ text: 'ก'.repeat(50), link: 'https://x.test/r/1' }, 30);
    expect(cut.endsWith('…\nhttps://x.test/r/1')).toBe(true);
    expect(Array.from(cut).length).toBe(30);
  });
});

describe('Thai phone numbers to E.164', () => {
  it('accepts the ways people write them and refuses the rest', () => {
    expect(toE164('0812345678')).toBe('+66812345678');
    expect(toE164('081-234-5678')).toBe('+66812345678');
    expect(toE164('+66 81 234 5678')).toBe('+66812345678');
    expect(toE164('66812345678')).toBe('+66812345678');
    expect(toE164('021234567')).toBe('+6621234567');
    expect(toE164('hello')).toBeNull();
    expect(toE164('12')).toBeNull();
  });
});

describe('LINE retry key', () => {
  it('is a UUID, the same for every attempt of one message and different between messages', () => {
    const at = new Date('2026-05-01T00:00:00Z');
    const k = lineRetryKey('42', at);
    expect(k).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(lineRetryKey('42', at)).toBe(k);
    expect(lineRetryKey('43', at)).not.toBe(k);
  });
});

describe('switched-off channels', () => {
  it('name the variables still to set', () => {
    const config = loadConfig({}).channels;
    expect(offReason(ADAPTERS.line, config)).toBe('set LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN');
    expect(offReason(ADAPTERS.facebook, { ...config, facebookAppSecret: 's' })).toBe('set FACEBOOK_PAGE_ACCESS_TOKEN');
    expect(offReason(ADAPTERS.sms, config)).toBe('set SMS_API_URL');
    expect(offReason(ADAPTERS.app_push, config)).toBe('set APP_PUSH_WEBHOOK_URL and APP_PUSH_WEBHOOK_SECRET');
    expect(offReason(ADAPTERS.sms, { ...config, smsApiUrl: 'https://sms.test/send' })).toBeNull();
    expect(offReason(ADAPTERS.email, config)).toMatch(/no e-mail transport/);
  });
});
