import { Injectable } from '@nestjs/common';
import { tx } from '../database/database.service.js';

/** The advisory lock every change to setup takes (an admin created, a token issued), whichever process makes it. */
const SETUP_LOCK = 7_264_001_600;

@Injectable()
export class SetupRepository {
  /** Serialises setup across processes until the transaction ends. */
  async lock(): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock($1)`, [SETUP_LOCK]);
  }
  async addToken(hash: Buffer, validSeconds: number): Promise<void> {
    await tx.query(
      `INSERT INTO setup_tokens (token_hash, expires_at) VALUES ($1, now() + make_interval(secs => $2))`,
      [hash, validSeconds],
    );
  }
  /** The hashes of the tokens that have not expired. */
  async liveTokenHashes(): Promise<Buffer[]> {
    const rows: Array<{ hash: Buffer }> = await tx.query(
      `SELECT token_hash AS hash FROM setup_tokens WHERE expires_at > now()`,
    );
    return rows.map((r) => Buffer.from(r.hash));
  }
  /** Setup is closed: no token is valid any more. */
  async deleteTokens(): Promise<void> {
    await tx.query(`DELETE FROM setup_tokens`);
  }
}
