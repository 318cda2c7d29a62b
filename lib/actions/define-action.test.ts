// The security choke point: every server action goes through defineAction, every route handler through withRole.
// The session is a stand-in the test drives; the user row, its role and the operation log are a real database.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { operationLogs, users } from '@/db/schema';
import { memoryDb } from '@/lib/testing/memory-db';

const session = vi.hoisted(() => ({ current: null as null | { uid: number; sv: number; at: number; la: number } }));
const database = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('next-auth', () => ({ getServerSession: vi.fn(async () => session.current) }));
vi.mock('next/navigation', () => ({ redirect: vi.fn((to: string) => { throw new Error(`redirect ${to}`); }) }));
vi.mock('@/db', () => ({ getDb: () => database.db }));
vi.mock('@/lib/auth/options', () => ({ getAuthOptions: () => ({}) }));
vi.mock('@/lib/config', () => ({ getConfig: () => ({ sessionIdleMs: 30 * 60_000 }) }));

import { authorize, requireUser, withRole } from '@/lib/auth/guard';
import { insertUser, updateUser } from '@/lib/staff/data';
import { defineAction } from './define-action';
import { ActionError } from './result';

let db: Db;
const now = () => Math.floor(Date.now() / 1000);

function signInAs(role: 'owner' | 'operator' | 'viewer', email = `${role}@example.com`) {
  const user = insertUser(db, { email, name: role, role, passwordHash: 'x' });
  session.current = { uid: user.id, sv: user.sessionVersion, at: now(), la: now() };
  return user;
}

const logs = () => db.select().from(operationLogs).orderBy(desc(operationLogs.id)).all();

// An action that writes a row (a staff member's display name), so "writes nothing" can be checked.
const rename = defineAction({
  name: 'test.rename',
  role: 'operator',
  schema: z.object({ id: z.number().int(), name: z.string().trim().min(2, 'validation.tooShort'), password: z.string().optional() }),
  target: (input) => ({ type: 'user', id: input.id }),
  run: async (input, { db: d, user }) => {
    if (input.name === 'taken') throw new ActionError('staff.nameTaken', { field: 'name', params: { name: input.name } });
    if (input.name === 'crash') throw new Error('disk full');
    updateUser(d, input.id, { name: input.name });
    return { by: user.email };
  },
});

beforeEach(() => {
  db = memoryDb();
  database.db = db;
  session.current = null;
});

