// The dashboard's funnel and attention queries on a seeded database, and the merchants list filtered by the same
// stage (what a funnel link opens).
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { authorizationLinks, batches, merchantApps, miniAppVersions, templates, templateVersions, versionEvents, type StoredVersionStatus } from '@/db/schema';
import { insertMerchant, listMerchants } from '@/lib/merchants/data';
import { memoryDb } from '@/lib/testing/memory-db';
import { merchantListQuerySchema } from '@/lib/validation/merchants';
import { auditActivity, countInStage, gettingStarted, loadAttention, loadFunnel, templateVersionCounts } from './data';

const NOW = Date.UTC(2026, 11, 2, 4, 0, 0); // 12:00 Beijing
const HOUR = 3_600_000;
let db: Db;
let n = 0;

function merchant(opts: { link?: boolean; app?: 'authorized' | 'cancelled'; versions?: Array<{ status: StoredVersionStatus; templateVersion?: string; rejectReason?: string; appliedHoursAgo?: number }>; archived?: boolean } = {}) {
  n++;
  const m = insertMerchant(db, { name: `商家${n}`, contactName: '王', mobile: `1380000${String(n).padStart(4, '0')}`, industry: 'retail', archivedAt: opts.archived ? new Date(NOW) : null });
  if (opts.link) db.insert(authorizationLinks).values({ merchantId: m.id, tokenHash: `h${n}`, tokenHint: 'x', expiresAt: new Date(NOW + 86_400_000) }).run();
  if (opts.app) {
    const app = db.insert(merchantApps).values({ merchantId: m.id, authAppId: `2021${n}`, appName: `小程序${n}`, status: opts.app, authorizedAt: new Date(NOW) }).returning().get();
    (opts.versions ?? []).forEach((v, i) =>
      db
        .insert(miniAppVersions)
        .values({
          merchantAppId: app.id,
          authAppId: app.authAppId,
          appVersion: `0.0.${i + 1}`,
          status: v.status,
          templateId: 'T1',
          templateVersion: v.templateVersion ?? '1.0.0',
          rejectReason: v.rejectReason,
          gmtApplyAudit: v.appliedHoursAgo === undefined ? null : new Date(NOW - v.appliedHoursAgo * HOUR),
        })
        .run(),
    );
    return { merchant: m, app };
  }
  return { merchant: m, app: null };
}

beforeEach(() => {
  db = memoryDb();
  n = 0;
});

describe('funnel', () => {
  it('counts each merchant in the stage it reached and every earlier one, without archived merchants', () => {
    merchant(); // recorded only
    merchant({ link: true }); // link sent
    merchant({ link: true, app: 'authorized' }); // authorized, nothing uploaded
    merchant({ link: true, app: 'authorized', versions: [{ status: 'INIT' }] }); // instantiated
    merchant({ link: true, app: 'authorized', versions: [{ status: 'AUDITING', appliedHoursAgo: 2 }] }); // in audit
    merchant({ link: true, app: 'authorized', versions: [{ status: 'AUDIT_REJECT', rejectReason: '名称不规范' }] }); // in audit (rejected)
    merchant({ link: true, app: 'authorized', versions: [{ status: 'OFFLINE' }, { status: 'RELEASE' }] }); // online
    merchant({ link: true, app: 'cancelled', versions: [{ status: 'RELEASE' }] }); // authorization gone: link sent only
    merchant({ link: true, app: 'authorized', versions: [{ status: 'RELEASE' }], archived: true }); // archived: nowhere
    const funnel = loadFunnel(db);
    expect(Object.fromEntries(funnel.map((f) => [f.stage, f.count]))).toEqual({ recorded: 8, linkSent: 7, authorized: 5, instantiated: 4, inAudit: 3, online: 1 });
    expect(funnel[1].fromPrevious).toBeCloseTo(7 / 8);
    expect(funnel[5].fromFirst).toBeCloseTo(1 / 8);
  });

  it('a stage link lists exactly the merchants the stage counted', () => {
    merchant({ link: true, app: 'authorized', versions: [{ status: 'RELEASE' }] });
    merchant({ link: true, app: 'authorized', versions: [{ status: 'GRAY' }] });
    merchant({ link: true });
    for (const stage of ['linkSent', 'authorized', 'inAudit', 'online'] as const) {
      const list = listMerchants(db, merchantListQuerySchema.parse({ stage }));
      expect(list.total, stage).toBe(countInStage(db, stage));
    }
    expect(listMerchants(db, merchantListQuerySchema.parse({ stage: 'online' })).rows.map((r) => r.name)).toEqual(['商家1']);
    // A malformed stage is ignored, not an error.
    expect(listMerchants(db, merchantListQuerySchema.parse({ stage: 'nonsense' })).total).toBe(3);
  });
});

