import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  Inject,
  Injectable,
  mixin,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type Type,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import multer, { MulterError, type StorageEngine } from 'multer';
import { catchError, mergeMap, type Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ApiErrors } from './docs.js';
import { AppException, ErrorCode } from './errors.js';
import { dirEntries, modifiedAt } from './files.js';

/** A file received in a multipart request, spooled to local disk while it streamed in. */
export interface SpooledFile {
  /** The multipart field it came in. */
  field: string;
  /** The name the client gave (UTF-8). */
  originalName: string;
  /** What the client claimed; never trusted. */
  claimedType: string;
  path: string;
  size: number;
  sha256: string;
  /** The first bytes, for type detection by content. */
  head: Buffer;
  /** Valid UTF-8 throughout, with no NUL byte: a text file. */
  text: boolean;
}

const HEAD_BYTES = 4100;

/** Watches the bytes going to disk: size, SHA-256, the head, and whether it is UTF-8 text. */
class Inspector extends Transform {
  size = 0;
  readonly hash = createHash('sha256');
  private readonly headParts: Buffer[] = [];
  private headLength = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  text = true;

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.size += chunk.length;
    this.hash.update(chunk);
    if (this.headLength < HEAD_BYTES) {
      const part = chunk.subarray(0, HEAD_BYTES - this.headLength);
      this.headParts.push(part);
      this.headLength += part.length;
    }
    if (this.text) {
      if (chunk.includes(0)) this.text = false;
      else {
        try {
          this.decoder.decode(chunk, { stream: true });
        } catch {
          this.text = false;
        }
      }
    }
    cb(null, chunk);
  }

  override _flush(cb: TransformCallback): void {
    if (this.text) {
      try {
        this.decoder.decode(); // an incomplete sequence at the end is not text
      } catch {
        this.text = false;
      }
    }
    cb();
  }

  get head(): Buffer {
    return Buffer.concat(this.headParts);
  }
}

/** Where multipart uploads are spooled while their request runs. */
export function spoolDir(config: AppConfig): string {
  return join(config.attachments.dir, '.spool');
}

/**
 * Removes spooled files last written before `before`: a request removes its own files when it ends, so
 * old ones were left by a process that stopped mid-request. How many went.
 */
export async function sweepSpool(dir: string, before: Date): Promise<number> {
  let removed = 0;
  for await (const e of dirEntries(dir)) {
    if (!e.isFile()) continue;
    const path = join(dir, e.name);
    const at = await modifiedAt(path);
    if (!at || at >= before) continue; // gone with its request, or recent
    await rm(path, { force: true });
    removed++;
  }
  return removed;
}

/**
 * Each request's spooling still under way. Multer answers a file stream's error (a truncated body) at
 * once, without waiting for the storage engine, so the request could be answered while its spooled file
 * was still being removed: the interceptor waits for these before it answers an error.
 */
const spooling = new WeakMap<Request, Set<Promise<void>>>();

/** Resolves once every file the request began to spool is stored or removed again. */
async function spoolSettled(req: Request): Promise<void> {
  await Promise.allSettled([...(spooling.get(req) ?? [])]);
}

/** A multer storage engine that spools each file to `dir` while inspecting it. */
class SpoolStorage implements StorageEngine {
  constructor(private readonly dir: string) {}

  _handleFile(
    req: Request,
    file: Express.Multer.File,
    cb: (error?: unknown, info?: Partial<Express.Multer.File> & Partial<SpooledFile>) => void,
  ): void {
    const path = join(this.dir, randomUUID());
    const inspector = new Inspector();
    const spool = async () => {
      await mkdir(this.dir, { recursive: true });
      // Opened before streaming, so a failed upload's file exists when it is removed below.
      const handle = await open(path, 'wx');
      try {
        await pipeline(file.stream, inspector, handle.createWriteStream());
      } finally {
        await handle.close().catch(() => undefined);
      }
    };
    const work = spool().then(
      () =>
        cb(null, {
          path,
          size: inspector.size,
          sha256: inspector.hash.digest('hex'),
          head: inspector.head,
          text: inspector.text && inspector.size > 0,
        }),
      async (err: unknown) => {
        // Stored nothing: multer removes only files that were handed back.
        await rm(path, { force: true }).catch(() => undefined);
        cb(err);
      },
    );
    let pending = spooling.get(req);
    if (!pending) spooling.set(req, (pending = new Set()));
    pending.add(work);
    void work.finally(() => pending.delete(work));
  }

  _removeFile(_req: Request, file: Express.Multer.File, cb: (error: Error | null) => void): void {
    rm(file.path, { force: true }).then(
      () => cb(null),
      (err: Error) => cb(err),
    );
  }
}

