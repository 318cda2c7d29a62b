import { describe, expect, it, vi } from 'vitest';

vi.mock('@/lib/bootstrap', () => ({ forgetDemoCredentials: vi.fn() }));

import { ActionError } from '@/lib/actions/result';
import { findUserByEmail } from '@/lib/staff/data';
import { memoryDb } from '@/lib/testing/memory-db';
import { changeRole, createStaff, resetPassword, setDisabled } from './service';

async function setup() {
  const db = memoryDb();
  const owner = await createStaff(db, { email: 'own@x.cn', name: 'o', role: 'owner', password: 'Owner-pass-1' });
  const op = await createStaff(db, { email: 'op@x.cn', name: 'p', role: 'operator', password: 'Operator-pass-1' });
  return { db, owner, op, me: { id: owner.id, email: owner.email, name: owner.name, role: owner.role } };
}

describe('staff rules', () => {
  it('refuses a duplicate email, whatever its case', async () => {
    const { db } = await setup();
    await expect(createStaff(db, { email: 'OP@x.cn', name: 'dup', role: 'viewer', password: 'Viewer-pass-1' })).rejects.toThrow('errors.emailTaken');
  });

  it('never removes the last active owner', async () => {
    const { db, owner, me } = await setup();
    expect(() => changeRole(db, owner.id, 'operator')).toThrow(ActionError);
    expect(() => setDisabled(db, { ...me, id: -1 }, owner.id, true)).toThrow('errors.lastOwner');
    await createStaff(db, { email: 'own2@x.cn', name: 'o2', role: 'owner', password: 'Owner-pass-2' });
    expect(changeRole(db, owner.id, 'operator').role).toBe('operator');
  });

  it('refuses to disable yourself, and disabling ends sessions', async () => {
    const { db, owner, op, me } = await setup();
    expect(() => setDisabled(db, me, owner.id, true)).toThrow('errors.selfDisable');
    const disabled = setDisabled(db, me, op.id, true);
    expect(disabled.disabled).toBe(true);
    expect(disabled.sessionVersion).toBe(op.sessionVersion + 1);
  });

  it('a password reset ends old sessions and clears a lockout', async () => {
    const { db, op } = await setup();
    const updated = await resetPassword(db, op.id, 'Brand-new-pass-1');
    expect(updated.sessionVersion).toBe(1);
    expect(findUserByEmail(db, 'op@x.cn')?.lockedUntil).toBeNull();
  });
});
