/**
 * Fake LINE, Facebook Messenger, X, SMS gateway and app-push receiver: ONE local HTTP
 * server on 127.0.0.1 (random port) for integration tests of anything that talks to a
 * platform — the outbox worker (pushes) and the chat channels (replies, downloads).
 *
 *   const fake = await startFakePlatforms();
 *   const t = await createTestApp({ channels: fake.channelConfig() });   // every base URL → fake
 *   ...
 *   fake.callsTo('/v2/bot/message/push')       // what arrived: path, query, headers, json, status
 *   fake.failNext('/v2/bot/message/push', 2, { status: 500 });             // next 2 answered 500
 *   fake.failNext('/2/dm_conversations/', 1, { status: 429, retryAfter: 120 });
 *   fake.delayNext('/sms/send', 1, 2_000);      // answer late (for timeouts)
 *   await fake.waitForCall('/v2/bot/message/reply');                       // for async work
 *   fake.reset(); await fake.close();
 *
 * It checks what real platforms check and answers as they do when it is wrong:
 *   LINE      Authorization: Bearer <lineChannelAccessToken>, else 401 {message}.
 *             POST /v2/bot/message/push  {to: U|C|R + 32 hex, messages: 1..5 (text ≤ 5000)}
 *                  X-Line-Retry-Key (UUID) replayed after acceptance → 409, as LINE does.
 *             POST /v2/bot/message/reply {replyToken (each usable once), messages}
 *             GET  /v2/bot/message/{id}/content → bytes from addLineContent(), else 404.
 *             (Real content lives on api-data.line.me; here it shares the one base URL.)
 *   Messenger POST /v{n}/me/messages?access_token=…[&appsecret_proof=…] {recipient:{id},
 *                  messaging_type, message:{text ≤ 2000}|{attachment}} or {recipient, sender_action};
 *                  wrong token/proof → 400 OAuthException (code 190/100), as Graph does.
 *             GET  /fb-cdn/{id} → bytes from addFacebookAttachment() (a CDN URL: no auth).
 *   X         Authorization: Bearer <xAccessToken>, else 401 problem JSON.
 *             POST /2/dm_conversations/with/{numeric id}/messages {text}|{attachments} → 201
 *             POST /2/tweets {text, reply?:{in_reply_to_tweet_id}} → 201
 *             GET  /x-media/{id} → bytes from addXMedia() (bearer required).
 *   SMS       POST /sms/send {to: E.164, text}; Bearer <smsApiToken> when one is configured.
 *   App push  POST /app-push {recipient, text, link, subject} with
 *             X-Demopolis-Signature: sha256=<hex HMAC of the raw body>, else 401.
 *
 * Signing helpers for webhook tests (requests *to* our server): signLine, signFacebook,
 * signX, xCrcResponse, signAppPush — with FAKE_CREDENTIALS' secrets by default.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChannelConfig } from '../../server/platform/config/config.ts';

export const FAKE_CREDENTIALS = {
  lineChannelSecret: 'fake-line-channel-secret',
  lineChannelAccessToken: 'fake-line-access-token',
  facebookAppSecret: 'fake-facebook-app-secret',
  facebookVerifyToken: 'fake-facebook-verify-token',
  facebookPageAccessToken: 'fake-facebook-page-token',
  xConsumerSecret: 'fake-x-consumer-secret',
  xAccessToken: 'fake-x-access-token',
  smsApiToken: 'fake-sms-token' as string | null,
  appPushWebhookSecret: 'fake-app-push-secret',
};
export type FakeCredentials = typeof FAKE_CREDENTIALS;

export const signLine = (rawBody: string | Buffer, secret = FAKE_CREDENTIALS.lineChannelSecret) =>
  crypto.createHmac('sha256', secret).update(rawBody).digest('base64');
export const signFacebook = (rawBody: string | Buffer, secret = FAKE_CREDENTIALS.facebookAppSecret) =>
  `sha256=${crypto.createHmac('sha256', secret).update(rawBody).digest('hex')}`;
export const signX = (rawBody: string | Buffer, secret = FAKE_CREDENTIALS.xConsumerSecret) =>
  `sha256=${crypto.createHmac('sha256', secret).update(rawBody).digest('base64')}`;
export const xCrcResponse = (crcToken: string, secret = FAKE_CREDENTIALS.xConsumerSecret) =>
  `sha256=${crypto.createHmac('sha256', secret).update(crcToken).digest('base64')}`;
export const signAppPush = (rawBody: string | Buffer, secret = FAKE_CREDENTIALS.appPushWebhookSecret) =>
  `sha256=${crypto.createHmac('sha256', secret).update(rawBody).digest('hex')}`;

export interface RecordedCall {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Lower-case names, as Node gives them. */
  headers: Record<string, string>;
  raw: Buffer;
  /** Parsed body when it was JSON, else undefined. */
  json: unknown;
  /** The status the fake answers (decided on arrival, even when the answer is delayed). */
  status: number;
  /** Date.now() when it arrived. */
  at: number;
  /** Date.now() when the answer went out; null while delayed. */
  answeredAt: number | null;
}

