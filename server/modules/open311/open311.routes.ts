import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../platform/i18n/locale.ts';
import { o311, toOpen311Error } from './open311.errors.ts';
import { FORMATS, isTrue, parseForm, single, splitFormat, type Format } from './open311.params.ts';
import { presentRequest } from './open311.presenter.ts';
import type { Open311Service, RequestPage } from './open311.service.ts';
import { toXml } from './open311.xml.ts';

type Query = Record<string, string | string[] | undefined>;

const CONTENT_TYPES: Record<Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };
// One allowance per address for both formats: a client cannot double it by switching.
const postLimit = { rateLimit: { max: 60, timeWindow: '1 minute', groupId: 'open311-post' } };

/** The format a URL asked for (".xml" or ".json"); errors answer in it too. */
function formatOf(request: FastifyRequest): Format {
  const path = request.url.split('?')[0] ?? '';
  return splitFormat(path.slice(path.lastIndexOf('/') + 1))?.format ?? 'json';
}

/** Names in Thai by default; English with ?locale=en or Accept-Language preferring English. */
function localeOf(request: FastifyRequest): Locale {
  const asked = (request.query as Query).locale;
  return asked === 'en' || asked === 'th' ? asked : request.locale;
}

function send(reply: FastifyReply, format: Format, json: unknown, xml: () => string, status = 200) {
  return reply.status(status).type(CONTENT_TYPES[format]).send(format === 'json' ? JSON.stringify(json) : xml());
}

/** A "{name}.{format}" path segment, or 404 as for any unknown resource. */
function resource(file: string) {
  const parsed = splitFormat(file);
  if (!parsed) throw o311.notFound('ไม่พบทรัพยากรนี้ ต้องลงท้ายด้วย .json หรือ .xml', 'No such resource; paths end in .json or .xml');
  return parsed;
}

/**
 * Open311 GeoReport v2 under /open311/v2 (the prefix is given at registration). Its own
 * error handler answers in the spec's [{code, description}] shape, in the format asked
 * for, instead of the app's problem details.
 */
