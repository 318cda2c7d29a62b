// The bad-input corpus: hostile values (oversized, wrong types, control characters, unicode tricks, path traversal,
// formula prefixes, prototype keys, duplicated parameters) through every form schema, every server action (as an
// owner, past the role check) and every public endpoint. No call may throw or answer 5xx, and nothing refused may
// leave a partial write.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findServerActions, snapshot } from './harness';

const env = await vi.hoisted(async () => {
  const [{ default: nodeFs }, { default: nodePath }, { default: nodeOs }] = await Promise.all([import('node:fs'), import('node:path'), import('node:os')]);
  const dir = nodeFs.mkdtempSync(nodePath.join(nodeOs.tmpdir(), 'tinyapp-corpus-'));
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

const HOSTILE: unknown[] = [
  '',
  ' ',
  'a'.repeat(100_000),
  '\u0000',
  'abc\u0000def',
  '\u0007\u001b[31m',
  '\r\n\r\nX-Injected: 1',
  '\u202Egnp.exe',
  '\u200B\u200D\uFEFF',
  'ｅｘａｍｐｌｅ＠ｅｘａｍｐｌｅ．ｃｏｍ',
  'e\u0301'.repeat(2000),
  '😀'.repeat(500),
  '\uD800',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2f',
  '=HYPERLINK("http://evil.test")',
  '+1+1',
  '-2+3',
  '@SUM(A1)',
  '\t=1+1',
  '\r=1+1',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '{{constructor.constructor("return process")()}}',
  '__proto__',
  null,
  true,
  -1,
  0,
  1e308,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 53 + 1,
  [],
  ['a', 'a'],
  {},
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__": {"polluted": true}}'),
  [[[[[[[[[[]]]]]]]]]],
];

/** Every zod object schema the forms share with their actions. */
async function formSchemas(): Promise<[string, z.ZodObject][]> {
  const files = [...fs.readdirSync(path.resolve('lib/validation')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => `@/lib/validation/${f.replace(/\.ts$/, '')}`), '@/lib/sandbox/control-page/schemas'];
  const out: [string, z.ZodObject][] = [];
  for (const file of files) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) if (value instanceof z.ZodObject) out.push([`${file}#${name}`, value]);
  }
  return out;
}

let ownerId = 0;
let consoleDb: Database.Database;
const state = () => {
  const file = path.join(env.dir, 'sandbox.db');
  let sandbox = '';
  if (fs.existsSync(file)) {
    const db = new Database(file, { readonly: true });
    sandbox = snapshot(db, ['requests']);
    db.close();
  }
  // Like the operation log, a sync's record of its own failed attempt (shown on /templates) is not a partial write.
  return snapshot(consoleDb, ['operation_logs', 'template_syncs']) + sandbox;
};

beforeAll(async () => {
  const { getDb, getSqlite } = await import('@/db');
  const { insertUser } = await import('@/lib/staff/data');
  const { insertMerchant } = await import('@/lib/merchants/data');
  ownerId = insertUser(getDb(), { email: 'owner@corpus.test', name: 'o', role: 'owner', passwordHash: 'x' }).id;
  insertMerchant(getDb(), { name: '语料商家', contactName: '甲', mobile: '13900000002', industry: 'retail' });
  consoleDb = getSqlite();
  // The sandbox creates its file on first use: done here so that first use is not counted as a write.
  (await import('@/lib/sandbox')).getSandbox();
}, 60_000);