export interface FailOptions {
  status?: number;
  /** Retry-After header value (seconds or an HTTP date). */
  retryAfter?: number | string;
  body?: unknown;
  /** Answer this late. */
  delayMs?: number;
}

interface Rule extends FailOptions {
  match: string | RegExp;
  remaining: number;
  /** Only delay, then answer normally. */
  passThrough: boolean;
}

interface Answer {
  status: number;
  json?: unknown;
  bytes?: { data: Buffer; type: string };
  headers?: Record<string, string>;
}

export interface FakePlatforms {
  baseUrl: string;
  credentials: FakeCredentials;
  calls: RecordedCall[];
  callsTo(match: string | RegExp): RecordedCall[];
  waitForCall(match: string | RegExp, timeoutMs?: number): Promise<RecordedCall>;
  /** The next `times` requests whose path starts with `match` (or matches the RegExp) get this answer. */
  failNext(match: string | RegExp, times: number, options?: FailOptions): void;
  delayNext(match: string | RegExp, times: number, delayMs: number): void;
  addLineContent(messageId: string, data: Buffer, contentType: string): void;
  addFacebookAttachment(data: Buffer, contentType: string): string;
  addXMedia(data: Buffer, contentType: string): string;
  /** A full ChannelConfig pointing every platform at this server, with its credentials. */
  channelConfig(overrides?: Partial<ChannelConfig>): ChannelConfig;
  reset(): void;
  close(): Promise<void>;
}

