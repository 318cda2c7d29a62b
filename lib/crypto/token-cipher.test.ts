import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTokenCipher, deriveKey, TokenCipherError } from './token-cipher';

const key = crypto.randomBytes(32);
const token = '202611BBd6a0b0c1e4e84a2c9f4d8f0e1a2b3X01';

describe('token cipher (AES-256-GCM)', () => {
  it('round-trips, and never yields the same ciphertext twice', () => {
    const cipher = createTokenCipher(key);
    const a = cipher.encrypt(token, 'merchant_app:1:app_auth_token');
    const b = cipher.encrypt(token, 'merchant_app:1:app_auth_token');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    expect(a).not.toContain(token);
    expect(cipher.decrypt(a, 'merchant_app:1:app_auth_token')).toBe(token);
  });

  it('refuses another key, another context, and any altered byte', () => {
    const cipher = createTokenCipher(key);
    const sealed = cipher.encrypt(token, 'ctx-a');
    expect(() => createTokenCipher(crypto.randomBytes(32)).decrypt(sealed, 'ctx-a')).toThrow(TokenCipherError);
    expect(() => cipher.decrypt(sealed, 'ctx-b')).toThrow(TokenCipherError);
    const [v, iv, body] = sealed.split('.');
    const bytes = Buffer.from(body, 'base64url');
    bytes[0] ^= 1;
    expect(() => cipher.decrypt(`${v}.${iv}.${bytes.toString('base64url')}`, 'ctx-a')).toThrow(TokenCipherError);
    expect(() => cipher.decrypt('not-sealed', 'ctx-a')).toThrow(TokenCipherError);
    expect(() => cipher.decrypt(`v1.${iv}.AA`, 'ctx-a')).toThrow(TokenCipherError);
  });

  it('derives distinct sub-keys per purpose and requires a 32-byte key', () => {
    expect(deriveKey(key, 'token-encryption').equals(deriveKey(key, 'authorization-state'))).toBe(false);
    expect(deriveKey(key, 'token-digest')).toHaveLength(32);
    expect(() => createTokenCipher(crypto.randomBytes(16))).toThrow(TokenCipherError);
  });

  it('digests are stable per key and reveal nothing of the token', () => {
    const cipher = createTokenCipher(key);
    expect(cipher.digest(token)).toBe(cipher.digest(token));
    expect(cipher.digest(token)).not.toBe(createTokenCipher(crypto.randomBytes(32)).digest(token));
    expect(cipher.digest(token)).not.toContain(token.slice(0, 8));
  });

  it('leaves no plain token in a SQLite file that stores sealed values', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cipher-'));
    const file = path.join(dir, 'x.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (v TEXT)');
    const cipher = createTokenCipher(key);
    for (let i = 0; i < 50; i++) db.prepare('INSERT INTO t VALUES (?)').run(cipher.encrypt(`${token}${i}`, `ctx-${i}`));
    db.close();
    const bytes = Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
    expect(bytes.includes(Buffer.from(token))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
