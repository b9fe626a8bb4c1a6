import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where attachments' bytes live. Keys are `tenant/ticket/attachment` ids. The local disk store is the
 * default; an S3-compatible store implements the same four methods (put = PutObject from the spooled
 * file, open = GetObject's body, remove = DeleteObject).
 */
export interface AttachmentStore {
  /** Takes the finished upload spooled at `spoolPath` (the store may move it) and keeps it under `key`. */
  put(key: string, spoolPath: string, meta: { contentType: string; size: number }): Promise<void>;
  /** The bytes under `key`; rejects when there are none. */
  open(key: string): Promise<Readable>;
  /** Removes `key`; no error when it is already gone. */
  remove(key: string): Promise<void>;
}

export const ATTACHMENT_STORE = Symbol('ATTACHMENT_STORE');

const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

/** Attachments as files under one folder (DATA_DIR/attachments by default). */
export class LocalDiskAttachmentStore implements AttachmentStore {
  private readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  private path(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid attachment key ${key}`);
    const p = join(this.root, key);
    if (!p.startsWith(this.root + sep)) throw new Error(`invalid attachment key ${key}`);
    return p;
  }

  async put(key: string, spoolPath: string): Promise<void> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    try {
      await rename(spoolPath, target);
    } catch (err) {
      // The spool folder on another file system: copy, then drop the spooled file.
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      await copyFile(spoolPath, target);
      await rm(spoolPath, { force: true });
    }
  }

  async open(key: string): Promise<Readable> {
    const p = this.path(key);
    await stat(p);
    return createReadStream(p);
  }

  async remove(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
