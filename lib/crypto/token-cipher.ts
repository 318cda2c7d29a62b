// Merchants' Alipay tokens at rest: AES-256-GCM with a fresh 96-bit IV per value, bound (as associated data) to the
// row and field it belongs to, so a ciphertext copied onto another mini-program's row does not decrypt.
// Separate sub-keys are derived (HKDF) from the configured key for encryption, token digests and signed state.
import crypto from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class TokenCipherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenCipherError';
  }
}

export type SubKeyPurpose = 'token-encryption' | 'token-digest' | 'authorization-state';

/** A 32-byte key for one purpose, derived from the configured master key. */
export function deriveKey(masterKey: Buffer, purpose: SubKeyPurpose): Buffer {
  if (masterKey.length !== 32) throw new TokenCipherError('the token encryption key must be 32 bytes');
  return Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), `tinyapp:${purpose}`, 32));
}

export interface TokenCipher {
  /** `v1.<iv>.<ciphertext+tag>` in base64url; `context` names where the value lives, e.g. `merchant_app:2021…:app_auth_token`. */
  encrypt(plain: string, context: string): string;
  /** Throws TokenCipherError when the value was not made with this key and context. */
  decrypt(sealed: string, context: string): string;
  /** A keyed digest for comparing tokens without keeping them. */
  digest(token: string): string;
}

export function createTokenCipher(masterKey: Buffer): TokenCipher {
  const encKey = deriveKey(masterKey, 'token-encryption');
  const digestKey = deriveKey(masterKey, 'token-digest');
  return {
    encrypt(plain, context) {
      const iv = crypto.randomBytes(IV_BYTES);
      const cipher = crypto.createCipheriv('aes-256-gcm', encKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${VERSION}.${iv.toString('base64url')}.${body.toString('base64url')}`;
    },
    decrypt(sealed, context) {
      const [version, ivText, bodyText, ...rest] = sealed.split('.');
      if (version !== VERSION || !ivText || !bodyText || rest.length) throw new TokenCipherError('not a sealed token');
      const iv = Buffer.from(ivText, 'base64url');
      const body = Buffer.from(bodyText, 'base64url');
      if (iv.length !== IV_BYTES || body.length <= TAG_BYTES) throw new TokenCipherError('not a sealed token');
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', encKey, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
        return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new TokenCipherError('the token cannot be decrypted with the configured key');
      }
    },
    digest(token) {
      return crypto.createHmac('sha256', digestKey).update(token, 'utf8').digest('base64url');
    },
  };
}
