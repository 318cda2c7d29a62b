import { sql } from 'drizzle-orm';
import { describe, expect, test, vi } from 'vitest';
import type { Db } from '@/db';
import { merchantApps, merchants, miniAppVersions, type AppVersionStatus } from '@/db/schema';
import { compareVersions } from '@/lib/versions/operations';
import { memoryDb } from '@/lib/testing/memory-db';
import { loadDriftPage, matchingSelectableIds, versionKey, versionKeySql } from './data';
import type { DriftFilter } from './rules';

const T = '2021000000001';
const NOW = Date.UTC(2026, 10, 22, 12);
const HOUR = 3_600_000;
const none: DriftFilter = { verdict: 'all', stuckHours: null, rejected: false, cancelled: false, q: '' };
const template = { templateId: T, latest: '1.2.0' };

type VersionSpec = [appVersion: string, status: AppVersionStatus, extra?: Partial<typeof miniAppVersions.$inferInsert>];

function fleet() {
  const db = memoryDb();
  let n = 0;
  const add = (name: string, versions: VersionSpec[], opts: { authStatus?: 'authorized' | 'cancelled' | 'invalid'; archived?: boolean } = {}) => {
    n += 1;
    const merchantId = db
      .insert(merchants)
      .values({ name, contactName: '王', mobile: `138${String(n).padStart(8, '0')}`, industry: 'retail', archivedAt: opts.archived ? new Date() : null })
      .returning()
      .get().id;
    const authAppId = `20210000000000${String(n).padStart(2, '0')}`;
    const id = db
      .insert(merchantApps)
      .values({ merchantId, authAppId, appName: `${name}小程序`, status: opts.authStatus ?? 'authorized', authorizedAt: new Date() })
      .returning()
      .get().id;
    for (const [appVersion, status, extra] of versions) {
      db.insert(miniAppVersions)
        .values({ merchantAppId: id, authAppId, appVersion, status, templateId: T, templateVersion: '1.2.0', ...extra })
        .run();
    }
    return { id, name, authAppId };
  };
  // Named so that the table's order (merchant name) is the order of creation.
  const current = add('01 当前', [['1.0.0', 'RELEASE']]);
  const behind = add('02 落后', [['1.0.0', 'RELEASE', { templateVersion: '1.0.0' }]]);
  const neverOnline = add('03 未上线', [['1.0.0', 'INIT']]);
  const stuck = add('04 审核久', [
    ['1.0.0', 'RELEASE'],
    ['1.0.1', 'AUDITING', { gmtApplyAudit: new Date(NOW - 30 * HOUR) }],
  ]);
  const fresh = add('05 审核新', [['1.0.1', 'AUDITING', { gmtApplyAudit: new Date(NOW - 2 * HOUR) }]]);
  const rejected = add('06 驳回', [['1.0.1', 'AUDIT_REJECT', { rejectReason: '类目不符' }]]);
  const cancelled = add('07 鹿鸣书店', [], { authStatus: 'cancelled' });
  const invalid = add('08 失效', [], { authStatus: 'invalid' });
  add('09 已归档', [['1.0.0', 'RELEASE']], { archived: true });
  const other = add('10 别的模板', [['2.0.0', 'RELEASE', { templateId: '2021000000999', templateVersion: '0.1.0' }]]);
  const unknown = add('11 不明', [
    ['1.0.0', 'RELEASE', { templateVersion: null }],
    // A deleted version and an older online one never count.
    ['0.9.0', 'RELEASE', { deletedAt: new Date(), templateVersion: '1.2.0' }],
  ]);
  // The newest online version wins (1.0.10 > 1.0.9 as numbers, not as text).
  const newest = add('12 新版本', [
    ['1.0.9', 'RELEASE', { templateVersion: '1.2.0' }],
    ['1.0.10', 'RELEASE', { templateVersion: '1.1.0' }],
  ]);
  return { db, current, behind, neverOnline, stuck, fresh, rejected, cancelled, invalid, other, unknown, newest };
}

const names = (db: Db, f: Partial<DriftFilter>, size = 50) => loadDriftPage(db, template, { ...none, ...f }, 1, size, 24, NOW).rows.map((r) => r.merchantName);

describe('versionKey', () => {
  const versions = ['1.0.10', '1.0.9', '1.2', '1.2.0', '0.0.1', '10.0.0', '2.0', '2', 'x', '1.0.0-beta', '999999.999999.999999', '1.a.3'];

  test('sorts like compareVersions', () => {
    for (const a of versions) for (const b of versions) expect(Math.sign(versionKey(a) - versionKey(b)), `${a} vs ${b}`).toBe(Math.sign(compareVersions(a, b)));
  });

  test('the SQL expression gives the same key', () => {
    const db = memoryDb();
    for (const v of versions) expect(db.get<{ k: number }>(sql`SELECT ${versionKeySql('x.v')} AS k FROM (SELECT ${v} AS v) x`).k, v).toBe(versionKey(v));
  });
});