afterAll(() => {
  fs.rmSync(env.dir, { recursive: true, force: true });
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe('every form schema', () => {
  it('parses each hostile value in each field without throwing', async () => {
    const schemas = await formSchemas();
    expect(schemas.length).toBeGreaterThan(20);
    let parses = 0;
    for (const [name, schema] of schemas) {
      for (const key of Object.keys(schema.shape)) {
        for (const value of HOSTILE) {
          expect(() => schema.safeParse({ [key]: value }), `${name}.${key}`).not.toThrow();
          parses++;
        }
      }
      for (const value of HOSTILE) expect(() => schema.safeParse(value), name).not.toThrow();
    }
    expect(parses).toBeGreaterThan(1000);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses formula prefixes, control characters and oversize where text becomes a merchant, and passwords past 72 bytes', async () => {
    const { merchantSchema } = (await import('@/lib/validation/merchants')) as unknown as { merchantSchema?: z.ZodType };
    const { newStaffSchema, signInSchema } = await import('@/lib/validation/auth');
    if (merchantSchema) {
      const ok = { name: '安全商家', contactName: '王', mobile: '13800000000', industry: 'retail', email: '', address: '', remarks: '' };
      expect(merchantSchema.safeParse(ok).success).toBe(true);
      expect(merchantSchema.safeParse({ ...ok, name: 'a'.repeat(100_000) }).success).toBe(false);
    }
    expect(newStaffSchema.safeParse({ email: 'a@b.test', name: 'n', role: 'viewer', password: `${'密'.repeat(24)}a1` }).success).toBe(false);
    expect(newStaffSchema.safeParse({ email: 'a@b.test', name: 'n', role: 'viewer', password: `${'a'.repeat(70)}1` }).success).toBe(true);
    expect(signInSchema.safeParse({ email: 'a@b.test', password: 'x'.repeat(73) }).success).toBe(false);
  });
});

describe.each(findServerActions().map((a) => [a.id, a] as const))('server action %s, as an owner', (id, action) => {
  it('answers every hostile payload without throwing, and a refusal writes nothing', async () => {
    const now = Math.floor(Date.now() / 1000);
    env.session = { uid: ownerId, sv: 0, at: now, la: now };
    const mod = (await import(action.file)) as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const keys = ['id', 'ids', 'merchantId', 'batchId', 'appId', 'authAppId', 'appVersion', 'name', 'email', 'csv', 'password', 'templateId', 'ext', 'userId', 'role', 'version', 'logonId', 'notifyUrl', 'miniApps', 'items'];
    for (const value of HOSTILE) {
      const payload = Object.fromEntries(keys.map((k) => [k, value]));
      for (const input of [payload, value]) {
        const before = state();
        let result: unknown;
        try {
          result = await mod[action.name](input, input);
        } catch (e) {
          const digest = (e as { digest?: string }).digest;
          if (digest === 'NEXT_REDIRECT' || digest === 'NEXT_NOT_FOUND') continue;
          throw new Error(`${id} threw on ${JSON.stringify(input)?.slice(0, 80)}: ${(e as Error).message}`);
        }
        const r = result as { ok?: boolean; error?: string } | undefined;
        expect(r?.error, `${id}: unexpected error on ${JSON.stringify(input)?.slice(0, 80)}`).not.toBe('errors.unexpected');
        if (r && r.ok === false) expect(state() === before, `${id} wrote data while refusing ${JSON.stringify(input)?.slice(0, 80)}`).toBe(true);
      }
    }
  }, 120_000);
});

describe('the public endpoints', () => {
  const strings = HOSTILE.filter((v): v is string => typeof v === 'string' && v.length < 5000);
  // A lone surrogate cannot travel in a URL or form: the client's encoder refuses it before any request is made.
  const enc = (s: string) => encodeURIComponent(s.toWellFormed());

  it('the notification gateway: hostile, duplicated and oversized forms get `fail`, never 5xx, never a row', async () => {
    const { POST } = await import('@/app/api/alipay/notify/route');
    const before = state();
    const bodies = [
      ...strings.map((s) => `notify_id=${enc(s)}&sign=${enc(s)}&notify_type=${enc(s)}`),
      'notify_id=1&notify_id=2&sign=x',
      'sign=a&sign=b',
      `biz_content=${'x'.repeat(70 * 1024)}`,
      '%%%%',
      '&&&&==',
    ];
    for (const body of bodies) {
      const response = await POST(new Request('http://127.0.0.1:9/api/alipay/notify', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }));
      expect(response.status, body.slice(0, 60)).toBeLessThan(500);
      expect(await response.text()).toBe('fail');
    }
    for (const type of ['text/plain', 'application/json', 'multipart/form-data; boundary=x', '']) {
      const response = await POST(new Request('http://127.0.0.1:9/api/alipay/notify', { method: 'POST', headers: { 'content-type': type }, body: 'a=b' }));
      expect(response.status).toBeLessThan(500);
    }
    expect(state() === before).toBe(true);
  });

  it('the authorization callback and start: hostile states, codes and tokens end on a page, never 5xx, never an authorization', async () => {
    const { GET: callback } = await import('@/app/api/alipay/callback/route');
    const { GET: start } = await import('@/app/authorize/[token]/start/route');
    const before = state();
    for (const s of strings) {
      const w = s.toWellFormed();
      const q = new URLSearchParams([
        ['state', w],
        ['state', 'second'],
        ['app_auth_code', w],
        ['app_id', w],
      ]);
      const response = await callback(new Request(`http://127.0.0.1:9/api/alipay/callback?${q}`));
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1:9\/authorize\/result\?r=/);
      const started = await start(new Request('http://127.0.0.1:9/authorize/x/start'), { params: Promise.resolve({ token: s }) });
      expect(started.status).toBe(303);
      expect(started.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1:9\/authorize\//);
    }
    // Only the operation log records the refused callbacks.
    expect(state() === before).toBe(true);
  });

  it('the sandbox gateway and images: hostile requests are answered, never 5xx', async () => {
    const { POST: gateway } = await import('@/app/sandbox/gateway.do/route');
    const { GET: image } = await import('@/app/sandbox/qr/[...path]/route');
    for (const s of strings) {
      const body = new URLSearchParams([
        ['method', s],
        ['method', 'alipay.open.mini.version.list.query'],
        ['app_id', s],
        ['biz_content', s],
        ['sign', s],
      ]);
      const response = await gateway(new Request('http://127.0.0.1:9/sandbox/gateway.do', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }));
      expect(response.status, s.slice(0, 40)).toBeLessThan(500);
      const img = await image(new Request(`http://127.0.0.1:9/sandbox/qr/x?${new URLSearchParams({ s })}`), { params: Promise.resolve({ path: [s, '..', s] }) });
      expect(img.status, s.slice(0, 40)).toBeLessThan(500);
    }
  });

  it('the sandbox merchant pages (public actions): hostile sign-ins and consents are refused without a write', async () => {
    const mod = await import('@/app/sandbox/openauth/oauth2/appToAppBatchAuth.htm/actions');
    for (const value of HOSTILE) {
      const before = state();
      for (const fn of [mod.signInMerchant, mod.signUpMerchant] as ((i: unknown) => Promise<{ ok: boolean }>)[]) {
        const r = await fn({ logonId: value, password: value, name: value, miniApps: value });
        expect(r.ok).toBe(false);
      }
      const c = await (mod.confirmAuthorization as (a: unknown, b: unknown) => Promise<{ ok: boolean }>)(
        { app_id: value, redirect_uri: value, state: value, application_type: value },
        { appIds: value },
      );
      expect(c.ok).toBe(false);
      expect(state() === before).toBe(true);
    }
  });
});