export interface MultipartOptions {
  /** The field files come in. */
  field: string;
  maxBytes: number;
  maxFiles: number;
  /** The message when a request has more than `maxFiles` files. */
  tooMany: string;
  /** Its code (ATTACHMENT_LIMIT_REACHED unless said). */
  tooManyCode?: ErrorCode;
}

const mb = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${bytes} bytes`;

/** Multer's and busboy's errors as clean 4xx answers naming the field. */
export function multipartError(err: unknown, o: MultipartOptions): AppException {
  if (err instanceof AppException) return err;
  if (err instanceof MulterError) {
    const field = err.field ?? o.field;
    switch (err.code) {
      case 'LIMIT_FILE_SIZE': {
        const filename = (err as MulterError & { filename?: string }).filename;
        const message = `${filename ?? 'a file'} is larger than ${mb(o.maxBytes)}`;
        return new AppException(ErrorCode.PAYLOAD_TOO_LARGE, `${field}: ${message}`, [{ field, message }]);
      }
      case 'LIMIT_FILE_COUNT':
        return new AppException(
          o.tooManyCode ?? ErrorCode.ATTACHMENT_LIMIT_REACHED,
          `${o.field}: ${o.tooMany}`,
          [{ field: o.field, message: o.tooMany }],
        );
      case 'LIMIT_UNEXPECTED_FILE': {
        const message = `unexpected file field; send files in the field "${o.field}"`;
        return new AppException(ErrorCode.VALIDATION_FAILED, `${field}: ${message}`, [{ field, message }]);
      }
      default: {
        const message = err.message.toLowerCase();
        return new AppException(ErrorCode.VALIDATION_FAILED, `${field}: ${message}`, [{ field, message }]);
      }
    }
  }
  const message = `malformed multipart/form-data (${err instanceof Error ? err.message : String(err)})`;
  return new AppException(ErrorCode.VALIDATION_FAILED, `body: ${message}`, [{ field: 'body', message }]);
}

/** Files a request spooled, as the handler receives them (`req.files` after the interceptor). */
export function spooledFiles(req: Request): SpooledFile[] {
  const files = (req as Request & { files?: unknown }).files;
  if (!Array.isArray(files)) return [];
  return (files as Array<Express.Multer.File & SpooledFile>).map((f) => ({
    field: f.fieldname,
    originalName: utf8Name(f.originalname),
    claimedType: f.mimetype,
    path: f.path,
    size: f.size,
    sha256: f.sha256,
    head: f.head,
    text: f.text,
  }));
}

/** busboy decodes filename parameters as Latin-1; browsers send UTF-8. */
function utf8Name(name: string): string {
  const bytes = Buffer.from(name, 'latin1');
  const decoded = bytes.toString('utf8');
  return Buffer.from(decoded, 'utf8').equals(bytes) ? decoded : name;
}

/**
 * An interceptor that parses a multipart body with multer into spooled files under
 * `<attachments dir>/.spool`, answers multer's errors as clean 4xx, and removes every spooled file once
 * the handler is done, whatever happened (a handler keeps a file by moving it into its store).
 */
export function MultipartInterceptor(
  options: (config: AppConfig) => MultipartOptions,
): Type<NestInterceptor> {
  // Its code for too many files is chosen per use (`tooManyCode`): each handler states its own.
  @Injectable()
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.PAYLOAD_TOO_LARGE)
  class Interceptor implements NestInterceptor {
    private readonly opts: MultipartOptions;
    private readonly handler: ReturnType<ReturnType<typeof multer>['array']>;

    constructor(@Inject(APP_CONFIG) config: AppConfig) {
      this.opts = options(config);
      this.handler = multer({
        storage: new SpoolStorage(spoolDir(config)),
        limits: {
          fileSize: this.opts.maxBytes,
          files: this.opts.maxFiles,
          fields: 20,
          fieldSize: 64 * 1024,
          parts: this.opts.maxFiles + 20,
        },
      }).array(this.opts.field);
    }

    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const http = context.switchToHttp();
      const req = http.getRequest<Request>();
      const res = http.getResponse<Response>();
      await new Promise<void>((resolve, reject) =>
        this.handler(req, res, (err?: unknown) => (err ? reject(multipartError(err, this.opts)) : resolve())),
      ).catch(async (err: unknown) => {
        await spoolSettled(req); // nothing of a refused upload is left behind when it is answered
        throw err;
      });
      const cleanup = () => Promise.all(spooledFiles(req).map((f) => rm(f.path, { force: true })));
      return next.handle().pipe(
        mergeMap(async (value: unknown) => {
          await cleanup();
          return value;
        }),
        catchError(async (err: unknown) => {
          await cleanup();
          throw err;
        }),
      );
    }
  }
  return mixin(Interceptor);
}
