import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

const KEY_RE = /^[a-f0-9]{32}(?:(?:-thumb)?\.jpg|\.pdf)$/;

/**
 * Photos on local disk under DATA_DIR/media, two-level fan-out. Keys are random, so
 * a photo's address tells nothing about the report or the person.
 */
export function createMediaStore(dataDir: string) {
  const root = path.join(dataDir, 'media');

  function fileFor(key: string): string {
    return path.join(root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async function put(full: Buffer, thumb: Buffer): Promise<{ key: string; thumbKey: string }> {
    const id = crypto.randomBytes(16).toString('hex');
    const key = `${id}.jpg`;
    const thumbKey = `${id}-thumb.jpg`;
    await fs.mkdir(path.dirname(fileFor(key)), { recursive: true });
    await fs.writeFile(fileFor(key), full);
    await fs.writeFile(fileFor(thumbKey), thumb);
    return { key, thumbKey };
  }

  /** A document kept byte for byte (PDF), under a random key like the photos. */
  async function putDocument(data: Buffer): Promise<{ key: string }> {
    const key = `${crypto.randomBytes(16).toString('hex')}.pdf`;
    await fs.mkdir(path.dirname(fileFor(key)), { recursive: true });
    await fs.writeFile(fileFor(key), data);
    return { key };
  }

  async function read(key: string): Promise<Buffer | null> {
    if (!KEY_RE.test(key)) return null;
    try {
      return await fs.readFile(fileFor(key));
    } catch {
      return null;
    }
  }

  async function remove(key: string): Promise<void> {
    if (KEY_RE.test(key)) await fs.rm(fileFor(key), { force: true });
  }

  return { put, putDocument, read, remove, isValidKey: (key: string) => KEY_RE.test(key) };
}

export type MediaStore = ReturnType<typeof createMediaStore>;
