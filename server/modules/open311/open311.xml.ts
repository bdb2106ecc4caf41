import { XMLBuilder } from 'fast-xml-parser';

const builder = new XMLBuilder({ format: true, ignoreAttributes: false, suppressEmptyNode: false });

// Characters XML 1.0 cannot carry at all; text from other channels may hold them.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Values as element text: null becomes an empty element, lists repeat the element. */
function clean(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.replace(NOT_XML, '');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(clean);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)]));
  return String(value);
}

/** A UTF-8 document with its declaration, as the spec requires of every XML answer. */
function document(root: string, content: Record<string, unknown>): string {
  return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' }, [root]: clean(content) }) as string;
}

/** The spec's XML shapes: a root element naming the collection, one element per item. */
export const toXml = {
  requests: (items: object[]) => document('service_requests', { request: items }),
  services: (items: object[]) => document('services', { service: items }),
  serviceDefinition: (d: { service_code: string; attributes: unknown[] }) =>
    document('service_definition', { service_code: d.service_code, attributes: d.attributes.length > 0 ? { attribute: d.attributes } : '' }),
  discovery: (d: { changeset: string | null; contact: string; key_service: string; endpoints: Array<Record<string, unknown> & { formats: string[] }> }) =>
    document('discovery', {
      changeset: d.changeset,
      contact: d.contact,
      key_service: d.key_service,
      endpoints: { endpoint: d.endpoints.map((e) => ({ ...e, formats: { format: e.formats } })) },
    }),
  errors: (items: Array<{ code: number; description: string }>) => document('errors', { error: items }),
};
