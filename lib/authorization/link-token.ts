// Authorization link tokens: 256 random bits in the URL, only their SHA-256 in the database. A leaked database
// therefore opens no link; the token is shown to staff once, when the link is made.
import crypto from 'node:crypto';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function generateLinkToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Rejects anything that cannot be a token before touching the database. */
export function isWellFormedLinkToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

export function hashLinkToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The last characters, so that staff can tell two links apart. */
export function linkTokenHint(token: string): string {
  return token.slice(-6);
}

export function authorizationLinkUrl(appUrl: string, token: string): string {
  return `${appUrl.replace(/\/$/, '')}/authorize/${token}`;
}

export type LinkState = 'active' | 'expired' | 'revoked';

export function linkState(link: { expiresAt: Date; revokedAt: Date | null }, now: Date): LinkState {
  if (link.revokedAt) return 'revoked';
  if (link.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}
