import { describe, expect, it } from 'vitest';
import { authorizationLinkUrl, generateLinkToken, hashLinkToken, isWellFormedLinkToken, linkState, linkTokenHint } from './link-token';

describe('authorization link tokens', () => {
  it('are 256 random bits in base64url, different every time', () => {
    const tokens = new Set(Array.from({ length: 200 }, generateLinkToken));
    expect(tokens.size).toBe(200);
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(t, 'base64url')).toHaveLength(32);
      expect(isWellFormedLinkToken(t)).toBe(true);
    }
  });

  it('are stored as a SHA-256 hash that does not contain them', () => {
    const t = generateLinkToken();
    const h = hashLinkToken(t);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain(t);
    expect(hashLinkToken(t)).toBe(h);
    expect(hashLinkToken(generateLinkToken())).not.toBe(h);
    expect(linkTokenHint(t)).toBe(t.slice(-6));
  });

  it('refuses malformed tokens before any lookup', () => {
    for (const bad of ['', 'short', `${generateLinkToken()}x`, '../../etc/passwd', `${'a'.repeat(42)}!`]) expect(isWellFormedLinkToken(bad)).toBe(false);
  });

  it('builds the console URL and tells active, expired and revoked apart', () => {
    expect(authorizationLinkUrl('https://console.example.com/', 'abc')).toBe('https://console.example.com/authorize/abc');
    const now = new Date('2026-05-01T00:00:00Z');
    expect(linkState({ expiresAt: new Date('2026-05-02T00:00:00Z'), revokedAt: null }, now)).toBe('active');
    expect(linkState({ expiresAt: now, revokedAt: null }, now)).toBe('expired');
    expect(linkState({ expiresAt: new Date('2026-05-02T00:00:00Z'), revokedAt: now }, now)).toBe('revoked');
  });
});
