import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * PGlite behind its socket server: a real PostgreSQL speaking the wire protocol, so the app uses
 * the ordinary `pg` driver, TypeORM's postgres driver and the same migrations. One session:
 * transactions run one at a time.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string | null;
  port: number;
  maxConnections: number;
}): Promise<EmbeddedPostgres> {
  let dataDir: string | undefined;
  if (opts.dataDir !== null) {
    dataDir = resolve(opts.dataDir, 'pg');
    mkdirSync(dataDir, { recursive: true });
  }
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: opts.port,
    maxConnections: opts.maxConnections,
  });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgres://postgres@${address}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