describe('defineAction', () => {
  it('runs for a role that suffices, returns the data and logs the operation with a secret-free input', async () => {
    const me = signInAs('operator');
    const result = await rename({ id: me.id, name: 'Ada', password: 'hunter22' });
    expect(result).toEqual({ ok: true, data: { by: 'operator@example.com' } });
    expect(db.select().from(users).where(eq(users.id, me.id)).get()?.name).toBe('Ada');
    const [log] = logs();
    expect(log).toMatchObject({ actorEmail: 'operator@example.com', action: 'test.rename', result: 'ok', targetType: 'user', targetId: String(me.id) });
    expect(log.input).toContain('"password":"***"');
    expect(log.input).not.toContain('hunter22');
  });

  it('refuses a viewer, writes nothing and logs the refusal under the viewer', async () => {
    const viewer = signInAs('viewer');
    const result = await rename({ id: viewer.id, name: 'Mallory' });
    expect(result).toEqual({ ok: false, error: 'auth.forbidden' });
    expect(db.select().from(users).where(eq(users.id, viewer.id)).get()?.name).toBe('viewer');
    expect(logs()).toHaveLength(1);
    expect(logs()[0]).toMatchObject({ actorEmail: 'viewer@example.com', action: 'test.rename', result: 'refused', detail: 'auth.forbidden' });
  });

  it('re-reads the role from the database: a demotion takes effect on the next call, whatever the session says', async () => {
    const me = signInAs('operator');
    expect((await rename({ id: me.id, name: 'First' })).ok).toBe(true);
    updateUser(db, me.id, { role: 'viewer' });
    const result = await rename({ id: me.id, name: 'Second' });
    expect(result).toMatchObject({ ok: false, error: 'auth.forbidden' });
    expect(db.select().from(users).where(eq(users.id, me.id)).get()?.name).toBe('First');
  });

  it('refuses a disabled account and a session older than a password reset', async () => {
    const me = signInAs('owner');
    updateUser(db, me.id, { disabled: true });
    expect(await rename({ id: me.id, name: 'Eve' })).toMatchObject({ ok: false, error: 'auth.signedOut' });
    updateUser(db, me.id, { disabled: false, sessionVersion: me.sessionVersion + 1 });
    expect(await rename({ id: me.id, name: 'Eve' })).toMatchObject({ ok: false, error: 'auth.signedOut' });
    expect(db.select().from(users).where(eq(users.id, me.id)).get()?.name).toBe('owner');
    expect(logs().map((l) => l.result)).toEqual(['refused', 'refused']);
  });

  it('answers a signed-out caller with auth.signedOut and logs nothing it cannot attribute', async () => {
    const result = await rename({ id: 1, name: 'Anon' });
    expect(result).toEqual({ ok: false, error: 'auth.signedOut' });
    expect(logs()).toHaveLength(0);
  });

  it('refuses input the schema rejects with field errors, before the body runs, and writes nothing', async () => {
    const me = signInAs('operator');
    const result = await rename({ id: me.id, name: ' x ' });
    expect(result).toEqual({ ok: false, error: 'validation.fixFields', fieldErrors: { name: 'validation.tooShort' } });
    expect(db.select().from(users).where(eq(users.id, me.id)).get()?.name).toBe('operator');
    expect(logs()).toHaveLength(0);
  });

  it('passes an ActionError to the form as its field and parameters, and logs it as an error', async () => {
    const me = signInAs('operator');
    const result = await rename({ id: me.id, name: 'taken' });
    expect(result).toEqual({ ok: false, error: 'staff.nameTaken', params: { name: 'taken' }, fieldErrors: { name: 'staff.nameTaken' } });
    expect(logs()[0]).toMatchObject({ result: 'error', detail: 'staff.nameTaken' });
  });

  it('hides an unexpected failure behind errors.unexpected but keeps its message in the log', async () => {
    const me = signInAs('operator');
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await rename({ id: me.id, name: 'crash' });
    expect(result).toEqual({ ok: false, error: 'errors.unexpected' });
    expect(logs()[0]).toMatchObject({ result: 'error', detail: 'disk full' });
  });
});

describe('the guard', () => {
  it('authorize() answers the current row, throwing 401 without a live session and 403 when the role falls short', async () => {
    await expect(authorize('viewer')).rejects.toMatchObject({ status: 401, message: 'auth.signedOut' });
    const me = signInAs('operator');
    await expect(authorize('operator')).resolves.toMatchObject({ id: me.id, role: 'operator' });
    await expect(authorize('owner')).rejects.toMatchObject({ status: 403, message: 'auth.forbidden' });
  });

  it('refuses an idle session even if the account is fine', async () => {
    signInAs('owner');
    session.current = { ...session.current!, la: now() - 31 * 60 };
    await expect(authorize('viewer')).rejects.toMatchObject({ status: 401 });
  });

  it('requireUser() redirects pages instead of throwing an AuthError', async () => {
    await expect(requireUser()).rejects.toThrow('redirect /login');
    signInAs('viewer');
    await expect(requireUser('operator')).rejects.toThrow('redirect /dashboard?denied=1');
    await expect(requireUser('viewer')).resolves.toMatchObject({ role: 'viewer' });
  });

  it('withRole() answers 401/403 JSON without running the handler', async () => {
    const handler = vi.fn(async () => new Response('secret'));
    const route = withRole('operator', handler);
    expect((await route()).status).toBe(401);
    signInAs('viewer');
    const refused = await route();
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: 'auth.forbidden' });
    expect(handler).not.toHaveBeenCalled();
    signInAs('operator', 'op2@example.com');
    expect(await (await route()).text()).toBe('secret');
  });
});
