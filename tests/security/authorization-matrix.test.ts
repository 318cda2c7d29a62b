// The authorization matrix: every exported server action and every route handler, found in the source (a new one is
// covered without editing this file), called as a signed-out visitor, a viewer, an operator and an owner. Signed-out
// calls are refused (except the few public surfaces listed below); a viewer reaches only the reads and personal
// actions listed below; roles are monotonic; and no refusal writes anything but its operation-log line.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findRouteHandlers, findServerActions, snapshot, type Who } from './harness';

const env = await vi.hoisted(async () => {
  const [{ default: nodeFs }, { default: nodePath }, { default: nodeOs }] = await Promise.all([import('node:fs'), import('node:path'), import('node:os')]);
  const dir = nodeFs.mkdtempSync(nodePath.join(nodeOs.tmpdir(), 'tinyapp-matrix-'));
  process.env.DATA_DIR = dir;
  process.env.APP_URL = 'http://127.0.0.1:9';
  process.env.ALIPAY_MODE = 'sandbox';
  process.env.ALIPAY_TIMEOUT_MS = '300';
  delete process.env.ADMIN_EMAIL;
  delete process.env.ADMIN_PASSWORD;
  return { dir, session: null as null | { uid: number; sv: number; at: number; la: number } };
});

vi.mock('next-auth', () => ({ getServerSession: vi.fn(async () => env.session), default: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn(), unstable_cache: (fn: unknown) => fn }));
vi.mock('next/navigation', () => ({
  redirect: vi.fn((to: string) => {
    throw Object.assign(new Error(`NEXT_REDIRECT ${to}`), { digest: 'NEXT_REDIRECT' });
  }),
  notFound: vi.fn(() => {
    throw Object.assign(new Error('NEXT_NOT_FOUND'), { digest: 'NEXT_NOT_FOUND' });
  }),
}));
vi.mock('next/headers', () => {
  const jar = new Map<string, string>();
  return {
    cookies: vi.fn(async () => ({
      get: (n: string) => (jar.has(n) ? { name: n, value: jar.get(n)! } : undefined),
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      has: (n: string) => jar.has(n),
      set: (n: string, v: string) => void jar.set(n, v),
      delete: (n: string) => void jar.delete(n),
    })),
    headers: vi.fn(async () => new Headers({ host: '127.0.0.1:9' })),
  };
});

/** Reachable without a staff session by design; each still validates and must not fail or write on junk. */
const PUBLIC_ACTIONS = new Set([
  'app/actions/locale.ts#setLocale',
  'app/sandbox/openauth/oauth2/appToAppBatchAuth.htm/actions.ts#signInMerchant',
  'app/sandbox/openauth/oauth2/appToAppBatchAuth.htm/actions.ts#signUpMerchant',
  'app/sandbox/openauth/oauth2/appToAppBatchAuth.htm/actions.ts#signOutMerchant',
  'app/sandbox/openauth/oauth2/appToAppBatchAuth.htm/actions.ts#confirmAuthorization',
  'app/sandbox/openauth/oauth2/appToAppBatchAuth.htm/actions.ts#refuseAuthorization',
]);
const PUBLIC_ROUTES = new Set([
  'GET /api/alipay/callback',
  'POST /api/alipay/notify',
  'GET /authorize/[token]/start',
  'GET /sandbox/gateway.do',
  'POST /sandbox/gateway.do',
  'GET /sandbox/qr/[...path]',
]);
/** next-auth's own endpoints (sign-in, sign-out, session), tested through the sign-in rules. */
const SKIPPED_ROUTES = new Set(['GET /api/auth/[...nextauth]', 'POST /api/auth/[...nextauth]']);

