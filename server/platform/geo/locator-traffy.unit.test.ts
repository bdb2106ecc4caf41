import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { measureLocatorMatchRate } from './locator-benchmark.ts';

// The sample is real public data kept beside the repository, never shipped in it:
// <repo>/../shared/data/traffy-sample-2023-05.csv.
const SAMPLE_URL = new URL('../../../../shared/data/traffy-sample-2023-05.csv', import.meta.url);

/** The polygons are from 2018 and reporters pin near boundaries; 96 % is the agreed floor. */
const MINIMUM_MATCH_RATE = 0.96;

describe('district locator against real Traffy Fondue reports', () => {
  it('puts at least 96 % of reports in the district the report names', () => {
    const samplePath = fileURLToPath(SAMPLE_URL);
    if (!fs.existsSync(samplePath)) {
      throw new Error(
        `The Traffy Fondue sample is missing: expected it at ${samplePath}. ` +
          'It lives outside the repository in ../shared/data; put traffy-sample-2023-05.csv there to run this test.',
      );
    }

    const result = measureLocatorMatchRate(SAMPLE_URL);
    console.log(
      `district locator: ${result.matched}/${result.rows} matched (${(result.rate * 100).toFixed(1)} %), ` +
        `${result.neighbouring} in another district, ${result.outside} outside Bangkok, ${result.unreadable} unreadable`,
    );

    expect(result.rows).toBe(1000);
    expect(result.unreadable).toBe(0);
    expect(result.matched + result.neighbouring + result.outside).toBe(result.rows);
    expect(result.rate).toBeGreaterThanOrEqual(MINIMUM_MATCH_RATE);
  });
});
