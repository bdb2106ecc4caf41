import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, resolved from this file so CLI and server agree wherever they are started. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

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
  };
}