/** Viewers read; these are the reads (and a viewer's own read state) they may reach. Anything else must refuse them. */
const VIEWER_ACTIONS = new Set([
  'app/(console)/messages/actions.ts#markMessagesRead',
  'app/(console)/messages/actions.ts#markAllMessagesRead',
  'app/(console)/mini-apps/actions.ts#refreshVersions',
  'app/(console)/mini-apps/actions.ts#pollBuild',
  'app/(console)/mini-apps/actions.ts#loadAuditContext',
  'app/(console)/mini-apps/actions.ts#loadCategoryRequirements',
  'app/(console)/analytics/actions.ts#refreshFigures',
  'app/(console)/merchants/[id]/actions.ts#refreshMiniAppSnapshot',
]);
const VIEWER_ROUTES = new Set([
  'GET /api/batches/[id]/export',
  'GET /api/batches/[id]/codes',
  'GET /api/codes/[id]/[kind]',
  'GET /api/merchants/export',
  'GET /api/merchants/import-template',
  'GET /api/messages/unread',
  'GET /api/operation-log/export',
]);
/** Owner-only (staff and settings); everything else an operator may do. */
const OWNER_ACTIONS = new Set([
  'app/(console)/staff/actions.ts#addStaff',
  'app/(console)/staff/actions.ts#changeStaffRole',
  'app/(console)/staff/actions.ts#setStaffDisabled',
  'app/(console)/staff/actions.ts#resetStaffPassword',
]);

const JUNK = { '': null, __proto__x: 1, id: 'x', ids: 'nope', batchId: -1, merchantId: 'DROP TABLE', appId: '../../etc/passwd' };

const ROLES = ['viewer', 'operator', 'owner'] as const;
const users: Record<(typeof ROLES)[number], number> = { viewer: 0, operator: 0, owner: 0 };

function signInAs(who: Who): void {
  const now = Math.floor(Date.now() / 1000);
  env.session = who === 'signed-out' ? null : { uid: users[who], sv: 0, at: now, la: now };
}

let consoleDb: Database.Database;
function sandboxSnapshot(): string {
  const file = path.join(env.dir, 'sandbox.db');
  if (!fs.existsSync(file)) return '';
  const db = new Database(file, { readonly: true });
  try {
    return snapshot(db, ['requests', 'sandbox_requests']);
  } finally {
    db.close();
  }
}
const state = () => snapshot(consoleDb) + sandboxSnapshot();

type Outcome = { kind: 'refused-auth' | 'refused-role' | 'answered'; detail: string };

async function callAction(file: string, name: string): Promise<Outcome> {
  const mod = (await import(file)) as Record<string, (...a: unknown[]) => Promise<unknown>>;
  let result: unknown;
  try {
    result = await mod[name](JUNK, JUNK);
  } catch (e) {
    const digest = (e as { digest?: string }).digest;
    if (digest === 'NEXT_REDIRECT' || digest === 'NEXT_NOT_FOUND') return { kind: 'answered', detail: digest };
    throw new Error(`${name} threw: ${(e as Error).message}`);
  }
  const r = result as { ok?: boolean; error?: string } | undefined;
  if (r && r.ok === false && r.error === 'auth.signedOut') return { kind: 'refused-auth', detail: r.error };
  if (r && r.ok === false && r.error === 'auth.forbidden') return { kind: 'refused-role', detail: r.error };
  return { kind: 'answered', detail: JSON.stringify(r)?.slice(0, 120) ?? 'undefined' };
}

