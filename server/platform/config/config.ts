import crypto from 'node:crypto';
import fs from 'node:fs';
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
  /**
   * The integrity unit's key (32 bytes): wraps every corruption case's own key. From
   * INTEGRITY_KEY (base64) or INTEGRITY_KEY_FILE; outside production, generated once into
   * DATA_DIR/integrity.key when neither is set. null = complaints switched off (503).
   */
  integrityKey: Buffer | null;
  /** Days after a corruption case closes before the identity, then the evidence, is purged. */
  integrityRetention: { identityDays: number; evidenceDays: number };
  /**
   * Days a sent, failed or skipped outbox message (its recipient and text) is kept for
   * staff to look into; older ones are deleted. Messages still to be sent are never.
   */
  outboxRetentionDays: number;
  /** Scale-out: replicas, pools, load shedding, live updates (README "Running at city scale"). */
  scale: ScaleConfig;
}

export interface ScaleConfig {
  /**
   * Longest a report's public page (the view without a session) stays in an instance's
   * memory; changes reach every instance at once by NOTIFY, so this bounds only changes
   * made behind the app's back (triggers off, a restore). 0 = no cache.
   */
  reportCacheSeconds: number;
  /** Memory per instance for cached public report pages. */
  reportCacheMb: number;
  /** A streaming replica for public reads; null = every read goes to the primary. */
  replicaUrl: string | null;
  /**
   * A direct (session-mode) connection to the primary for LISTEN and migrations, when
   * DATABASE_URL goes through a transaction-mode pooler (PgBouncer). null = DATABASE_URL.
   */
  directUrl: string | null;
  /**
   * Hot fixed statements go out as named prepared statements (prepared-statements.ts).
   * Off for a transaction-mode pooler that cannot keep them (PgBouncer before 1.21).
   */
  preparedStatements: boolean;
  /** Connections per pool; null = the caller's default (20 for `serve`). */
  poolSize: number | null;
  replicaPoolSize: number | null;
  /** Past this lag the replica is skipped and every read goes to the primary. */
  replicaMaxLagSeconds: number;
  /** A query waiting this long for a pooled connection fails with 503. 0 = wait forever. */
  acquireTimeoutMs: number;
  /** Shed new requests (503) while more queries than this wait for a connection. 0 = off. */
  maxDbWaiting: number;
  /** Shed new requests (503) while this many are already being served. 0 = off. */
  maxInFlight: number;
  /** Event-loop utilisation (0–1) above which requests are shed. */
  maxEventLoopUtilization: number;
  /** Retry-After (seconds) on a shed request. */
  shedRetryAfterSeconds: number;
  /** Live-update (Server-Sent Events) streams one instance keeps open. */
  liveMaxConnections: number;
  /** Seconds between keep-alive comments on an idle live-update stream. */
  liveHeartbeatSeconds: number;
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
  INTEGRITY_KEY: '(unset: INTEGRITY_KEY_FILE, or outside production DATA_DIR/integrity.key generated once)',
  INTEGRITY_IDENTITY_RETENTION_DAYS: '365',
  INTEGRITY_EVIDENCE_RETENTION_DAYS: '1825',
  OUTBOX_RETENTION_DAYS: '90',
  DATABASE_REPLICA_URL: '(unset: every read goes to the primary)',
  DATABASE_DIRECT_URL: '(unset: DATABASE_URL)',
  DATABASE_PREPARED_STATEMENTS: '(unset: true, false when DATABASE_DIRECT_URL is set)',
  DATABASE_POOL_SIZE: '20',
  DATABASE_REPLICA_POOL_SIZE: '(DATABASE_POOL_SIZE)',
  REPLICA_MAX_LAG_SECONDS: '30',
  DATABASE_ACQUIRE_TIMEOUT_MS: '5000',
  DATABASE_MAX_WAITING: '200',
  MAX_IN_FLIGHT: '256',
  MAX_EVENT_LOOP_UTILIZATION: '0.98',
  SHED_RETRY_AFTER_SECONDS: '5',
  LIVE_MAX_CONNECTIONS: '1000',
  LIVE_HEARTBEAT_SECONDS: '20',
  REPORT_CACHE_SECONDS: '30',
  REPORT_CACHE_MB: '32',
} as const;

const KEY_BYTES = 32;

function decodeKey(raw: Buffer, source: string): Buffer {
  if (raw.length === KEY_BYTES) return raw;
  const decoded = Buffer.from(raw.toString('utf8').trim(), 'base64');
  if (decoded.length !== KEY_BYTES) {
    throw new Error(`${source} must hold a 32-byte key in base64 (e.g. "openssl rand -base64 32"), got ${decoded.length} bytes`);
  }
  return decoded;
}

/**
 * The integrity unit's key. Never stored in the database: a dump alone opens nothing.
 * Development gets a generated key file (mode 600) so `npm start` works on a fresh
 * machine; production must be given one, since losing it loses every case.
 */
