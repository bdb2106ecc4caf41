import { toCsv } from '../../platform/http/csv.ts';
import { OPEN_DATA, OPEN_DATA_DEFINITIONS, type OpenDataField, type OpenDataset } from './accountability.definitions.ts';

/**
 * Database rows into published rows: each field typed as its description says, money
 * from integer satang to an exact baht decimal string ("1500.00", never a float), times
 * in ISO 8601 UTC. The CSV and the JSON are made from the same published rows, so a CSV
 * parsed back equals the JSON's items.
 */

export type PublishedValue = string | number | boolean | null;
export type PublishedRow = Record<string, PublishedValue>;

export function satangToBahtDecimal(satang: bigint): string {
  const negative = satang < 0n;
  const abs = negative ? -satang : satang;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

function publishValue(field: OpenDataField, raw: unknown): PublishedValue {
  if (raw === null || raw === undefined) return null;
  switch (field.type) {
    case 'integer':
      return Number(raw);
    case 'boolean':
      return Boolean(raw);
    case 'date-time':
      return raw instanceof Date ? raw.toISOString() : new Date(String(raw)).toISOString();
    case 'decimal':
      // Money columns (named *_baht) arrive as satang; percentages as numeric text.
      return field.name.endsWith('_baht') ? satangToBahtDecimal(BigInt(String(raw))) : Number(raw);
    default:
      return String(raw);
  }
}

export function publishRows(dataset: OpenDataset, rows: Record<string, unknown>[]): PublishedRow[] {
  const fields = OPEN_DATA[dataset].fields;
  return rows.map((row) => Object.fromEntries(fields.map((field) => [field.name, publishValue(field, row[field.name])])));
}

export interface OpenDataScope {
  fiscalYear: number | null;
  districtCode: number | null;
}

export function openDataJson(dataset: OpenDataset, scope: OpenDataScope, items: PublishedRow[], generatedAt: Date) {
  const d = OPEN_DATA[dataset];
  return {
    dataset,
    title_th: d.title_th,
    title_en: d.title_en,
    description_en: d.note_en,
    generated_at: generatedAt.toISOString(),
    filters: { fiscal_year: scope.fiscalYear, district_code: scope.districtCode },
    includes_demo: items.some((row) => row.is_demo === true),
    definitions: OPEN_DATA_DEFINITIONS,
    fields: d.fields,
    count: items.length,
    items,
  };
}

export function openDataCsv(dataset: OpenDataset, items: PublishedRow[]): string {
  const names = OPEN_DATA[dataset].fields.map((x) => x.name);
  return toCsv(names, items.map((row) => names.map((name) => row[name])));
}

/** "demopolis-proposals-fy2570-district1004.csv": says what it holds when saved. */
export function openDataFileName(dataset: OpenDataset, scope: OpenDataScope, format: 'csv' | 'json'): string {
  const parts = ['demopolis', dataset];
  if (scope.fiscalYear !== null) parts.push(`fy${scope.fiscalYear}`);
  if (scope.districtCode !== null) parts.push(`district${scope.districtCode}`);
  return `${parts.join('-')}.${format}`;
}
