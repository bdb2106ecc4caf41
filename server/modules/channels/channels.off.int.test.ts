import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { signFacebook, signLine, signX } from '../../../test/fakes/fake-platforms.ts';
import { lineBody, lineEvent, lineUserId, messengerBody, numericId, postRaw, tableCounts, xDirectMessage } from './channels.test-helpers.ts';

// No channel secrets configured: every chat channel is switched off.
let t: TestContext;
let logged: string[] = [];
let app: FastifyInstance;
beforeAll(async () => {
  t = await createTestApp();
  logged = [];
  const stream = new Writable({ write(chunk, _enc, done) { logged.push(String(chunk)); done(); } });
  app = await buildApp({ config: t.config, db: t.db, logger: { level: 'info', stream }, background: false, loadShedding: false });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('a channel without its secret is off', () => {
  it('says so at start-up', () => {
    const text = logged.join('');
    expect(text).toContain('LINE channel is off: LINE_CHANNEL_SECRET is not set');
    expect(text).toContain('Facebook Messenger channel is off: FACEBOOK_APP_SECRET is not set');
    expect(text).toContain('X channel is off: X_CONSUMER_SECRET is not set');
  });

  it('answers 404 with a clear problem and stores nothing', async () => {
    const before = await tableCounts(t.db);
    const line = lineBody(lineEvent(lineUserId(), { type: 'text', text: 'ถนนพัง' }));
    const fb = messengerBody(numericId(), { text: 'ถนนพัง' });
    const x = xDirectMessage('1', numericId(), 'ถนนพัง');
    const responses = [
      await postRaw(app, '/channels/line/webhook', line, { 'x-line-signature': signLine(line) }),
      await postRaw(app, '/channels/facebook/webhook', fb, { 'x-hub-signature-256': signFacebook(fb) }),
      await postRaw(app, '/channels/x/webhook', x, { 'x-twitter-webhooks-signature': signX(x) }),
      await app.inject({ method: 'GET', url: '/channels/facebook/webhook?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1' }),
      await app.inject({ method: 'GET', url: '/channels/x/webhook?crc_token=abc' }),
    ];
    for (const response of responses) {
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ status: 404, code: 'channel_off' });
      expect(response.json().detail_en).toMatch(/switched off \((LINE_CHANNEL_SECRET|FACEBOOK_APP_SECRET|X_CONSUMER_SECRET) is not set\)/);
    }
    expect(await tableCounts(t.db)).toEqual(before);
  });
});
