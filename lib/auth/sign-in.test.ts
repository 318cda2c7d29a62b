import { describe, expect, it } from 'vitest';
import { insertUser, findUserByEmail, updateUser } from '@/lib/staff/data';
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

describe('the lockout under concurrent attempts', () => {
  it('checks at most five passwords out of 20 sent at once, and the right one among them does not get in', async () => {
    const db = await setup();
    let checked = 0;
    // A slow check, as bcrypt is: every attempt is in flight before the first one finishes.
    const verify = async (plain: string) => {
      checked++;
      await new Promise((r) => setTimeout(r, 30));
      return plain === 'right-pass-1';
    };
    const now = new Date();
    const attempts = Array.from({ length: 20 }, (_, i) => checkCredentials(db, 'op@example.com', i === 19 ? 'right-pass-1' : `wrong-${i}`, { now, verify }));
    const results = await Promise.all(attempts);
    expect(checked).toBeLessThanOrEqual(5);
    expect(results.filter((r) => r.ok)).toHaveLength(0);
    expect(findUserByEmail(db, 'op@example.com')?.lockedUntil?.getTime()).toBe(now.getTime() + 15 * 60_000);
    expect((await checkCredentials(db, 'op@example.com', 'right-pass-1', { now: new Date(now.getTime() + 60_000), verify })).ok).toBe(false);
  });

  it('answers an unknown account exactly like an existing one, lock included', async () => {
    const db = await setup();
    const verify = async () => false;
    const now = new Date();
    const known: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i < 6; i++) {
      known.push(JSON.stringify(await checkCredentials(db, 'op@example.com', 'bad', { now, verify })));
      unknown.push(JSON.stringify(await checkCredentials(db, `ghost-${now.getTime()}@example.com`, 'bad', { now, verify })));
    }
    expect(unknown).toEqual(known);
    expect(known.at(-1)).toContain('locked');
  });

  it('throttles one client address across many accounts', async () => {
    const db = await setup();
    const verify = async () => false;
    const address = `10.0.0.${Math.floor(Math.random() * 250)}`;
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await checkCredentials(db, `someone-${i}@example.com`, 'bad', { address, addressLimit: 3, verify }));
    expect(results.slice(0, 3).map((r) => r.ok || r.reason)).toEqual(['invalid', 'invalid', 'invalid']);
    expect(results[3]).toMatchObject({ ok: false, reason: 'throttled' });
    // Another address is not affected.
    expect(await checkCredentials(db, 'someone@example.com', 'bad', { address: '10.9.9.9', addressLimit: 3, verify })).toEqual({ ok: false, reason: 'invalid' });
  });
});
