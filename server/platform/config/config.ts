import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, resolved from this file so CLI and server agree wherever they are started. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Chat, SMS and push platforms. A channel whose secret is unset is switched off. */
export interface ChannelConfig {
  lineChannelSecret: string | null;
  lineChannelAccessToken: string | null;
  lineApiBaseUrl: string;
  facebookAppSecret: string | null;
  facebookVerifyToken: string | null;
  facebookPageAccessToken: string | null;
  facebookApiBaseUrl: string;
  xConsumerSecret: string | null;
  xAccessToken: string | null;
  xApiBaseUrl: string;
  smsApiUrl: string | null;
  smsApiToken: string | null;
  appPushWebhookUrl: string | null;
  appPushWebhookSecret: string | null;
}

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  publicUrl: string;
  tileUrl: string | null;
  tileAttribution: string | null;
  logLevel: string;
  /** Secure cookies need HTTPS; on by default when PUBLIC_URL is https. */
  secureCookies: boolean;
  trustProxy: boolean;
  webDir: string;
  maxUploadBytes: number;
  channels: ChannelConfig;
}

/** Every variable the README's configuration table lists, with its default. */
export const CONFIG_DEFAULTS = {
  PORT: '3000',
  HOST: '0.0.0.0',
  DATA_DIR: './var',
  DATABASE_URL: '(unset: embedded PostgreSQL in DATA_DIR/pg)',
  PUBLIC_URL: 'http://localhost:PORT',
  TILE_URL: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  LOG_LEVEL: 'info',
} as const;

function envOrNull(env: NodeJS.ProcessEnv, name: string): string | null {
  const value = env[name];
  return value === undefined || value.trim() === '' ? null : value.trim();
}

function parsePort(raw: string, name: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name} must be a port number between 0 and 65535, got "${raw}"`);
  }
  return port;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = parsePort(env.PORT ?? CONFIG_DEFAULTS.PORT, 'PORT');
  const dataDir = path.resolve(env.DATA_DIR ?? CONFIG_DEFAULTS.DATA_DIR);
  const publicUrl = (envOrNull(env, 'PUBLIC_URL') ?? `http://localhost:${port}`).replace(/\/+$/, '');
  // TILE_URL="" (empty) switches tiles off: the map then shows only our district outlines.
  const tileUrl = env.TILE_URL === undefined ? CONFIG_DEFAULTS.TILE_URL : envOrNull(env, 'TILE_URL');
  return {
    port,
    host: envOrNull(env, 'HOST') ?? CONFIG_DEFAULTS.HOST,
    dataDir,
    databaseUrl: envOrNull(env, 'DATABASE_URL'),
    publicUrl,
    tileUrl,
    tileAttribution: tileUrl === null ? null : (envOrNull(env, 'TILE_ATTRIBUTION') ?? '© OpenStreetMap contributors'),
    logLevel: envOrNull(env, 'LOG_LEVEL') ?? CONFIG_DEFAULTS.LOG_LEVEL,
    secureCookies: (envOrNull(env, 'SECURE_COOKIES') ?? (publicUrl.startsWith('https:') ? 'true' : 'false')) === 'true',
    trustProxy: envOrNull(env, 'TRUST_PROXY') === 'true',
    webDir: path.join(REPO_ROOT, 'dist/web'),
    maxUploadBytes: 8 * 1024 * 1024,
    channels: {
      lineChannelSecret: envOrNull(env, 'LINE_CHANNEL_SECRET'),
      lineChannelAccessToken: envOrNull(env, 'LINE_CHANNEL_ACCESS_TOKEN'),
      lineApiBaseUrl: (envOrNull(env, 'LINE_API_BASE_URL') ?? 'https://api.line.me').replace(/\/+$/, ''),
      facebookAppSecret: envOrNull(env, 'FACEBOOK_APP_SECRET'),
      facebookVerifyToken: envOrNull(env, 'FACEBOOK_VERIFY_TOKEN'),
      facebookPageAccessToken: envOrNull(env, 'FACEBOOK_PAGE_ACCESS_TOKEN'),
      facebookApiBaseUrl: (envOrNull(env, 'FACEBOOK_API_BASE_URL') ?? 'https://graph.facebook.com').replace(/\/+$/, ''),
      xConsumerSecret: envOrNull(env, 'X_CONSUMER_SECRET'),
      xAccessToken: envOrNull(env, 'X_ACCESS_TOKEN'),
      xApiBaseUrl: (envOrNull(env, 'X_API_BASE_URL') ?? 'https://api.x.com').replace(/\/+$/, ''),
      smsApiUrl: envOrNull(env, 'SMS_API_URL'),
      smsApiToken: envOrNull(env, 'SMS_API_TOKEN'),
      appPushWebhookUrl: envOrNull(env, 'APP_PUSH_WEBHOOK_URL'),
      appPushWebhookSecret: envOrNull(env, 'APP_PUSH_WEBHOOK_SECRET'),
    },
  };
}
