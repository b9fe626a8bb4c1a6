import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { refusal, urlRefusal, type AddressPolicy } from './address-policy.js';
import type { AttemptResult } from './schedule.js';

/** How much of an answer's body is read, and how much of it is kept in the delivery log. */
const READ_LIMIT = 64 * 1024;
export const KEEP_RESPONSE_CHARS = 2048;

export interface SendOptions {
  timeoutMs: number;
  policy: AddressPolicy;
}

/**
 * POSTs one webhook with node:http(s): no redirect is ever followed, the whole exchange is bounded by
 * `timeoutMs`, and every address the host name resolves to is checked against the policy before the
 * socket connects (so DNS cannot point an allowed name at a private address). At most
 * WEBHOOK_CONCURRENCY sockets per scheme, kept alive between deliveries.
 */
@Injectable()
export class HttpSender implements OnModuleDestroy {
  private readonly agents: { http: http.Agent; https: https.Agent };

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const maxSockets = config.webhooks.concurrency;
    this.agents = {
      http: new http.Agent({ keepAlive: true, maxSockets }),
      https: new https.Agent({ keepAlive: true, maxSockets }),
    };
  }

  onModuleDestroy(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  post(
    url: string,
    headers: Record<string, string>,
    body: string,
    opts: SendOptions,
  ): Promise<AttemptResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const refused = urlRefusal(url, opts.policy);
    if (refused) return Promise.resolve(noAnswer(`address refused: ${refused}`, 0));
    const u = new URL(url);
    const client = u.protocol === 'https:' ? https : http;
    return new Promise<AttemptResult>((resolve) => {
      let settled = false;
      const done = (r: AttemptResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(r);
      };
      const req = client.request(
        u,
        {
          method: 'POST',
          agent: u.protocol === 'https:' ? this.agents.https : this.agents.http,
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          lookup: guardedLookup(opts.policy),
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            if (size < READ_LIMIT) chunks.push(chunk);
            size += chunk.length;
            if (size >= READ_LIMIT) res.destroy();
          });
          const finish = () =>
            done({
              statusCode: res.statusCode ?? null,
              retryAfter: header(res.headers['retry-after']),
              location: header(res.headers.location),
              latencyMs: elapsed(),
              responseBody: Buffer.concat(chunks).toString('utf8').slice(0, KEEP_RESPONSE_CHARS) || null,
              error: null,
            });
          res.on('end', finish);
          res.on('close', finish);
          res.on('error', finish);
        },
      );
      const timer = setTimeout(() => {
        req.destroy(new Error(`timed out after ${opts.timeoutMs} ms`));
      }, opts.timeoutMs);
      req.on('error', (err: NodeJS.ErrnoException) => {
        const reason = err.message.startsWith('address refused') ? err.message : describeError(err);
        done(noAnswer(reason, elapsed()));
      });
      req.end(body);
    });
  }
}

function header(v: string | string[] | undefined): string | null {
  if (v === undefined) return null;
  return Array.isArray(v) ? (v[0] ?? null) : v;
}

function noAnswer(error: string, latencyMs: number): AttemptResult {
  return { statusCode: null, retryAfter: null, location: null, latencyMs, responseBody: null, error };
}

function describeError(err: NodeJS.ErrnoException): string {
  if (err.code === 'ECONNREFUSED') return 'connection refused';
  if (err.code === 'ECONNRESET') return 'connection reset';
  if (err.code === 'ENOTFOUND') return 'host name not found';
  return err.code ? `${err.code}: ${err.message}` : err.message;
}

/** dns.lookup that refuses, before connecting, any resolved address the policy does not allow. */
function guardedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options: LookupOptions, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      for (const a of addresses) {
        const why = refusal(a.address, policy);
        if (why) return callback(new Error(`address refused: ${hostname} resolves to ${why}`), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}
