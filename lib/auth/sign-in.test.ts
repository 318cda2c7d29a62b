import { describe, expect, it } from 'vitest';
import { insertUser, findUserByEmail, updateUser } from '@/lib/data/users';
import { memoryDb } from '@/lib/testing/memory-db';
import { hashPassword } from './password';
import { checkCredentials } from './sign-in';

async function setup() {
  const db = memoryDb();
  insertUser(db, { email: 'Op@Example.com', name: 'op', role: 'operator', passwordHash: await hashPassword('right-pass-1') });
  return db;
}

describe('checkCredentials', () => {
  it('accepts the right password, case-insensitive email', async () => {
    const db = await setup();
    const r = await checkCredentials(db, ' op@example.COM ', 'right-pass-1');
    expect(r.ok).toBe(true);
    expect(findUserByEmail(db, 'op@example.com')?.lastLoginAt).not.toBeNull();
  });

  it('locks after five failures and refuses the right password while locked', async () => {
    const db = await setup();
    const now = new Date();
    for (let i = 0; i < 4; i++) expect(await checkCredentials(db, 'op@example.com', 'bad', now)).toEqual({ ok: false, reason: 'invalid' });
    expect(await checkCredentials(db, 'op@example.com', 'bad', now)).toEqual({ ok: false, reason: 'locked', minutes: 15 });
    expect(await checkCredentials(db, 'op@example.com', 'right-pass-1', new Date(now.getTime() + 60_000))).toMatchObject({ reason: 'locked', minutes: 14 });
    expect((await checkCredentials(db, 'op@example.com', 'right-pass-1', new Date(now.getTime() + 15 * 60_000))).ok).toBe(true);
  });

  it('does not reveal unknown accounts and says when an account is disabled', async () => {
    const db = await setup();
    expect(await checkCredentials(db, 'nobody@example.com', 'x')).toEqual({ ok: false, reason: 'invalid' });
    updateUser(db, findUserByEmail(db, 'op@example.com')!.id, { disabled: true });
    expect(await checkCredentials(db, 'op@example.com', 'bad')).toEqual({ ok: false, reason: 'invalid' });
    expect(await checkCredentials(db, 'op@example.com', 'right-pass-1')).toEqual({ ok: false, reason: 'disabled' });
  });
});
