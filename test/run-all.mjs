#!/usr/bin/env node
// `npm test`: every tier, one summary line. Unit tests, then integration tests on the
// embedded PostgreSQL (and again on an external server when TEST_EXTERNAL_DATABASE_URL
// is set — .ci/run points it at PostgreSQL 15), then the type check, then end-to-end
// tests in Debian's Chromium. Without Chromium the browser tier says so loudly and is
// skipped — except under CI=true, where a missing browser is a failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const isCI = process.env.CI === 'true';
const totals = { passed: 0, failed: 0, skipped: 0 };
const notes = [];
// Failed tests are named again in the summary: a CI log is often read from its tail only.
const failures = [];

function run(label, command, args, env = {}) {
  console.log(`\n━━ ${label} ━━`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function vitest(label, project, env = {}, extra = []) {
  const out = path.join(os.tmpdir(), `demopolis-vitest-${project}-${process.pid}-${Date.now()}.json`);
  const status = run(label, 'npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile=${out}`, ...extra], env);
  let counted = false;
  if (fs.existsSync(out)) {
    const report = JSON.parse(fs.readFileSync(out, 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + report.numTodoTests;
    // A file that failed to load has no tests to count: count the file as a failure.
    const broken = report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0);
    const brokenFiles = broken.length;
    totals.failed += brokenFiles;
    const where = (file) => path.relative(process.cwd(), file.name);
    for (const file of broken) failures.push(`${label}: ${where(file)} did not load: ${firstLine(file.message)}`);
    for (const file of report.testResults) {
      for (const test of file.assertionResults) {
        if (test.status !== 'failed') continue;
        failures.push(`${label}: ${where(file)} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
      }
    }
    counted = report.numTotalTests > 0 || brokenFiles > 0;
    fs.rmSync(out, { force: true });
  }
  if (status !== 0 && (!counted || totals.failed === 0)) {
    totals.failed += 1;
    notes.push(`${label}: vitest exited with ${status}`);
  }
  if (!counted && status === 0) {
    totals.failed += 1;
    notes.push(`${label}: no tests ran`);
  }
}

function firstLine(text) {
  const line = String(text ?? '').split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

function check(label, command, args) {
  const status = run(label, command, args);
  if (status === 0) totals.passed += 1;
  else {
    totals.failed += 1;
    notes.push(`${label} failed`);
  }
}

vitest('unit tests', 'unit');
vitest('integration tests (embedded PostgreSQL)', 'integration');
if (process.env.TEST_EXTERNAL_DATABASE_URL) {
  vitest('integration tests (external PostgreSQL)', 'integration', { TEST_DATABASE_URL: process.env.TEST_EXTERNAL_DATABASE_URL });
}
check('type check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);

if (fs.existsSync(CHROMIUM)) {
  check('build web app', 'npm', ['run', '--silent', 'build:web']);
  vitest('end-to-end tests (Chromium)', 'e2e', { CHROMIUM_PATH: CHROMIUM }, ['--no-file-parallelism']);
} else if (isCI) {
  totals.failed += 1;
  notes.push(`Chromium not found at ${CHROMIUM}: end-to-end tests cannot run (CI=true makes this a failure)`);
} else {
  console.log(`\n!!!!!!!!\n!! Chromium not found at ${CHROMIUM}: END-TO-END TESTS SKIPPED.\n!! Install it (apt-get install -y chromium) or set CHROMIUM_PATH.\n!!!!!!!!`);
  notes.push('end-to-end tests skipped: no Chromium');
}

console.log('\n━━ summary ━━');
for (const failure of failures) console.log(`✗ ${failure}`);
for (const note of notes) console.log(`· ${note}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 ? 1 : 0);
