import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../server/platform/config/config.ts';

/**
 * The operator's view: the real server process on the embedded PostgreSQL, CLI commands
 * run beside it on the same DATA_DIR, and Ctrl-C leaving no PostgreSQL behind.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demopolis-cli-'));
const port = 30_000 + Math.floor(Math.random() * 20_000);
const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', TILE_URL: '', DATABASE_URL: '', LOG_LEVEL: 'warn' };
const tsx = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
let server: ChildProcess;
let output = '';

function cli(...args: string[]) {
  const result = spawnSync(tsx, ['server/main.ts', ...args], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 90_000 });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

function postmasterPid(): number | null {
  try {
    return Number(fs.readFileSync(path.join(dataDir, 'pg/postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  server = spawn(tsx, ['server/main.ts', 'serve'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (d) => { output += d; });
  server.stderr!.on('data', (d) => { output += d; });
  const deadline = Date.now() + 90_000;
  while (!output.includes('ready:')) {
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}, 120_000);

afterAll(() => {
  if (server.exitCode === null) server.kill('SIGKILL');
  const pid = postmasterPid();
  if (pid && alive(pid)) process.kill(pid, 'SIGINT');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the platform from the command line', () => {
  it('serves the API on the embedded PostgreSQL with the reference data loaded', async () => {
    const districts = await fetch(`http://127.0.0.1:${port}/api/v1/districts`).then((r) => r.json());
    expect(districts.items).toHaveLength(50);
    expect(output).toContain('50 districts');
  });

  it('creates an administrator while the server runs, who can then sign in', async () => {
    const result = cli('admin', 'create', '--email', 'root@example.org', '--password', 'a long admin password');
    expect(result.status, result.out).toBe(0);
    expect(result.out).toContain('attached to the running embedded PostgreSQL');
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: 'root@example.org', password: 'a long admin password' }) });
    expect(login.status).toBe(200);
    expect((await login.json()).user.role).toBe('admin');
    const again = cli('admin', 'create', '--email', 'root@example.org');
    expect(again.status).toBe(1);
    expect(again.out).toMatch(/already exists/);
  }, 120_000);

  it('audit:verify passes on an intact chain and fails loudly when a row was altered', async () => {
    expect(cli('audit', 'verify').status).toBe(0);
    const { port: pgPort, password } = JSON.parse(fs.readFileSync(path.join(dataDir, 'pg-connection.json'), 'utf8'));
    const client = new pg.Client({ host: '127.0.0.1', port: pgPort, user: 'demopolis', password, database: 'demopolis' });
    await client.connect();
    await client.query('alter table audit_log disable trigger user');
    await client.query(`update audit_log set after = '{"role":"citizen"}' where action = 'user.create'`);
    await client.query('alter table audit_log enable trigger user');
    await client.end();
    const broken = cli('audit', 'verify');
    expect(broken.status).toBe(1);
    expect(broken.out).toMatch(/AUDIT CHAIN BROKEN/);
  }, 120_000);

  it('Ctrl-C stops the server and its PostgreSQL: no orphan process', async () => {
    const pid = postmasterPid();
    expect(pid && alive(pid)).toBe(true);
    server.kill('SIGINT');
    await new Promise<void>((resolve) => server.once('exit', () => resolve()));
    expect(server.exitCode).toBe(0);
    expect(output).toContain('stopped cleanly');
    const deadline = Date.now() + 10_000;
    while (alive(pid!) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(alive(pid!)).toBe(false);
  }, 60_000);

  it('a CLI command works with the server stopped, and a second start reuses the data', () => {
    const result = cli('migrate');
    expect(result.status, result.out).toBe(0);
    expect(result.out).toContain('embedded PostgreSQL started');
    expect(result.out).not.toContain('migrations applied');
    expect(result.out).toContain('reference data loaded');
    expect(postmasterPid() === null || !alive(postmasterPid()!)).toBe(true);
  }, 120_000);
});