describe('loadDriftPage', () => {
  test('verdicts and counts over every mini-program of merchants not archived', () => {
    const f = fleet();
    const page = loadDriftPage(f.db, template, none, 1, 50, 24, NOW);
    expect(page.summary).toEqual({ total: 11, current: 2, behind: 7, unknown: 1, other: 1, inAudit: 2, stuck: 1, rejected: 1, cancelled: 2 });
    expect(page.rows.map((r) => [r.merchantName, r.verdict])).toEqual([
      ['01 当前', 'current'],
      ['02 落后', 'behind'],
      ['03 未上线', 'behind'],
      ['04 审核久', 'current'],
      ['05 审核新', 'behind'],
      ['06 驳回', 'behind'],
      ['07 鹿鸣书店', 'behind'],
      ['08 失效', 'behind'],
      ['10 别的模板', 'other'],
      ['11 不明', 'unknown'],
      ['12 新版本', 'behind'],
    ]);
    const stuck = page.rows.find((r) => r.merchantAppId === f.stuck.id)!;
    expect([stuck.online?.appVersion, stuck.audit?.appVersion, stuck.auditHours]).toEqual(['1.0.0', '1.0.1', 30]);
    expect(page.rows.find((r) => r.merchantAppId === f.rejected.id)?.rejected?.rejectReason).toBe('类目不符');
    expect(page.rows.find((r) => r.merchantAppId === f.newest.id)?.online?.appVersion).toBe('1.0.10');
  });

  test('no version on shelf: every online version of the template is unknown', () => {
    const f = fleet();
    const page = loadDriftPage(f.db, { templateId: T, latest: null }, none, 1, 50, 24, NOW);
    expect(page.summary).toMatchObject({ current: 0, unknown: 5, other: 1 });
  });

  test('filters narrow each other', () => {
    const { db } = fleet();
    expect(names(db, { verdict: 'current' })).toEqual(['01 当前', '04 审核久']);
    expect(names(db, { stuckHours: 24 })).toEqual(['04 审核久']);
    expect(names(db, { stuckHours: 1 })).toEqual(['04 审核久', '05 审核新']);
    expect(names(db, { stuckHours: 30 })).toEqual([]);
    expect(names(db, { rejected: true })).toEqual(['06 驳回']);
    expect(names(db, { cancelled: true })).toEqual(['07 鹿鸣书店', '08 失效']);
    expect(names(db, { verdict: 'current', stuckHours: 24 })).toEqual(['04 审核久']);
    expect(names(db, { q: '鹿鸣', rejected: true })).toEqual([]);
  });

  test('the text search covers merchant, mini-program name and APPID, and scopes the counts', () => {
    const f = fleet();
    expect(names(f.db, { q: '鹿鸣' })).toEqual(['07 鹿鸣书店']);
    expect(names(f.db, { q: f.stuck.authAppId })).toEqual(['04 审核久']);
    expect(names(f.db, { q: '驳回小程序' })).toEqual(['06 驳回']);
    expect(loadDriftPage(f.db, template, { ...none, q: '鹿鸣' }, 1, 20, 24, NOW).summary.total).toBe(1);
  });

  test('pages in SQL; a page past the end shows the last one; only authorized ones are selectable', () => {
    const f = fleet();
    const page = loadDriftPage(f.db, template, { ...none, verdict: 'behind' }, 9, 4, 24, NOW);
    expect(page.page).toBe(2);
    expect(page.matched).toBe(7);
    expect(page.matchedSelectable).toBe(5);
    expect(page.rows.map((r) => r.merchantName)).toEqual(['07 鹿鸣书店', '08 失效', '12 新版本']);
    // Cancelled and invalid authorizations cannot be put into a batch.
    expect(matchingSelectableIds(f.db, template, { ...none, verdict: 'behind' }, NOW)).toEqual([f.behind, f.neverOnline, f.fresh, f.rejected, f.newest].map((x) => x.id));
  });

  test('10,000 mini-programs: a page is a fixed number of queries and sends only its rows', () => {
    const db = memoryDb();
    const sqlite = (db as unknown as { $client: import('better-sqlite3').Database }).$client;
    sqlite.exec('BEGIN');
    const m = sqlite.prepare(`INSERT INTO merchants (name, contact_name, mobile, industry) VALUES (?, '王', ?, 'retail')`);
    const ap = sqlite.prepare(`INSERT INTO merchant_apps (merchant_id, auth_app_id, app_name, status, authorized_at) VALUES (?, ?, ?, 'authorized', 0)`);
    const ver = sqlite.prepare(`INSERT INTO mini_app_versions (merchant_app_id, auth_app_id, app_version, status, template_id, template_version) VALUES (?, ?, ?, ?, ?, ?)`);
    for (let i = 0; i < 10_000; i++) {
      const mid = m.run(`商家${String(i).padStart(5, '0')}`, `139${String(i).padStart(8, '0')}`).lastInsertRowid;
      const id = `2021${String(i).padStart(12, '0')}`;
      const aid = ap.run(mid, id, `小程序${i}`).lastInsertRowid;
      ver.run(aid, id, '1.0.0', 'RELEASE', T, i % 3 ? '1.2.0' : '1.1.0');
      ver.run(aid, id, '1.0.1', 'INIT', T, '1.2.0');
    }
    sqlite.exec('COMMIT');
    const all = vi.spyOn(sqlite, 'prepare');
    const page = loadDriftPage(db, template, { ...none, verdict: 'behind' }, 3, 50, 24, NOW);
    expect(all.mock.calls.length).toBeLessThanOrEqual(3);
    expect(page.matched).toBe(3334);
    expect(page.rows).toHaveLength(50);
    expect(page.rows[0].merchantName).toBe('商家00300');
    expect(page.summary.total).toBe(10_000);
  });
});