const matches = (match: string | RegExp, path: string) => (typeof match === 'string' ? path.startsWith(match) : match.test(path));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function startFakePlatforms(options: { credentials?: Partial<FakeCredentials> } = {}): Promise<FakePlatforms> {
  const creds: FakeCredentials = { ...FAKE_CREDENTIALS, ...options.credentials };
  const calls: RecordedCall[] = [];
  let rules: Rule[] = [];
  const usedReplyTokens = new Set<string>();
  const acceptedRetryKeys = new Map<string, string>();
  const blobs = new Map<string, { data: Buffer; type: string }>();
  let counter = 0;
  const nextId = () => `${Date.now()}${String(++counter).padStart(4, '0')}`;

  const bearer = (call: RecordedCall, token: string | null) => token !== null && call.headers.authorization === `Bearer ${token}`;
  const lineAuthFailed: Answer = { status: 401, json: { message: 'Authentication failed. Confirm that the access token in the authorization header is valid.' } };
  const lineBad = (message: string): Answer => ({ status: 400, json: { message } });
  const graphError = (code: number, message: string): Answer => ({ status: 400, json: { error: { message, type: 'OAuthException', code, fbtrace_id: 'Afake' } } });
  const xUnauthorized: Answer = { status: 401, json: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' } };
  const xInvalid = (message: string): Answer => ({ status: 400, json: { errors: [{ message }], title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: 'https://api.twitter.com/2/problems/invalid-request' } });
  const blob = (key: string): Answer => {
    const b = blobs.get(key);
    return b ? { status: 200, bytes: b } : { status: 404, json: { message: 'Not found' } };
  };

  function lineMessages(messages: unknown): string | null {
    if (!Array.isArray(messages) || messages.length < 1 || messages.length > 5) return "The property, 'messages', in the request body is invalid: 1 to 5 messages";
    for (const m of messages) {
      if (!isObject(m) || typeof m.type !== 'string') return "The property, 'messages[].type', in the request body is invalid";
      if (m.type === 'text' && (typeof m.text !== 'string' || m.text.length === 0 || m.text.length > 5000)) return "The property, 'messages[].text', in the request body is invalid: 1 to 5000 characters";
    }
    return null;
  }

  function handle(call: RecordedCall): Answer {
    const { method, path, json: body } = call;
    const jsonBody = call.headers['content-type']?.startsWith('application/json') && isObject(body);
    // ---- LINE
    if (path.startsWith('/v2/bot/')) {
      if (!bearer(call, creds.lineChannelAccessToken)) return lineAuthFailed;
      const content = /^\/v2\/bot\/message\/([^/]+)\/content$/.exec(path);
      if (method === 'GET' && content) return blob(`line:${content[1]}`);
      if (method !== 'POST' || !jsonBody) return lineBad('The request body has 1 error(s): a JSON object is required');
      if (path === '/v2/bot/message/push') {
        const retryKey = call.headers['x-line-retry-key'];
        if (retryKey !== undefined && !UUID.test(retryKey)) return lineBad('The value of the X-Line-Retry-Key header is invalid');
        if (retryKey && acceptedRetryKeys.has(retryKey)) {
          return { status: 409, json: { message: 'The retry key is already accepted' }, headers: { 'x-line-accepted-request-id': acceptedRetryKeys.get(retryKey)! } };
        }
        if (typeof body.to !== 'string' || !/^[UCR][0-9a-f]{32}$/.test(body.to)) return lineBad("The property, 'to', in the request body is invalid (line -: column -)");
        const bad = lineMessages(body.messages);
        if (bad) return lineBad(bad);
        const requestId = crypto.randomUUID();
        if (retryKey) acceptedRetryKeys.set(retryKey, requestId);
        return { status: 200, json: { sentMessages: (body.messages as unknown[]).map(() => ({ id: nextId(), quoteToken: crypto.randomBytes(8).toString('hex') })) }, headers: { 'x-line-request-id': requestId } };
      }
      if (path === '/v2/bot/message/reply') {
        if (typeof body.replyToken !== 'string' || body.replyToken === '' || usedReplyTokens.has(body.replyToken)) return lineBad('Invalid reply token');
        const bad = lineMessages(body.messages);
        if (bad) return lineBad(bad);
        usedReplyTokens.add(body.replyToken);
        return { status: 200, json: { sentMessages: (body.messages as unknown[]).map(() => ({ id: nextId(), quoteToken: crypto.randomBytes(8).toString('hex') })) } };
      }
      return { status: 404, json: { message: 'Not found' } };
    }
    // ---- Facebook Graph (Messenger Send API) and its CDN
    if (/^\/v\d+\.\d+\/me\/messages$/.test(path) && method === 'POST') {
      if (call.query.access_token !== creds.facebookPageAccessToken) return graphError(190, 'Invalid OAuth access token - Cannot parse access token');
      if (call.query.appsecret_proof !== undefined) {
        const proof = crypto.createHmac('sha256', creds.facebookAppSecret).update(creds.facebookPageAccessToken).digest('hex');
        if (call.query.appsecret_proof !== proof) return { status: 400, json: { error: { message: 'Invalid appsecret_proof provided in the API argument', type: 'GraphMethodException', code: 100 } } };
      }
      if (!jsonBody) return graphError(100, '(#100) The parameter recipient is required');
      if (!isObject(body.recipient) || typeof body.recipient.id !== 'string' || body.recipient.id === '') return graphError(100, '(#100) The parameter recipient is required');
      const recipientId = body.recipient.id;
      if (typeof body.sender_action === 'string') return { status: 200, json: { recipient_id: recipientId } };
      if (!['RESPONSE', 'UPDATE', 'MESSAGE_TAG'].includes(String(body.messaging_type))) return graphError(100, '(#100) Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}');
      const message = body.message;
      const textOk = isObject(message) && typeof message.text === 'string' && message.text.length > 0 && message.text.length <= 2000;
      const attachmentOk = isObject(message) && isObject(message.attachment);
      if (!textOk && !attachmentOk) return graphError(100, '(#100) Param message[text] must be 1 to 2000 characters, or message[attachment] given');
      return { status: 200, json: { recipient_id: recipientId, message_id: `m_${nextId()}` } };
    }
    if (path.startsWith('/fb-cdn/') && method === 'GET') return blob(`fb:${path.slice('/fb-cdn/'.length)}`);
    // ---- X API v2 and DM media
    if (path.startsWith('/2/') || path.startsWith('/x-media/')) {
      if (!bearer(call, creds.xAccessToken)) return xUnauthorized;
      if (path.startsWith('/x-media/') && method === 'GET') return blob(`x:${path.slice('/x-media/'.length)}`);
      const dm = /^\/2\/dm_conversations\/with\/([^/]+)\/messages$/.exec(path);
      if (dm && method === 'POST') {
        if (!/^\d{1,20}$/.test(decodeURIComponent(dm[1]!))) return xInvalid('The `participant_id` path parameter must be a numeric user id');
        if (!jsonBody) return xInvalid('A JSON body is required');
        const hasText = typeof body.text === 'string' && body.text.length > 0 && body.text.length <= 10_000;
        const hasMedia = Array.isArray(body.attachments) && body.attachments.length > 0;
        if (!hasText && !hasMedia) return xInvalid('One of `text` or `attachments` is required');
        return { status: 201, json: { data: { dm_conversation_id: `1-${dm[1]}`, dm_event_id: nextId() } } };
      }
      if (path === '/2/tweets' && method === 'POST') {
        if (!jsonBody || typeof body.text !== 'string' || body.text.length === 0) return xInvalid('`text` is required');
        return { status: 201, json: { data: { id: nextId(), text: body.text } } };
      }
      return { status: 404, json: { title: 'Not Found Error', status: 404, detail: 'Not found', type: 'about:blank' } };
    }
    // ---- SMS gateway (the generic contract in the README)
    if (path === '/sms/send' && method === 'POST') {
      if (creds.smsApiToken !== null && !bearer(call, creds.smsApiToken)) return { status: 401, json: { error: 'unauthorized' } };
      if (!jsonBody) return { status: 400, json: { error: 'a JSON object {to, text} is required' } };
      if (typeof body.to !== 'string' || !/^\+[1-9]\d{7,14}$/.test(body.to)) return { status: 400, json: { error: '`to` must be an E.164 phone number' } };
      if (typeof body.text !== 'string' || body.text.length === 0) return { status: 400, json: { error: '`text` is required' } };
      return { status: 200, json: { id: `sms-${nextId()}`, status: 'queued' } };
    }
    // ---- the mobile app's push service
    if (path === '/app-push' && method === 'POST') {
      const expected = signAppPush(call.raw, creds.appPushWebhookSecret);
      const sent = call.headers['x-demopolis-signature'] ?? '';
      if (sent.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(sent), Buffer.from(expected))) return { status: 401, json: { error: 'bad signature' } };
      if (!jsonBody || typeof body.recipient !== 'string' || typeof body.text !== 'string' || !('link' in body) || !('subject' in body)) {
        return { status: 400, json: { error: 'expected {recipient, text, link, subject}' } };
      }
      return { status: 202, json: { accepted: true } };
    }
    return { status: 404, json: { message: 'Not found' } };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const raw = Buffer.concat(chunks);
      let json: unknown;
      try {
        json = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined;
      } catch {
        json = undefined;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const call: RecordedCall = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers, raw, json, status: 0, at: Date.now(), answeredAt: null };
      calls.push(call);
      const rule = rules.find((r) => r.remaining > 0 && matches(r.match, call.path));
      if (rule) rule.remaining -= 1;
      const answer: Answer = rule && !rule.passThrough
        ? { status: rule.status ?? 500, json: rule.body ?? { message: 'fake failure' }, headers: rule.retryAfter !== undefined ? { 'retry-after': String(rule.retryAfter) } : {} }
        : handle(call);
      call.status = answer.status;
      const send = () => {
        call.answeredAt = Date.now();
        if (res.destroyed) return;
        if (answer.bytes) {
          res.writeHead(answer.status, { 'content-type': answer.bytes.type, 'content-length': answer.bytes.data.length, ...answer.headers });
          res.end(answer.bytes.data);
        } else {
          const text = JSON.stringify(answer.json ?? {});
          res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
          res.end(text);
        }
      };
      if (rule?.delayMs) setTimeout(send, rule.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const addBlob = (prefix: string, path: string, data: Buffer, type: string) => {
    const id = nextId();
    blobs.set(`${prefix}:${id}`, { data, type });
    return `${baseUrl}${path}${id}`;
  };

  return {
    baseUrl,
    credentials: creds,
    calls,
    callsTo: (match) => calls.filter((c) => matches(match, c.path)),
    async waitForCall(match, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = calls.find((c) => matches(match, c.path) && c.answeredAt !== null);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`fake platforms: no call to ${String(match)} within ${timeoutMs} ms (saw: ${calls.map((c) => c.path).join(', ') || 'none'})`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    failNext(match, times, opts = {}) {
      rules.push({ match, remaining: times, passThrough: false, ...opts });
    },
    delayNext(match, times, delayMs) {
      rules.push({ match, remaining: times, passThrough: true, delayMs });
    },
    addLineContent(messageId, data, contentType) {
      blobs.set(`line:${messageId}`, { data, type: contentType });
    },
    addFacebookAttachment: (data, type) => addBlob('fb', '/fb-cdn/', data, type),
    addXMedia: (data, type) => addBlob('x', '/x-media/', data, type),
    channelConfig: (overrides = {}) => ({
      lineChannelSecret: creds.lineChannelSecret,
      lineChannelAccessToken: creds.lineChannelAccessToken,
      lineApiBaseUrl: baseUrl,
      facebookAppSecret: creds.facebookAppSecret,
      facebookVerifyToken: creds.facebookVerifyToken,
      facebookPageAccessToken: creds.facebookPageAccessToken,
      facebookApiBaseUrl: baseUrl,
      xConsumerSecret: creds.xConsumerSecret,
      xAccessToken: creds.xAccessToken,
      xApiBaseUrl: baseUrl,
      smsApiUrl: `${baseUrl}/sms/send`,
      smsApiToken: creds.smsApiToken,
      appPushWebhookUrl: `${baseUrl}/app-push`,
      appPushWebhookSecret: creds.appPushWebhookSecret,
      ...overrides,
    }),
    reset() {
      calls.length = 0;
      rules = [];
      usedReplyTokens.clear();
      acceptedRetryKeys.clear();
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
