import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createStaff, fileReport, type Session } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { open311Repository as repo } from './open311.repository.ts';
import { fingerprintOf } from './open311.service.ts';

/**
 * requests.json answers a poll of an unchanged page from memory, recognised by a
 * fingerprint the database computes (which requests, each at which change). These tests
 * hold it to being exact: the database's fingerprint is the one the page is stored
 * under, and any change to a request on the page, or a new request, is in the next poll.
 */
let t: TestContext;
let officer: Session;

beforeAll(async () => {
  t = await createTestApp();
  officer = await createStaff(t.app, t.db, 'district-1004');
});

afterAll(async () => {
  await t?.close();
});

const poll = async () => {
  const response = await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json' });
  expect(response.statusCode, response.body).toBe(200);
  return { body: response.body, items: response.json() as Array<{ service_request_id: string; status: string; status_notes: string; updated_datetime: string }> };
};

describe('GET /open311/v2/requests.json, polled', () => {
  it('names a page in SQL exactly as the page in memory is named', async () => {
    await fileReport(t.app, null);
    await fileReport(t.app, null);
    const filters = { from: new Date(Date.now() - 3600_000), to: new Date(Date.now() + 1), limit: 1000, offset: 0 };
    const rows = await repo.listRequestKeys(t.db, filters);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(await repo.pageFingerprint(t.db, filters)).toBe(fingerprintOf(rows));
    expect(await repo.pageFingerprint(t.db, { ...filters, from: new Date(Date.now() + 3600_000), to: new Date(Date.now() + 7200_000) })).toBe(fingerprintOf([]));
  });

  it('sends the same page while nothing changed, and the change in the very next poll', async () => {
    const { report } = await fileReport(t.app, null);
    const first = await poll();
    expect(first.items[0]!.service_request_id).toBe(report.code);
    expect((await poll()).body).toBe(first.body);

    const accepted = await client(t.app, officer).post(`/api/v1/reports/${report.code}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    const afterAccept = await poll();
    expect(afterAccept.body).not.toBe(first.body);
    expect(afterAccept.items.find((i) => i.service_request_id === report.code)!.status_notes).toMatch(/In progress/i);

    const newer = await fileReport(t.app, null);
    expect((await poll()).items[0]!.service_request_id).toBe(newer.report.code);
  });

  it('still filters by service_request_id, uncached', async () => {
    const { report } = await fileReport(t.app, null);
    const response = await t.app.inject({ method: 'GET', url: `/open311/v2/requests.json?service_request_id=${report.code}` });
    expect(response.json().map((i: { service_request_id: string }) => i.service_request_id)).toEqual([report.code]);
  });
});