export async function georeportRoutes(app: FastifyInstance, opts: { service: Open311Service; publicUrl: string }) {
  const { service, publicUrl } = opts;

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, parseForm(body as string));
  });

  app.setErrorHandler((error, request, reply) => {
    const { status, item, internal } = toOpen311Error(error, request.id);
    if (internal) request.log.error({ err: error }, 'unhandled error');
    return send(reply, formatOf(request), [item], () => toXml.errors([item]), status);
  });
  app.setNotFoundHandler((request, reply) => {
    const item = { code: 404, description: 'ไม่พบทรัพยากรนี้ / No such resource' };
    return send(reply, formatOf(request), [item], () => toXml.errors([item]), 404);
  });

  // Everything read here is public: any web page may fetch it.
  app.addHook('onSend', async (request, reply) => {
    if (request.method === 'GET') void reply.header('access-control-allow-origin', '*');
  });

  const requests = async (request: FastifyRequest, rows: Awaited<ReturnType<Open311Service['search']>>) => {
    const options = presentOptions(request);
    return rows.map((row) => presentRequest(row, options));
  };
  const presentOptions = (request: FastifyRequest) => ({ locale: localeOf(request), publicUrl, extensions: isTrue(single((request.query as Query).extensions, 'extensions')) });

  // A request's JSON, kept with the row it was made from: the service keeps a row object
  // until the report changes, so a poll of an unchanged page joins ready-made text.
  const fragments = new WeakMap<object, Map<string, string>>();
  // And the last pages as bytes, by fingerprint (which requests, each at which change):
  // an unchanged page is sent again without reading, joining or encoding its requests.
  // Kept no longer than the rows it was made of (names of categories and agencies).
  const pages = new Map<string, { body: Buffer; until: number }>();
  const PAGES_KEPT = 8;
  const requestsJson = async (request: FastifyRequest, page: RequestPage): Promise<Buffer> => {
    const options = presentOptions(request);
    const variant = `${options.locale}|${options.extensions}`;
    const now = Date.now();
    const known = page.fingerprint === null ? undefined : pages.get(`${variant}|${page.fingerprint}`);
    if (known && known.until > now) return known.body;
    const { rows, fingerprint, until } = await page.load();
    const parts = rows.map((row) => {
      let byVariant = fragments.get(row);
      if (!byVariant) fragments.set(row, (byVariant = new Map()));
      let text = byVariant.get(variant);
      if (text === undefined) byVariant.set(variant, (text = JSON.stringify(presentRequest(row, options))));
      return text;
    });
    const body = Buffer.from(`[${parts.join(',')}]`);
    if (fingerprint !== null) {
      const key = `${variant}|${fingerprint}`;
      pages.delete(key);
      pages.set(key, { body, until });
      for (const old of pages.keys()) {
        if (pages.size <= PAGES_KEPT) break;
        pages.delete(old);
      }
    }
    return body;
  };

  const tags = ['open311'];
  for (const format of FORMATS) {
    app.get(`/discovery.${format}`, { schema: { tags, summary: `Service discovery (${format})` } }, async (_request, reply) => {
      const d = await service.discovery();
      return send(reply, format, d, () => toXml.discovery(d));
    });

    app.get(`/services.${format}`, { schema: { tags, summary: `GET Service List (${format}); names in Thai, English with ?locale=en` } }, async (request, reply) => {
      const items = await service.services(localeOf(request));
      return send(reply, format, items, () => toXml.services(items));
    });

    app.get(`/requests.${format}`, {
      schema: { tags, summary: `GET Service Requests (${format}): service_request_id, service_code, start_date, end_date, status, page, page_size, extensions` },
    }, async (request, reply) => {
      if (format === 'json') return reply.status(200).type(CONTENT_TYPES.json).send(await requestsJson(request, await service.searchPage(request.query as Query)));
      const items = await requests(request, await service.search(request.query as Query));
      return send(reply, format, items, () => toXml.requests(items));
    });

    app.post(`/requests.${format}`, {
      config: postLimit,
      schema: { tags, summary: `POST Service Request (${format}), application/x-www-form-urlencoded with an api_key`, consumes: ['application/x-www-form-urlencoded'] },
    }, async (request, reply) => {
      if (request.isMultipart()) throw o311.badRequest('ส่งข้อมูลแบบ application/x-www-form-urlencoded', 'Send application/x-www-form-urlencoded');
      const created = await service.submit(formFields(request.body));
      return send(reply, format, [created], () => toXml.requests([created]), 201);
    });
  }

  app.get('/services/:file', { schema: { tags, summary: 'GET Service Definition: services/{service_code}.(json|xml)' } }, async (request, reply) => {
    const { name, format } = resource((request.params as { file: string }).file);
    const definition = await service.serviceDefinition(name);
    return send(reply, format, definition, () => toXml.serviceDefinition(definition));
  });

  app.get('/requests/:file', { schema: { tags, summary: 'GET Service Request: requests/{service_request_id}.(json|xml)' } }, async (request, reply) => {
    const { name, format } = resource((request.params as { file: string }).file);
    const items = await requests(request, [await service.one(name)]);
    return send(reply, format, items, () => toXml.requests(items));
  });

  app.get('/tokens/:file', { schema: { tags, summary: 'GET service_request_id from a token: tokens/{token}.(json|xml)' } }, async (request, reply) => {
    const { name, format } = resource((request.params as { file: string }).file);
    const found = await service.token(name);
    return send(reply, format, [found], () => toXml.requests([found]));
  });
}

/** Form fields as strings; a JSON body (which some clients send) is read the same way. */
function formFields(body: unknown): Record<string, string> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw o311.badRequest('รูปแบบข้อมูลไม่ถูกต้อง', 'The request body is not a set of fields');
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') out[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
    else throw o311.badRequest(`${key} ต้องเป็นข้อความ`, `${key} must be a plain value`);
  }
  return out;
}
