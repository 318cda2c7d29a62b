import { describe, expect, it, vi } from 'vitest';

vi.mock('next-auth', () => ({ getServerSession: vi.fn() }));
vi.mock('next/navigation', () => ({ redirect: vi.fn() }));
vi.mock('@/db', () => ({ getDb: vi.fn() }));

import type { User } from '@/db/schema';
import { activeSessionUser } from './guard';
import { canManageStaff, canOperate, hasRole } from './roles';

const user = (patch: Partial<User> = {}): User => ({
  id: 7,
  email: 'a@b.c',
  name: 'A',
  passwordHash: 'x',
  role: 'operator',
  disabled: false,
  failedLoginCount: 0,
  firstFailedLoginAt: null,
  lockedUntil: null,
  lastLoginAt: null,
  sessionVersion: 2,
  createdAt: new Date(),
  updatedAt: null,
  ...patch,
});

describe('roles', () => {
  it('ranks owner over operator over viewer', () => {
    expect(hasRole('owner', 'operator')).toBe(true);
    expect(hasRole('operator', 'operator')).toBe(true);
    expect(hasRole('viewer', 'operator')).toBe(false);
    expect(hasRole('operator', 'owner')).toBe(false);
    expect(canOperate('viewer')).toBe(false);
    expect(canManageStaff('operator')).toBe(false);
    expect(canManageStaff('owner')).toBe(true);
  });
});

describe('activeSessionUser', () => {
  it('takes the role from the database row, not the token', () => {
    expect(activeSessionUser(user({ role: 'viewer' }), 2)?.role).toBe('viewer');
  });
  it('refuses a disabled user', () => {
    expect(activeSessionUser(user({ disabled: true }), 2)).toBeNull();
  });
  it('refuses a session issued before a password reset', () => {
    expect(activeSessionUser(user({ sessionVersion: 3 }), 2)).toBeNull();
  });
  it('refuses a deleted user', () => {
    expect(activeSessionUser(undefined, 0)).toBeNull();
  });
});
