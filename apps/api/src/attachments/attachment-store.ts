import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { dirEntries, modifiedAt } from '../common/files.js';

/**
 * Where attachments' bytes live. Keys are `tenant/ticket/attachment` ids. The local disk store is the
 * default; an S3-compatible store implements the same four methods (put = PutObject from the spooled
 * file, open = GetObject's body, remove = DeleteObject, list = ListObjectsV2 page by page).
 */
export interface AttachmentStore {
  /** Takes the finished upload spooled at `spoolPath` (the store may move it) and keeps it under `key`. */
  put(key: string, spoolPath: string, meta: { contentType: string; size: number }): Promise<void>;
  /** The bytes under `key`; rejects when there are none. */
  open(key: string): Promise<Readable>;
  /** Removes `key`; no error when it is already gone. */
  remove(key: string): Promise<void>;
  /** Every key the store holds, with when it was last written, in no particular order. */
  list(): AsyncIterable<StoredObject>;
}

export interface StoredObject {
  key: string;
  modifiedAt: Date;
}

export const ATTACHMENT_STORE = Symbol('ATTACHMENT_STORE');

const ID = /^[0-9a-f-]{36}$/;
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

  /** Walks tenant/ticket/attachment folders; anything else under the root (the upload spool) is not a key. */
  async *list(): AsyncIterable<StoredObject> {
    for await (const tenant of entries(this.root)) {
      for await (const ticket of entries(join(this.root, tenant))) {
        for await (const id of entries(join(this.root, tenant, ticket), 'file')) {
          const key = `${tenant}/${ticket}/${id}`;
          const at = await modifiedAt(this.path(key));
          if (at) yield { key, modifiedAt: at }; // else removed meanwhile
        }
      }
    }
  }
}

/** Names of the id-named folders (or files) in `dir`, read a batch at a time; none when it is missing. */
async function* entries(dir: string, type: 'dir' | 'file' = 'dir'): AsyncIterable<string> {
  for await (const e of dirEntries(dir)) {
    if (ID.test(e.name) && (type === 'dir' ? e.isDirectory() : e.isFile())) yield e.name;
  }
}
