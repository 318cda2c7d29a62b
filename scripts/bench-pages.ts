// `npm run bench:pages [-- --merchants 10000 --port 3190 --requests 40 --dist .next --data-dir DIR]`: seeds a
// fleet (N merchants with a mini-program each, 10 versions per mini-program, 50 operation-log rows per merchant,
// batches, inbox messages, 30 days of data-analysis figures when those tables exist, and a few merchants really
// authorized in the sandbox for the merchant tabs), starts the production build (`npm run build` first), signs in
// and measures every console page:
//   - p50 / p95 of the whole HTML document at 1 and 8 concurrent signed-in clients, and each page's p95 ÷ the
//     floor's p95 at the same concurrency (the floor: a trivial page behind the same sign-in and shell,
//     app/(console)/bench-floor). The floor is measured before the pages, between every few pages and after them,
//     and its median p95 is taken, so load from elsewhere on the machine weighs on both sides alike;
//   - the server's CPU time per request of the page;
//   - first-load JavaScript as Chromium receives it (the encoded, i.e. gzip, bodies of every script a fresh
//     browser loads for the page until the network is idle), and the HTML document's size;
//   - the server's peak memory (the largest resident set of its processes over the whole run).
// Targets: every page ≤ 2 × the floor at 8 clients, none over 350 kB of first-load JS, memory < 512 MB.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    merchants: { type: 'string', default: '10000' },
    port: { type: 'string', default: '3190' },
    /** Requests per page and concurrency level (as many again go to the floor, interleaved). */
    requests: { type: 'string', default: '40' },
    /** The build folder to serve (NEXT_DIST_DIR). */
    dist: { type: 'string', default: process.env.NEXT_DIST_DIR ?? '.next' },
    /** Reuse a seeded DATA_DIR (seeding is skipped when it already holds console.db). */
    'data-dir': { type: 'string' },
    /** Only pages whose label contains this. */
    only: { type: 'string' },
    'skip-js': { type: 'boolean', default: false },
    /** Print every page's scripts with their encoded sizes (to find what a page's first-load JS is made of). */
    scripts: { type: 'boolean', default: false },
    /** Screenshots of every page, in Chinese and in English, into this directory (nothing is measured). */
    shots: { type: 'string' },
    /** Seed the data directory and stop (e.g. while the build runs). */
    'seed-only': { type: 'boolean', default: false },
  },
});

const N = Number(args.merchants);
const PORT = Number(args.port);
const REQUESTS = Number(args.requests);
const CONCURRENCY = [1, 8];
const TARGET_RATIO = 2;
const TARGET_JS_KB = 350;
const TARGET_MEMORY_MB = 512;
/** Merchants authorized in the sandbox for real: the merchant tabs call the platform for them. */
const REAL_MERCHANTS = 3;
const VERSIONS_PER_APP = 10;
const LOG_ROWS_PER_MERCHANT = 50;
const DAYS = 30;

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dataDir = args['data-dir'] ? path.resolve(args['data-dir']) : fs.mkdtempSync(path.join(os.tmpdir(), 'tinyapp-bench-pages-'));
const seeded = fs.existsSync(path.join(dataDir, 'console.db'));
const OWNER = { email: 'bench-owner@example.com', password: 'bench-owner-Passw0rd!' };
const appUrl = `http://127.0.0.1:${PORT}`;

Object.assign(process.env, { DATA_DIR: dataDir, ALIPAY_MODE: 'sandbox', APP_URL: appUrl, ADMIN_EMAIL: OWNER.email, ADMIN_PASSWORD: OWNER.password });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const padEnd = (s: string | number, n: number) => String(s).padEnd(n);

// ── Seeding ──────────────────────────────────────────────────────────────────────────────────────────────────────

interface Fixture {
  realMerchantId: number;
  realAppId: string;
  templateId: string;
  batchId: number;
  searchTerm: string;
}

