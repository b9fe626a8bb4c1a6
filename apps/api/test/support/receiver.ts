import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Received {
  path: string;
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  headers: Record<string, string>;
  /** performance.now() when the request arrived. */
  at: number;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
}

/**
 * A manufacturer's webhook receiver on 127.0.0.1 for tests: records every request, answers what
 * `reply` says, and can go away entirely (connection refused) and come back on the same port.
 */
export class TestReceiver {
  readonly received: Received[] = [];
  reply: (r: Received) => Reply = () => ({ status: 200, body: 'ok' });
  port = 0;
  private server: http.Server | null = null;
  private readonly sockets = new Set<Socket>();

  get listening(): boolean {
    return this.server !== null;
  }

  url(path = '/rma'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async start(): Promise<void> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const h = req.headers as Record<string, string>;
        const r: Received = {
          path: req.url ?? '',
          id: h['webhook-id'] ?? '',
          timestamp: h['webhook-timestamp'] ?? '',
          signature: h['webhook-signature'] ?? '',
          body: Buffer.concat(chunks).toString('utf8'),
          headers: h,
          at: performance.now(),
        };
        const answer = this.reply(r);
        const send = () => {
          if (answer.status >= 200 && answer.status < 300) this.received.push(r);
          else this.rejected.push(r);
          res.writeHead(answer.status, answer.headers ?? {});
          res.end(answer.body ?? '');
        };
        if (answer.delayMs) setTimeout(send, answer.delayMs);
        else send();
      });
    });
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening and drops every connection: the next attempt meets "connection refused". */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Requests answered with something other than 2xx. */
  readonly rejected: Received[] = [];

  clear(): void {
    this.received.length = 0;
    this.rejected.length = 0;
    this.reply = () => ({ status: 200, body: 'ok' });
  }

  distinctIds(): Set<string> {
    return new Set(this.received.map((r) => r.id));
  }

  async waitFor(predicate: () => boolean, timeoutMs: number, what = 'the condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
