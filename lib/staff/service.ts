// Staff administration rules: unique emails, never lose the last active owner, never disable yourself.
import 'server-only';
import type { Db } from '@/db';
import type { Role, User } from '@/db/schema';
import { ActionError } from '@/lib/actions/result';
import type { SessionUser } from '@/lib/auth/guard';
import { hashPassword } from '@/lib/auth/password';
import { forgetDemoCredentials } from '@/lib/bootstrap';
import { countOwners, findUserByEmail, findUserById, insertUser, updateUser } from '@/lib/staff/data';
import type { NewStaffInput } from '@/lib/validation/auth';

function mustFind(db: Db, id: number): User {
  const user = findUserById(db, id);
  if (!user) throw new ActionError('errors.userNotFound');
  return user;
}

/** Would this change leave the console without an active owner? */
function removesLastOwner(db: Db, target: User, change: { role?: Role; disabled?: boolean }): boolean {
  if (target.role !== 'owner' || target.disabled) return false;
  const losesOwner = (change.role !== undefined && change.role !== 'owner') || change.disabled === true;
  return losesOwner && countOwners(db) <= 1;
}

export async function createStaff(db: Db, input: NewStaffInput): Promise<User> {
  if (findUserByEmail(db, input.email)) throw new ActionError('errors.emailTaken', { field: 'email' });
  return insertUser(db, { email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) });
}

export function changeRole(db: Db, userId: number, role: Role): User {
  const target = mustFind(db, userId);
  if (removesLastOwner(db, target, { role })) throw new ActionError('errors.lastOwner');
  return updateUser(db, userId, { role })!;
}

export function setDisabled(db: Db, actor: SessionUser, userId: number, disabled: boolean): User {
  const target = mustFind(db, userId);
  if (disabled && target.id === actor.id) throw new ActionError('errors.selfDisable');
  if (removesLastOwner(db, target, { disabled })) throw new ActionError('errors.lastOwner');
  // Disabling also ends every session the person holds; enabling clears a lockout.
  return updateUser(db, userId, disabled ? { disabled, sessionVersion: target.sessionVersion + 1 } : { disabled, lockedUntil: null, failedLoginCount: 0 })!;
}

export async function resetPassword(db: Db, userId: number, password: string): Promise<User> {
  const target = mustFind(db, userId);
  const updated = updateUser(db, userId, {
    passwordHash: await hashPassword(password),
    sessionVersion: target.sessionVersion + 1,
    lockedUntil: null,
    failedLoginCount: 0,
    firstFailedLoginAt: null,
  })!;
  forgetDemoCredentials(target.email);
  return updated;
}