async function seed(): Promise<Fixture> {
  const { createSandbox } = await import('@/lib/sandbox');
  const { serveSandbox } = await import('@/lib/sandbox/testing/serve');
  // The sandbox is served here only while seeding (the token exchange goes through its gateway); the server
  // started below serves the same sandbox files itself.
  const sandbox = createSandbox({ dataDir, appUrl });
  const served = await serveSandbox(sandbox);
  process.env.APP_URL = served.url;
  const { openConsoleDb } = await import('@/db');
  const { merchantApps } = await import('@/db/schema');
  const { exchangeAuthCode } = await import('@/lib/alipay/auth');
  const { createAlipayClient } = await import('@/lib/alipay/client');
  const { loadAlipaySettings } = await import('@/lib/alipay/settings');
  const { getConfig } = await import('@/lib/config');
  const { getTokenCipher, sealIssuedToken } = await import('@/lib/authorization/tokens');
  const { insertMerchant } = await import('@/lib/merchants/data');
  const { seedMerchants } = await import('@/lib/merchants/seed');

  const { db, sqlite } = openConsoleDb(path.join(dataDir, 'console.db'));
  const client = createAlipayClient(loadAlipaySettings(getConfig()));
  const cipher = getTokenCipher();
  const started = Date.now();

  // Two templates on the platform, the first with three versions on shelf (the server syncs them at start).
  const template = sandbox.control.createTemplate({ name: '基准点单模板' });
  for (const version of ['1.0.0', '1.1.0', '1.2.0']) sandbox.control.addTemplateVersion({ templateId: template.templateId, version, onShelf: true });
  const other = sandbox.control.createTemplate({ name: '基准会员模板' });
  sandbox.control.addTemplateVersion({ templateId: other.templateId, version: '0.1.0', onShelf: true });

  let realMerchantId = 0;
  let realAppId = '';
  for (let i = 0; i < REAL_MERCHANTS; i++) {
    const name = `基准真实${i}`;
    const account = sandbox.control.createMerchantAccount({ miniApps: [{ name }] });
    const appId = account.miniApps[0].appId;
    const { appAuthCode } = sandbox.control.authorize({ userId: account.userId, appIds: [appId], redirectUri: 'http://console.test/cb' });
    const [token] = (await exchangeAuthCode({ code: appAuthCode }, client)).tokens;
    const merchant = insertMerchant(db, { name: `基准授权商户${i}`, contactName: '王经理', mobile: `137${String(i).padStart(8, '0')}`, industry: 'retail', authStatus: 'authorized' });
    const now = new Date();
    db.insert(merchantApps)
      .values({ merchantId: merchant.id, authAppId: appId, userId: account.userId, appName: name, status: 'authorized', authorizedAt: now, ...sealIssuedToken(cipher, token, now) })
      .run();
    realMerchantId ||= merchant.id;
    realAppId ||= appId;
  }
  await served.close();
  sandbox.close();
  process.env.APP_URL = appUrl;

  seedMerchants(db, N);
  const merchantRows = sqlite.prepare(`SELECT id, name FROM merchants WHERE id NOT IN (SELECT merchant_id FROM merchant_apps) ORDER BY id`).all() as { id: number; name: string }[];
  const now = Date.now();
  const DAY = 86_400_000;
  const HOUR = 3_600_000;
  const insertApp = sqlite.prepare(
    `INSERT INTO merchant_apps (merchant_id, auth_app_id, app_name, status, authorized_at, token_expires_at, refresh_expires_at, last_checked_at, last_check_result)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'valid')`,
  );
  const insertVersion = sqlite.prepare(
    `INSERT INTO mini_app_versions (merchant_app_id, auth_app_id, app_version, status, build_status, template_id, template_version, gray_strategy, reject_reason, gmt_create, gmt_apply_audit, gmt_online, created_at)
     VALUES (?, ?, ?, ?, 'success', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertLog = sqlite.prepare(
    `INSERT INTO operation_logs (created_at, actor_email, action, target_type, target_id, input, result, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const ACTIONS = ['merchant.update', 'version.upload', 'version.submitAudit', 'version.gray', 'version.online', 'profile.update', 'batch.start', 'merchant.export'];
  const templateVersions = ['1.0.0', '1.1.0', '1.2.0'];
  const appIds: { id: number; authAppId: string; online: boolean }[] = [];
  sqlite.transaction(() => {
    merchantRows.forEach((m, i) => {
      // 90 % authorized, the rest cancelled or invalid.
      const status = i % 20 === 0 ? 'cancelled' : i % 20 === 1 ? 'invalid' : 'authorized';
      const authAppId = `2021${String(900_000_000_000 + i).padStart(12, '0')}`;
      const id = Number(insertApp.run(m.id, authAppId, `${m.name}小程序`, status, now - 60 * DAY, now + 300 * DAY, now + 600 * DAY, now).lastInsertRowid);
      // Versions 1.0.0 … 1.0.9: the older ones offline, the newest few in the states a fleet shows.
      const shape = i % 10;
      for (let v = 0; v < VERSIONS_PER_APP; v++) {
        const last = v === VERSIONS_PER_APP - 1;
        const secondLast = v === VERSIONS_PER_APP - 2;
        let versionStatus = 'OFFLINE';
        if (secondLast) versionStatus = shape === 9 ? 'INIT' : 'RELEASE';
        if (last) versionStatus = ['INIT', 'AUDITING', 'AUDITING', 'AUDIT_REJECT', 'GRAY', 'WAIT_RELEASE', 'RELEASE', 'RELEASE', 'RELEASE', 'INIT'][shape];
        const tv = templateVersions[Math.min(2, Math.floor(v / 4))];
        const at = now - (VERSIONS_PER_APP - v) * 7 * DAY;
        insertVersion.run(
          id,
          authAppId,
          `1.0.${v}`,
          versionStatus,
          template.templateId,
          i % 50 === 0 ? null : tv,
          versionStatus === 'GRAY' ? 'p30' : null,
          versionStatus === 'AUDIT_REJECT' ? '小程序名称与主体不符' : null,
          at,
          versionStatus === 'AUDITING' ? now - ((i % 72) + 1) * HOUR : null,
          versionStatus === 'RELEASE' ? at : null,
          at,
        );
      }
      appIds.push({ id, authAppId, online: shape !== 9 });
      for (let l = 0; l < LOG_ROWS_PER_MERCHANT; l++) {
        const action = ACTIONS[(i + l) % ACTIONS.length];
        insertLog.run(now - ((i * LOG_ROWS_PER_MERCHANT + l) % (90 * 24)) * HOUR, 'operator@example.com', action, 'merchant', String(m.id), JSON.stringify({ merchantId: m.id, n: l }), l % 17 ? 'ok' : 'error', null);
      }
    });
  })();

  // Batches: 40 finished instantiate batches of 250 items, plus the inbox.
  const insertBatch = sqlite.prepare(
    `INSERT INTO batches (operation, params, status, created_by_email, total, succeeded, failed, created_at, finished_at) VALUES ('instantiate', ?, 'finished', 'operator@example.com', ?, ?, ?, ?, ?)`,
  );
  const insertItem = sqlite.prepare(
    `INSERT INTO batch_items (batch_id, merchant_id, merchant_app_id, auth_app_id, merchant_name, idempotency_key, steps, step, state, app_version, message, finished_at)
     VALUES (?, NULL, ?, ?, ?, ?, '["upload","build"]', 'build', ?, '1.0.9', ?, ?)`,
  );
  const insertMessage = sqlite.prepare(`INSERT INTO messages (type, title, body, created_at) VALUES (?, ?, ?, ?)`);
  let batchId = 0;
  sqlite.transaction(() => {
    for (let b = 0; b < 40; b++) {
      const slice = appIds.slice(b * 250, b * 250 + 250);
      const at = now - (40 - b) * DAY;
      batchId = Number(insertBatch.run(JSON.stringify({ templateId: template.templateId, templateVersion: '1.2.0' }), slice.length, slice.length - 5, 5, at, at + HOUR).lastInsertRowid);
      slice.forEach((a, k) => {
        const failed = k < 5;
        insertItem.run(batchId, a.id, a.authAppId, `商户${a.id}`, `${batchId}:${a.id}:upload`, failed ? 'failed' : 'succeeded', failed ? 'ISV_TOKEN_INVALID' : null, at + HOUR);
      });
    }
    for (let m = 0; m < 2000; m++) insertMessage.run(m % 3 ? 'audit' : 'authorization', `审核结果 #${m}`, '小程序 1.0.9 审核通过', now - m * HOUR);
  })();

  seedOptionalTables(sqlite, appIds, now);
  sqlite.close();
  console.log(`seeded ${merchantRows.length + REAL_MERCHANTS} merchants, ${appIds.length * VERSIONS_PER_APP} versions, ${appIds.length * LOG_ROWS_PER_MERCHANT} log rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const search = merchantRows[Math.floor(merchantRows.length / 2)]?.name.slice(2, 4) ?? '花';
  return { realMerchantId, realAppId, templateId: template.templateId, batchId, searchTerm: search };
}

/**
 * Tables that other parts of the console add (data analysis): seeded when they exist, from their own columns, so
 * the benchmark follows their schema. Per table: which rows to make; each column gets a value by its name and type.
 */
const OPTIONAL_TABLES: Record<string, { perApp: (day: number) => boolean; days: number }> = {
  mini_app_daily_stats: { perApp: () => true, days: DAYS },
};

function seedOptionalTables(sqlite: import('better-sqlite3').Database, apps: { id: number; online: boolean }[], now: number): void {
  for (const [table, plan] of Object.entries(OPTIONAL_TABLES)) {
    const columns = sqlite.prepare(`SELECT name, type, "notnull" AS nn FROM pragma_table_info(?)`).all(table) as { name: string; type: string; nn: number }[];
    if (!columns.length) {
      console.log(`(no ${table} table in this build: skipped)`);
      continue;
    }
    const insert = sqlite.prepare(`INSERT OR IGNORE INTO ${table} (${columns.map((c) => `"${c.name}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    let rows = 0;
    sqlite.transaction(() => {
      for (const app of apps) {
        if (!app.online) continue;
        for (let d = 1; d <= plan.days; d++) {
          if (!plan.perApp(d)) continue;
          const date = new Date(now + 8 * 3_600_000 - d * 86_400_000).toISOString().slice(0, 10);
          const values = columns.map((c) => {
            if (c.name === 'merchant_app_id') return app.id;
            if (c.name.endsWith('_date') || c.name === 'date') return date;
            if (c.name.endsWith('_at')) return now;
            if (/INT|REAL|NUM/i.test(c.type)) return ((app.id * 7919 + d * 104_729) % 5000) + 10;
            return c.nn ? '' : null;
          });
          insert.run(...values);
          rows += 1;
        }
      }
    })();
    console.log(`seeded ${rows} rows into ${table}`);
  }
}

// ── Server ───────────────────────────────────────────────────────────────────────────────────────────────────────

function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const out = [pid];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]) ?? []));
  return out;
}

function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // gone
    }
  }
  return (ticks * 1000) / 100;
}

async function startServer(): Promise<ChildProcess> {
  const server = spawn(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(PORT), '-H', '127.0.0.1'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_DIST_DIR: args.dist,
      TINYAPP_BENCH_FLOOR: '1',
      // The seeded fleet is not on the platform: the worker's platform reads would only add noise to page timings.
      RECONCILE_INTERVAL_MS: String(24 * 3_600_000),
      BACKUP_CRON: 'off',
      SIGN_IN_ADDRESS_LIMIT: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stdout!.on('data', (c: Buffer) => (log += c.toString()));
  server.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error(`server exited (${server.exitCode}):\n${log}`);
    try {
      if ((await fetch(`${appUrl}/login`)).ok) return server;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(`server did not answer within 2 minutes:\n${log}`);
}

// ── Measuring ────────────────────────────────────────────────────────────────────────────────────────────────────

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timeGet(url: string, cookie: string): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const res = await fetch(url, { headers: { cookie, 'accept-encoding': 'gzip' }, redirect: 'manual' });
  await res.arrayBuffer();
  return { ms: performance.now() - started, status: res.status };
}

interface Latency {
  p50: number;
  p95: number;
  cpuPerRequest: number;
  errors: number;
}

/** `REQUESTS` GETs of one page over `concurrency` signed-in clients, and the server's CPU time per request. */
async function measure(server: ChildProcess, url: string, cookies: string[], concurrency: number): Promise<Latency> {
  const times: number[] = [];
  let errors = 0;
  let next = 0;
  const pids = descendants(server.pid!);
  const cpuBefore = cpuMs(pids);
  await Promise.all(
    Array.from({ length: concurrency }, async (_, c) => {
      while (next < REQUESTS) {
        next += 1;
        const r = await timeGet(url, cookies[c % cookies.length]);
        if (r.status !== 200) errors += 1;
        times.push(r.ms);
      }
    }),
  );
  const cpu = cpuMs(pids) - cpuBefore;
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), cpuPerRequest: cpu / REQUESTS, errors };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function main(): Promise<void> {
  let fixture: Fixture;
  const fixtureFile = path.join(dataDir, 'bench-fixture.json');
  if (seeded && fs.existsSync(fixtureFile)) {
    fixture = JSON.parse(fs.readFileSync(fixtureFile, 'utf8')) as Fixture;
    console.log(`reusing ${dataDir}`);
  } else {
    console.log(`seeding ${N} merchants into ${dataDir}…`);
    fixture = await seed();
    fs.writeFileSync(fixtureFile, JSON.stringify(fixture));
  }

  if (args['seed-only']) return;
  if (!fs.existsSync(path.join(root, args.dist, 'BUILD_ID'))) throw new Error(`no production build in ${args.dist}: run \`npm run build\` first`);
  const server = await startServer();
  const memory = { peakKb: 0 };
  const sampler = setInterval(() => {
    const rss = descendants(server.pid!).reduce((s, pid) => s + statusKb(pid, 'VmRSS'), 0);
    memory.peakKb = Math.max(memory.peakKb, rss);
  }, 200);

  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    // Signs in through the sign-in page like a person (one session per client).
    const cookies: string[] = [];
    let storage: Awaited<ReturnType<import('@playwright/test').BrowserContext['storageState']>> | undefined;
    for (let c = 0; c < (args.shots ? 1 : Math.max(...CONCURRENCY)); c++) {
      const context = await browser.newContext({ baseURL: appUrl, locale: 'zh-CN' });
      const page = await context.newPage();
      await page.goto('/login');
      await page.locator('form[data-ready="true"]').waitFor();
      await page.getByLabel(/邮箱|Email/).fill(OWNER.email);
      await page.getByLabel(/密码|Password/).fill(OWNER.password);
      await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
      await page.waitForURL(/\/dashboard/, { timeout: 60_000 });
      storage ??= await context.storageState();
      cookies.push((await context.cookies()).map((k) => `${k.name}=${k.value}`).join('; '));
      await context.close();
    }

    // The server syncs the templates from its sandbox at start; wait for them (the templates pages read them).
    const { default: Database } = await import('better-sqlite3');
    for (let i = 0; i < 60; i++) {
      const db = new Database(path.join(dataDir, 'console.db'), { readonly: true });
      const n = (db.prepare(`SELECT count(*) AS n FROM templates`).get() as { n: number }).n;
      db.close();
      if (n) break;
      await sleep(1000);
    }

    const id = fixture.realMerchantId;
    const pages: { label: string; path: string; optional?: boolean }[] = [
      { label: 'floor (trivial page)', path: '/bench-floor' },
      { label: 'dashboard', path: '/dashboard' },
      { label: 'merchants, first page', path: '/merchants' },
      { label: 'merchants, deep page', path: `/merchants?page=${Math.max(1, Math.floor(N / 20) - 5)}` },
      { label: 'merchants, search', path: `/merchants?q=${encodeURIComponent(fixture.searchTerm)}` },
      { label: 'merchant overview', path: `/merchants/${id}` },
      { label: 'merchant profile', path: `/merchants/${id}/profile` },
      { label: 'merchant versions', path: `/merchants/${id}/versions` },
      { label: 'merchant members', path: `/merchants/${id}/members` },
      { label: 'merchant codes', path: `/merchants/${id}/codes` },
      { label: 'merchant authorization', path: `/merchants/${id}/authorization` },
      { label: 'merchant data analysis', path: `/merchants/${id}/analytics`, optional: true },
      { label: 'drift', path: '/drift' },
      { label: 'drift, behind, deep page', path: '/drift?verdict=behind&page=40' },
      { label: 'drift, stuck in audit', path: '/drift?stuck=1&hours=24' },
      { label: 'templates', path: '/templates' },
      { label: 'template detail', path: `/templates/${fixture.templateId}` },
      { label: 'batches', path: '/batches' },
      { label: 'batch detail (250 items)', path: `/batches/${fixture.batchId}` },
      { label: 'messages', path: '/messages' },
      { label: 'operation log', path: '/operation-log' },
      { label: 'data analysis (fleet)', path: '/analytics', optional: true },
    ].filter((p) => !args.only || p.label.includes(args.only) || p.path === '/bench-floor');

    // Warm every page once (compiles nothing in production, but fills the server's caches as a user would).
    const present: typeof pages = [];
    for (const p of pages) {
      const r = await timeGet(`${appUrl}${p.path}`, cookies[0]);
      if (r.status === 404 && p.optional) {
        console.log(`(${p.path} answers 404 in this build: skipped)`);
        continue;
      }
      if (r.status !== 200) console.warn(`! ${p.path} answered ${r.status}`);
      for (let i = 0; i < 2; i++) await timeGet(`${appUrl}${p.path}`, cookies[0]);
      present.push(p);
    }

    if (args.shots) {
      fs.mkdirSync(args.shots, { recursive: true });
      for (const locale of ['zh-CN', 'en']) {
        const context = await browser.newContext({ baseURL: appUrl, locale, storageState: storage, viewport: { width: 1440, height: 1000 } });
        await context.addCookies([{ name: 'locale', value: locale, url: appUrl }]);
        const page = await context.newPage();
        for (const p of present) {
          await page.goto(p.path, { waitUntil: 'load' });
          await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
          await page.screenshot({ path: path.join(args.shots, `${p.label.replace(/[^a-z0-9]+/gi, '-')}.${locale}.png`), fullPage: true });
        }
        await context.close();
      }
      console.log(`screenshots in ${args.shots}`);
      return;
    }

    // First-load JavaScript and document size, from a fresh browser per page.
    const js = new Map<string, { scriptKb: number; scripts: number; docKb: number; docRawKb: number }>();
    if (!args['skip-js']) {
      for (const p of present) {
        const context = await browser.newContext({ baseURL: appUrl, locale: 'zh-CN', storageState: storage });
        const page = await context.newPage();
        const responses: import('@playwright/test').Response[] = [];
        page.on('response', (r) => responses.push(r));
        const doc = await page.goto(p.path, { waitUntil: 'load' });
        await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
        let scriptBytes = 0;
        let scripts = 0;
        const list: string[] = [];
        for (const r of responses) {
          if (r.request().resourceType() !== 'script') continue;
          const size = (await r.request().sizes()).responseBodySize;
          scriptBytes += size;
          scripts += 1;
          list.push(`${(size / 1024).toFixed(1)} kB ${new URL(r.url()).pathname}`);
        }
        if (args.scripts) console.log(`${p.path}: ${(scriptBytes / 1024).toFixed(0)} kB\n  ${list.join('\n  ')}`);
        const docSizes = doc ? await doc.request().sizes() : { responseBodySize: 0 };
        const docRaw = doc ? (await doc.body()).length : 0;
        js.set(p.path, { scriptKb: scriptBytes / 1024, scripts, docKb: docSizes.responseBodySize / 1024, docRawKb: docRaw / 1024 });
        await context.close();
      }
    }

    const FLOOR = '/bench-floor';
    const floorRuns: Latency[][] = [];
    const measureFloor = async () => {
      const levels: Latency[] = [];
      for (const c of CONCURRENCY) levels.push(await measure(server, `${appUrl}${FLOOR}`, cookies, c));
      floorRuns.push(levels);
      console.log(`  ${padEnd('(floor)', 28)} ${levels.map((x, i) => `${CONCURRENCY[i]}×: p50 ${x.p50.toFixed(0)} ms, p95 ${x.p95.toFixed(0)} ms`).join('; ')}`);
    };
    const measured: { label: string; path: string; levels: Latency[] }[] = [];
    await measureFloor();
    const pagesOnly = present.filter((p) => p.path !== FLOOR);
    for (const [i, p] of pagesOnly.entries()) {
      const levels: Latency[] = [];
      for (const c of CONCURRENCY) levels.push(await measure(server, `${appUrl}${p.path}`, cookies, c));
      measured.push({ label: p.label, path: p.path, levels });
      console.log(`  ${padEnd(p.label, 28)} ${levels.map((x, k) => `${CONCURRENCY[k]}×: p50 ${x.p50.toFixed(0)} ms, p95 ${x.p95.toFixed(0)} ms`).join('; ')}`);
      if ((i + 1) % 5 === 0) await measureFloor();
    }
    await measureFloor();
    clearInterval(sampler);
    const hwm = descendants(server.pid!).reduce((m, pid) => Math.max(m, statusKb(pid, 'VmHWM')), 0);
    const peakMb = Math.max(memory.peakKb, hwm) / 1024;
    // The floor: the median of its runs, level by level.
    const floor: Latency[] = CONCURRENCY.map((_, k) => ({
      p50: median(floorRuns.map((r) => r[k].p50)),
      p95: median(floorRuns.map((r) => r[k].p95)),
      cpuPerRequest: median(floorRuns.map((r) => r[k].cpuPerRequest)),
      errors: floorRuns.reduce((s, r) => s + r[k].errors, 0),
    }));
    const results = [{ label: 'floor (trivial page, median of runs)', path: FLOOR, levels: floor }, ...measured];

    // ── Report ──
    console.log('');
    console.log(`${N} merchants, ${REQUESTS} requests per page and level; floor measured ${floorRuns.length} times; ${os.cpus().length} cores; load average ${os.loadavg()[0].toFixed(1)}`);
    const head = ['page', ...CONCURRENCY.flatMap((c) => [`${c}× p50`, `${c}× p95`, `${c}× ÷ floor`]), `CPU/req`, 'first-load JS (gzip)', 'HTML (gzip / raw)'];
    const shown = (p: string) =>
      p
        .replace(`/merchants/${fixture.realMerchantId}`, '/merchants/:id')
        .replace(`/templates/${fixture.templateId}`, '/templates/:tpl')
        .replace(`/batches/${fixture.batchId}`, '/batches/:id');
    let worstRatio = 0;
    let worstJs = 0;
    console.log(`| ${head.join(' | ')} |`);
    console.log(`|${head.map((_, i) => (i ? '---:' : '---')).join('|')}|`);
    for (const r of results) {
      const j = js.get(r.path);
      const ratios = r.levels.map((l, k) => l.p95 / floor[k].p95);
      if (r.path !== FLOOR) worstRatio = Math.max(worstRatio, ratios[ratios.length - 1]);
      if (j) worstJs = Math.max(worstJs, j.scriptKb);
      const last = r.levels.length - 1;
      const cells = [
        `${r.label} \`${shown(r.path)}\``,
        ...r.levels.flatMap((l, k) => [`${l.p50.toFixed(0)} ms`, `${l.p95.toFixed(0)} ms`, `${k === last ? '**' : ''}${ratios[k].toFixed(2)}${k === last ? '**' : ''}${l.errors ? ` (${l.errors} errors)` : ''}`]),
        `${r.levels[0].cpuPerRequest.toFixed(0)} ms`,
        j ? `${j.scriptKb.toFixed(0)} kB` : '–',
        j ? `${j.docKb.toFixed(0)} / ${j.docRawKb.toFixed(0)} kB` : '–',
      ];
      console.log(`| ${cells.join(' | ')} |`);
    }
    console.log('');
    console.log(`floor p95 per run: ${floorRuns.map((r) => r.map((l) => l.p95.toFixed(0)).join('/')).join(', ')} ms (${CONCURRENCY.join('×/')}×)`);
    console.log(`worst p95 ÷ floor at ${CONCURRENCY[CONCURRENCY.length - 1]} clients: ${worstRatio.toFixed(2)} (target ≤ ${TARGET_RATIO}) ${worstRatio <= TARGET_RATIO ? 'met' : 'NOT met'}`);
    if (js.size) console.log(`largest first-load JS: ${worstJs.toFixed(0)} kB (target ≤ ${TARGET_JS_KB} kB) ${worstJs <= TARGET_JS_KB ? 'met' : 'NOT met'}`);
    console.log(`server memory peak: ${peakMb.toFixed(0)} MB (target < ${TARGET_MEMORY_MB} MB) ${peakMb < TARGET_MEMORY_MB ? 'met' : 'NOT met'}`);
    console.log(`data: ${dataDir} (reuse with --data-dir)`);
  } finally {
    clearInterval(sampler);
    await browser.close();
    server.kill('SIGTERM');
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
