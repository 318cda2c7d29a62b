// `npm run bench:dashboard [-- --merchants 10000]`: seeds a console database in a temporary folder with N merchants
// (links, authorized mini-programs, ~10 versions each, audit events over 30 days, batches, 30 days of data-analysis
// figures per online mini-program), then times the dashboard's and the data-analysis pages' reads (p50 / p95 of 30
// runs each) and prints each query plan's use of an index. Figures only: no target is asserted here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { applyMigrations } from '@/db/migrate';
import * as schema from '@/db/schema';
import { loadAppAnalytics, loadFleetAnalytics } from '@/lib/analytics/page-data';
import { addDays, beijingDate } from '@/lib/analytics/dates';
import { loadDashboard } from '@/lib/dashboard/page-data';
import * as dashboardQueries from '@/lib/dashboard/data';
import { listMerchants } from '@/lib/merchants/data';
import { merchantListQuerySchema } from '@/lib/validation/merchants';

const { values: args } = parseArgs({ options: { merchants: { type: 'string', default: '10000' } } });
const N = Number(args.merchants);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-dashboard-'));
const sqlite = new Database(path.join(dir, 'console.db'));
sqlite.pragma('journal_mode = WAL');
applyMigrations(sqlite, path.join(process.cwd(), 'db', 'migrations'));
const db = drizzle(sqlite, { schema });
const now = Date.now();
const DAY = 86_400_000;
const STATUSES = ['INIT', 'AUDITING', 'AUDIT_REJECT', 'WAIT_RELEASE', 'GRAY', 'RELEASE', 'OFFLINE'];
const REASONS = ['名称不规范', '缺少资质', '类目不符', '截图不清晰', '描述含敏感词'];

console.log(`seeding ${N} merchants…`);
const t0 = Date.now();
sqlite.exec('BEGIN');
const insMerchant = sqlite.prepare(`INSERT INTO merchants (name, contact_name, mobile, industry, auth_status, created_at) VALUES (?, '联系人', ?, 'retail', ?, ?)`);
const insLink = sqlite.prepare(`INSERT INTO authorization_links (merchant_id, token_hash, token_hint, expires_at) VALUES (?, ?, 'x', ?)`);
const insApp = sqlite.prepare(`INSERT INTO merchant_apps (merchant_id, auth_app_id, app_name, status, authorized_at) VALUES (?, ?, ?, ?, ?)`);
const insVersion = sqlite.prepare(
  `INSERT INTO mini_app_versions (merchant_app_id, auth_app_id, app_version, status, template_id, template_version, reject_reason, gmt_apply_audit, gmt_online) VALUES (?, ?, ?, ?, 'T1', ?, ?, ?, ?)`,
);
const insEvent = sqlite.prepare(`INSERT INTO version_events (version_id, kind, source, created_at) VALUES (?, ?, 'console', ?)`);
const insStat = sqlite.prepare(`INSERT INTO mini_app_daily_stats (merchant_app_id, report_date, app_pv, app_uv, new_user_cnt, fetched_at) VALUES (?, ?, ?, ?, ?, ?)`);
sqlite.prepare(`INSERT INTO templates (template_id, name) VALUES ('T1', '基准模板')`).run();
for (const v of ['1.0.0', '1.1.0', '1.2.0']) sqlite.prepare(`INSERT INTO template_versions (template_id, version, on_shelf) VALUES ('T1', ?, 1)`).run(v);
const appIds: number[] = [];
for (let i = 0; i < N; i++) {
  const stage = i % 10; // 0: recorded … 9: online
  const m = Number(insMerchant.run(`基准商家${i}`, `139${String(i).padStart(8, '0')}`, stage >= 2 ? 'authorized' : 'unauthorized', now - i * 1000).lastInsertRowid);
  if (stage >= 1) insLink.run(m, `hash${i}`, now + DAY);
  if (stage < 2) continue;
  const app = Number(insApp.run(m, `2021${String(i).padStart(10, '0')}`, `小程序${i}`, i % 37 === 0 ? 'cancelled' : 'authorized', now).lastInsertRowid);
  if (stage < 3) continue;
  for (let v = 0; v < 10; v++) {
    const status = v < 9 ? 'OFFLINE' : STATUSES[Math.min(stage - 3, STATUSES.length - 1)];
    const id = Number(
      insVersion.run(app, `2021${String(i).padStart(10, '0')}`, `0.0.${v}`, status, ['1.0.0', '1.1.0', '1.2.0'][i % 3], status === 'AUDIT_REJECT' ? REASONS[i % 5] : null, now - (i % 72) * 3_600_000, status === 'RELEASE' || status === 'OFFLINE' ? now - 40 * DAY : null)
        .lastInsertRowid,
    );
    if (v === 9) for (const kind of ['submitted', 'passed', 'rejected']) insEvent.run(id, kind, now - (i % 30) * DAY);
  }
  if (stage === 9) appIds.push(app);
}
const yesterday = addDays(beijingDate(now), -1);
for (const app of appIds) for (let d = 0; d < 30; d++) insStat.run(app, addDays(yesterday, -d), 500 + (app % 97), 200 + (app % 53), 30, now);
const insBatch = sqlite.prepare(`INSERT INTO batches (operation, params, status, created_by_email, total, failed, created_at) VALUES ('instantiate', '{}', 'finished', 'b@e.c', 100, ?, ?)`);
for (let b = 0; b < 500; b++) insBatch.run(b % 7 === 0 ? 3 : 0, now - b * 3_600_000);
sqlite.exec('COMMIT');
sqlite.exec('ANALYZE');
console.log(`seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${appIds.length} online mini-programs with 30 days of figures\n`);

function time(name: string, fn: () => unknown, runs = 30) {
  fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = process.hrtime.bigint();
    fn();
    ms.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  ms.sort((a, b) => a - b);
  console.log(`${name.padEnd(44)} p50 ${ms[Math.floor(runs / 2)].toFixed(1).padStart(6)} ms   p95 ${ms[Math.floor(runs * 0.95)].toFixed(1).padStart(6)} ms`);
}

if (process.env.BENCH_PARTS) {
  const q = dashboardQueries;
  for (const stage of ['recorded', 'linkSent', 'authorized', 'instantiated', 'inAudit', 'online', 'rejected', 'auditWaiting', 'authLost'] as const)
    time(`  count ${stage}`, () => q.countInStage(db, stage, { now }));
  time('  attention', () => q.loadAttention(db, now));
  time('  template versions', () => q.templateVersionCounts(db));
  time('  activity', () => q.auditActivity(db, now));
  time('  recent batches', () => q.recentBatches(db));
  time('  getting started', () => q.gettingStarted(db));
}
time('dashboard (all of it)', () => loadDashboard(db, { now, canManageStaff: true }));
time('merchants list ?stage=online', () => listMerchants(db, merchantListQuerySchema.parse({ stage: 'online' })));
time('merchants list ?stage=rejected&reason=…', () => listMerchants(db, merchantListQuerySchema.parse({ stage: 'rejected', reason: REASONS[0] })));
time('data analysis tab (one mini-program)', () => loadAppAnalytics(db, appIds[0], now));
time('fleet analysis, 7 days', () => loadFleetAnalytics(db, 7, now));
time('fleet analysis, 30 days', () => loadFleetAnalytics(db, 30, now));
sqlite.close();
fs.rmSync(dir, { recursive: true, force: true });
