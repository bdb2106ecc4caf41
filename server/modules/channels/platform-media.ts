/**
 * Fetches the photo a person sent from the platform that holds it (LINE's content API,
 * Messenger's attachment URL, X's media URL). Bounded in time and size: a platform that
 * hangs or sends more than a photo's worth of bytes is cut off.
 */
import { MAX_PHOTO_BYTES } from '../../platform/media/image-pipeline.ts';

export interface MediaSource {
  url: string;
  /** Sent as `Authorization: Bearer …` where the platform wants it. */
  bearer: string | null;
}

export class MediaFetchError extends Error {
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 15_000;

/**
 * Hosts allowed to receive our platform tokens. A URL in a webhook payload is the
 * platform's word, but a token must never travel to a host the platform does not own.
 * Loopback is allowed so the local fake platforms in tests (and on a developer's
 * machine) can check the token as the real ones do.
 */
const TOKEN_HOSTS = ['api.line.me', 'api-data.line.me', 'api.x.com', 'api.twitter.com', 'ton.twitter.com', 'pbs.twimg.com', 'video.twimg.com'];

export function mayReceiveToken(hostname: string): boolean {
  return TOKEN_HOSTS.includes(hostname) || hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

export async function fetchMedia(source: MediaSource, maxBytes = MAX_PHOTO_BYTES): Promise<Buffer> {
  const url = new URL(source.url);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new MediaFetchError(`refusing to fetch ${url.protocol} URL`);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: source.bearer && mayReceiveToken(url.hostname) ? { authorization: `Bearer ${source.bearer}` } : {},
      redirect: 'follow',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new MediaFetchError(`could not reach ${url.host}: ${(error as Error).message}`);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => {});
    throw new MediaFetchError(`${url.host} answered ${response.status}`);
  }
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body.cancel().catch(() => {});
    throw new MediaFetchError(`${url.host} offers ${declared} bytes`, true);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new MediaFetchError(`${url.host} sent more than ${maxBytes} bytes`, true);
      }
      chunks.push(Buffer.from(value));
    }
  } catch (error) {
    if (error instanceof MediaFetchError) throw error;
    throw new MediaFetchError(`reading from ${url.host} failed: ${(error as Error).message}`);
  }
  return Buffer.concat(chunks);
}