async function callRoute(route: ReturnType<typeof findRouteHandlers>[number]): Promise<Outcome> {
  const mod = (await import(route.file)) as Record<string, (req: Request, ctx: unknown) => Promise<Response>>;
  const init: RequestInit = { method: route.method, headers: { 'content-type': 'application/json' } };
  if (route.method !== 'GET') init.body = JSON.stringify(JUNK);
  const response = await mod[route.method](new Request(`http://127.0.0.1:9${route.samplePath}`, init), { params: Promise.resolve(route.params) });
  if (response.status >= 500) throw new Error(`${route.id} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  if (response.status === 401) return { kind: 'refused-auth', detail: '401' };
  if (response.status === 403) return { kind: 'refused-role', detail: '403' };
  return { kind: 'answered', detail: String(response.status) };
}

const actions = findServerActions();
const routes = findRouteHandlers().filter((r) => !SKIPPED_ROUTES.has(r.id));

beforeAll(async () => {
  const { getDb, getSqlite } = await import('@/db');
  const { insertUser } = await import('@/lib/staff/data');
  const { insertMerchant } = await import('@/lib/merchants/data');
  const db = getDb();
  for (const role of ROLES) users[role] = insertUser(db, { email: `${role}@matrix.test`, name: role, role, passwordHash: 'x' }).id;
  insertMerchant(db, { name: '矩阵商家', contactName: '甲', mobile: '13900000001', industry: 'retail' });
  consoleDb = getSqlite();
}, 60_000);

afterAll(() => fs.rmSync(env.dir, { recursive: true, force: true }));

describe('the authorization matrix finds', () => {
  it('the server actions and route handlers in the code', () => {
    expect(actions.length).toBeGreaterThan(40);
    expect(routes.length).toBeGreaterThan(8);
    // Every listed exception still exists: a stale list would silently stop covering something.
    for (const id of [...PUBLIC_ACTIONS, ...VIEWER_ACTIONS, ...OWNER_ACTIONS]) expect(actions.map((a) => a.id), id).toContain(id);
    for (const id of [...PUBLIC_ROUTES, ...VIEWER_ROUTES]) expect(routes.map((r) => r.id), id).toContain(id);
  });
});

describe.each(actions.map((a) => [a.id, a] as const))('server action %s', (id, action) => {
  const isPublic = PUBLIC_ACTIONS.has(id);
  const expected = (who: Who): Outcome['kind'] => {
    if (isPublic) return 'answered';
    if (who === 'signed-out') return 'refused-auth';
    if (who === 'viewer') return VIEWER_ACTIONS.has(id) ? 'answered' : 'refused-role';
    if (who === 'operator') return OWNER_ACTIONS.has(id) ? 'refused-role' : 'answered';
    return 'answered';
  };
  it.each(['signed-out', ...ROLES] as Who[])('as %s', async (who) => {
    signInAs(who);
    const before = state();
    const outcome = await callAction(action.file, action.name);
    expect(outcome.kind, `${id} as ${who}: ${outcome.detail}`).toBe(expected(who));
    // A refusal (and junk input) changes nothing but the operation log.
    if (outcome.kind !== 'answered' || isPublic) expect(state() === before, `${id} as ${who} wrote data`).toBe(true);
  });
});

describe.each(routes.map((r) => [r.id, r] as const))('route handler %s', (id, route) => {
  const isPublic = PUBLIC_ROUTES.has(id);
  const expected = (who: Who): Outcome['kind'] => {
    if (isPublic) return 'answered';
    if (who === 'signed-out') return 'refused-auth';
    if (who === 'viewer') return VIEWER_ROUTES.has(id) ? 'answered' : 'refused-role';
    return 'answered';
  };
  it.each(['signed-out', ...ROLES] as Who[])('as %s', async (who) => {
    signInAs(who);
    const before = state();
    const outcome = await callRoute(route);
    expect(outcome.kind, `${id} as ${who}: ${outcome.detail}`).toBe(expected(who));
    if (outcome.kind !== 'answered') expect(state() === before, `${id} as ${who} wrote data`).toBe(true);
  });
});

describe('a session that is not live', () => {
  it('is refused like no session: disabled account, old session version, idle', async () => {
    const { updateUser } = await import('@/lib/staff/data');
    const { getDb } = await import('@/db');
    const file = actions.find((a) => a.id.endsWith('#addMerchant'))!;
    const now = Math.floor(Date.now() / 1000);
    env.session = { uid: users.owner, sv: 0, at: now, la: now - 31 * 60 };
    expect((await callAction(file.file, file.name)).kind).toBe('refused-auth');
    env.session = { uid: users.owner, sv: 1, at: now, la: now };
    expect((await callAction(file.file, file.name)).kind).toBe('refused-auth');
    updateUser(getDb(), users.operator, { disabled: true });
    env.session = { uid: users.operator, sv: 0, at: now, la: now };
    expect((await callAction(file.file, file.name)).kind).toBe('refused-auth');
    updateUser(getDb(), users.operator, { disabled: false });
  });
});