function loadIntegrityKey(env: NodeJS.ProcessEnv, dataDir: string): Buffer | null {
  const inline = envOrNull(env, 'INTEGRITY_KEY');
  if (inline) return decodeKey(Buffer.from(inline), 'INTEGRITY_KEY');
  const file = envOrNull(env, 'INTEGRITY_KEY_FILE');
  if (file) return decodeKey(fs.readFileSync(path.resolve(file)), `INTEGRITY_KEY_FILE (${file})`);
  if ((env.NODE_ENV ?? process.env.NODE_ENV) === 'production') return null;
  const generated = path.join(dataDir, 'integrity.key');
  if (fs.existsSync(generated)) return decodeKey(fs.readFileSync(generated), generated);
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(KEY_BYTES);
  // Written aside, then linked into place: a second instance starting at the same moment
  // sees either no file or the whole key, never a half-written one.
  const pending = `${generated}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(pending, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(pending, generated);
  } catch (error) {
    // Another process wrote it first: use theirs, so both agree.
    if ((error as { code?: string }).code === 'EEXIST') return decodeKey(fs.readFileSync(generated), generated);
    throw error;
  } finally {
    fs.rmSync(pending, { force: true });
  }
  if (process.env.NODE_ENV !== 'test') {
    console.warn(`[demopolis] WARNING: no INTEGRITY_KEY set; generated a development key in ${generated}. Back it up: without it no corruption case can be read. Set INTEGRITY_KEY or INTEGRITY_KEY_FILE in production.`);
  }
  return key;
}

function parseDays(raw: string, name: string): number {
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > 36_500) throw new Error(`${name} must be a whole number of days from 1 to 36500, got "${raw}"`);
  return days;
}

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

function parseWhole(raw: string, name: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

function parseScale(env: NodeJS.ProcessEnv): ScaleConfig {
  const whole = (name: keyof typeof CONFIG_DEFAULTS, min: number, max: number) => parseWhole(envOrNull(env, name) ?? CONFIG_DEFAULTS[name], name, min, max);
  const optionalWhole = (name: string, min: number, max: number) => {
    const raw = envOrNull(env, name);
    return raw === null ? null : parseWhole(raw, name, min, max);
  };
  const utilisation = Number(envOrNull(env, 'MAX_EVENT_LOOP_UTILIZATION') ?? CONFIG_DEFAULTS.MAX_EVENT_LOOP_UTILIZATION);
  if (!(utilisation > 0 && utilisation <= 1)) throw new Error(`MAX_EVENT_LOOP_UTILIZATION must be a number above 0 and at most 1, got "${env.MAX_EVENT_LOOP_UTILIZATION}"`);
  const poolSize = optionalWhole('DATABASE_POOL_SIZE', 1, 1000);
  const directUrl = envOrNull(env, 'DATABASE_DIRECT_URL');
  // A direct URL of its own says DATABASE_URL is a pooler: by default assume an old one.
  const prepared = envOrNull(env, 'DATABASE_PREPARED_STATEMENTS') ?? (directUrl ? 'false' : 'true');
  if (prepared !== 'true' && prepared !== 'false') throw new Error(`DATABASE_PREPARED_STATEMENTS must be true or false, got "${prepared}"`);
  return {
    replicaUrl: envOrNull(env, 'DATABASE_REPLICA_URL'),
    directUrl,
    preparedStatements: prepared === 'true',
    poolSize,
    replicaPoolSize: optionalWhole('DATABASE_REPLICA_POOL_SIZE', 1, 1000) ?? poolSize,
    replicaMaxLagSeconds: whole('REPLICA_MAX_LAG_SECONDS', 1, 86_400),
    acquireTimeoutMs: whole('DATABASE_ACQUIRE_TIMEOUT_MS', 0, 600_000),
    maxDbWaiting: whole('DATABASE_MAX_WAITING', 0, 1_000_000),
    maxInFlight: whole('MAX_IN_FLIGHT', 0, 1_000_000),
    maxEventLoopUtilization: utilisation,
    shedRetryAfterSeconds: whole('SHED_RETRY_AFTER_SECONDS', 1, 3600),
    liveMaxConnections: whole('LIVE_MAX_CONNECTIONS', 0, 1_000_000),
    liveHeartbeatSeconds: whole('LIVE_HEARTBEAT_SECONDS', 1, 3600),
    reportCacheSeconds: whole('REPORT_CACHE_SECONDS', 0, 3600),
    reportCacheMb: whole('REPORT_CACHE_MB', 0, 4096),
  };
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
    integrityKey: loadIntegrityKey(env, dataDir),
    integrityRetention: {
      identityDays: parseDays(envOrNull(env, 'INTEGRITY_IDENTITY_RETENTION_DAYS') ?? CONFIG_DEFAULTS.INTEGRITY_IDENTITY_RETENTION_DAYS, 'INTEGRITY_IDENTITY_RETENTION_DAYS'),
      evidenceDays: parseDays(envOrNull(env, 'INTEGRITY_EVIDENCE_RETENTION_DAYS') ?? CONFIG_DEFAULTS.INTEGRITY_EVIDENCE_RETENTION_DAYS, 'INTEGRITY_EVIDENCE_RETENTION_DAYS'),
    },
    outboxRetentionDays: parseDays(envOrNull(env, 'OUTBOX_RETENTION_DAYS') ?? CONFIG_DEFAULTS.OUTBOX_RETENTION_DAYS, 'OUTBOX_RETENTION_DAYS'),
    scale: parseScale(env),
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
