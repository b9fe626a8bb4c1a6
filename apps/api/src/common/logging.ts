import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

/** Structured JSON lines on stdout, one per event. */
export class JsonLogger implements LoggerService {
  constructor(private readonly level: LogLevel = 'info') {}

  private write(level: Exclude<LogLevel, 'silent'>, message: unknown, context?: string): void {
    if (LEVELS[level] < LEVELS[this.level]) return;
    const base = { level, time: new Date().toISOString(), context };
    const line =
      typeof message === 'object' && message !== null
        ? { ...base, ...message }
        : { ...base, msg: String(message) };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }

  log(message: unknown, context?: string) {
    this.write('info', message, context);
  }
  error(message: unknown, _trace?: string, context?: string) {
    this.write('error', message, context);
  }
  warn(message: unknown, context?: string) {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string) {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string) {
    this.write('debug', message, context);
  }

  /** Express middleware: a request id (taken from `X-Request-Id` when sane) and one log line per request. */
  requestMiddleware() {
    return (req: Request & { id?: string }, res: Response, next: NextFunction) => {
      const incoming = req.headers['x-request-id'];
      req.id = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', req.id);
      if (LEVELS.info < LEVELS[this.level]) return next();
      const start = process.hrtime.bigint();
      res.on('finish', () => {
        this.write(
          'info',
          {
            msg: 'request',
            reqId: req.id,
            method: req.method,
            url: req.originalUrl,
            status: res.statusCode,
            ms: Number(process.hrtime.bigint() - start) / 1e6,
          },
          'Http',
        );
      });
      next();
    };
  }
}