describe('needs attention', () => {
  it('groups rejections by reason and counts merchants, long audit waits, lost authorizations and failed batches', () => {
    merchant({ app: 'authorized', versions: [{ status: 'AUDIT_REJECT', rejectReason: '名称不规范' }] });
    merchant({ app: 'authorized', versions: [{ status: 'AUDIT_REJECT', rejectReason: '名称不规范' }] });
    merchant({ app: 'authorized', versions: [{ status: 'AUDIT_REJECT', rejectReason: '缺少资质' }] });
    merchant({ app: 'authorized', versions: [{ status: 'AUDITING', appliedHoursAgo: 30 }] });
    merchant({ app: 'authorized', versions: [{ status: 'AUDITING', appliedHoursAgo: 3 }] });
    merchant({ app: 'cancelled' });
    const tokenFailing = merchant({ app: 'authorized' });
    db.update(merchantApps).set({ lastRefreshError: 'aop.invalid-app-refresh-token' }).where(eq(merchantApps.id, tokenFailing.app!.id)).run();
    db.insert(batches).values({ operation: 'instantiate', params: '{}', createdByEmail: 'a@b.c', total: 5, failed: 2, createdAt: new Date(NOW - HOUR) }).run();
    db.insert(batches).values({ operation: 'online', params: '{}', createdByEmail: 'a@b.c', total: 5, failed: 0, createdAt: new Date(NOW - HOUR) }).run();
    db.insert(batches).values({ operation: 'gray', params: '{}', createdByEmail: 'a@b.c', total: 5, failed: 1, createdAt: new Date(NOW - 10 * 86_400_000) }).run();

    const a = loadAttention(db, NOW, 24);
    expect(a.rejected).toBe(3);
    expect(a.topReasons).toEqual([
      { reason: '名称不规范', versions: 2, merchants: 2 },
      { reason: '缺少资质', versions: 1, merchants: 1 },
    ]);
    expect(a.auditWaiting).toBe(1);
    expect(a.authLost).toBe(2);
    expect(a.failedBatches.map((b) => b.operation)).toEqual(['instantiate']);
    // The reason link lists the merchants that reason hit.
    expect(listMerchants(db, merchantListQuerySchema.parse({ stage: 'rejected', reason: '名称不规范' })).rows.map((r) => r.name)).toEqual(['商家2', '商家1']);
  });

  it('a rejection leaves the list once the version is no longer rejected', () => {
    const { app } = merchant({ app: 'authorized', versions: [{ status: 'AUDIT_REJECT', rejectReason: '名称不规范' }] });
    expect(loadAttention(db, NOW).rejected).toBe(1);
    db.update(miniAppVersions).set({ status: 'INIT', rejectReason: null }).where(eq(miniAppVersions.merchantAppId, app!.id)).run();
    const a = loadAttention(db, NOW);
    expect(a.rejected).toBe(0);
    expect(a.topReasons).toEqual([]);
  });

  it('counts mini-programs online on an older version than the template’s latest on shelf', () => {
    db.insert(templates).values({ templateId: 'T1', name: '餐饮模板' }).run();
    db.insert(templateVersions).values([
      { templateId: 'T1', version: '1.0.0', onShelf: true },
      { templateId: 'T1', version: '1.10.0', onShelf: true },
      { templateId: 'T1', version: '2.0.0', onShelf: false },
    ]).run();
    merchant({ app: 'authorized', versions: [{ status: 'RELEASE', templateVersion: '1.0.0' }] });
    merchant({ app: 'authorized', versions: [{ status: 'RELEASE', templateVersion: '1.9.0' }] });
    merchant({ app: 'authorized', versions: [{ status: 'RELEASE', templateVersion: '1.10.0' }, { status: 'GRAY', templateVersion: '2.0.0' }] });
    expect(loadAttention(db, NOW).behind).toEqual([{ templateId: 'T1', name: '餐饮模板', latest: '1.10.0', behind: 2 }]);
    expect(templateVersionCounts(db)).toEqual([
      { templateId: 'T1', templateName: '餐饮模板', templateVersion: '2.0.0', online: 0, gray: 1, inAudit: 0 },
      { templateId: 'T1', templateName: '餐饮模板', templateVersion: '1.10.0', online: 1, gray: 0, inAudit: 0 },
      { templateId: 'T1', templateName: '餐饮模板', templateVersion: '1.9.0', online: 1, gray: 0, inAudit: 0 },
      { templateId: 'T1', templateName: '餐饮模板', templateVersion: '1.0.0', online: 1, gray: 0, inAudit: 0 },
    ]);
  });
});

describe('activity and getting started', () => {
  it('counts audit events per Beijing day over 30 days', () => {
    const { app } = merchant({ app: 'authorized', versions: [{ status: 'INIT' }] });
    const v = db.select().from(miniAppVersions).where(eq(miniAppVersions.merchantAppId, app!.id)).get()!;
    const at = (ms: number) => new Date(ms);
    db.insert(versionEvents).values([
      { versionId: v.id, kind: 'submitted', source: 'console', at: at(NOW - HOUR) },
      { versionId: v.id, kind: 'rejected', source: 'notification', at: at(NOW - 30 * 60_000) },
      // 23:30 Beijing the day before (15:30 UTC): yesterday in Beijing.
      { versionId: v.id, kind: 'passed', source: 'notification', at: at(Date.UTC(2026, 11, 1, 15, 30)) },
      // Outside the 30 days.
      { versionId: v.id, kind: 'submitted', source: 'console', at: at(NOW - 40 * 86_400_000) },
    ]).run();
    const days = auditActivity(db, NOW);
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toEqual({ date: '2026-12-02', submitted: 1, passed: 0, rejected: 1 });
    expect(days.at(-2)).toEqual({ date: '2026-12-01', submitted: 0, passed: 1, rejected: 0 });
    expect(days.reduce((s, d) => s + d.submitted, 0)).toBe(1);
  });

  it('reports each first step done only once it is', () => {
    expect(gettingStarted(db)).toEqual({ merchant: false, authorize: false, template: false, upload: false, staff: false });
    merchant({ app: 'authorized' });
    expect(gettingStarted(db)).toMatchObject({ merchant: true, authorize: true, upload: false });
  });
});
