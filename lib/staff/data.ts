// Reads and writes of staff accounts (sign-in, the guard and the staff page go through these).
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { users, type NewUser, type Role, type User } from '@/db/schema';

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export function findUserByEmail(db: Db, email: string): User | undefined {
  return db.select().from(users).where(eq(users.email, normalizeEmail(email))).get();
}

export function findUserById(db: Db, id: number): User | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function findUserName(db: Db, id: number): string | undefined {
  return db.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name;
}

export function listUsers(db: Db): User[] {
  return db.select().from(users).orderBy(asc(users.createdAt), asc(users.id)).all();
}

export function countOwners(db: Db, { activeOnly = true } = {}): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(users)
    .where(activeOnly ? sql`${users.role} = 'owner' AND ${users.disabled} = 0` : eq(users.role, 'owner'))
    .get();
  return row?.n ?? 0;
}

export function insertUser(db: Db, user: NewUser): User {
  return db
    .insert(users)
    .values({ ...user, email: normalizeEmail(user.email) })
    .returning()
    .get();
}

export function updateUser(db: Db, id: number, patch: Partial<Omit<NewUser, 'id'>>): User | undefined {
  return db
    .update(users)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning()
    .get();
}

export type { Role, User };

/** Ends every session the user holds (they carry the old version). */
export function bumpSessionVersion(db: Db, id: number): void {
  db.update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
    .where(eq(users.id, id))
    .run();
}
