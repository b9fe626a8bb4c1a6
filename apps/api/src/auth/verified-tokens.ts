import type { JwtClaims } from './auth.guard.js';

/**
 * Tokens whose signature and expiry were checked, kept until they expire: verifying a JWT (decoding,
 * the HMAC, the claims) was most of what authenticating a request cost, and a browser sends the same
 * token with every request. Only what was verified is kept, under the exact token string, so a changed
 * token is verified afresh; whether its session still stands is asked of the account on every request.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { claims: JwtClaims; expiresAt: number }>();

  constructor(private readonly max = 10_000) {}

  /** The token's claims if it was verified and has not expired since. */
  get(token: string, now = Date.now()): JwtClaims | null {
    const hit = this.entries.get(token);
    if (!hit) return null;
    if (hit.expiresAt <= now) {
      this.entries.delete(token);
      return null;
    }
    return hit.claims;
  }

  /** Keeps a token just verified, until its `exp` (one without is not kept); the oldest goes first. */
  keep(token: string, claims: JwtClaims & { exp?: number }): void {
    if (typeof claims.exp !== 'number') return;
    this.entries.set(token, { claims, expiresAt: claims.exp * 1000 });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
}
