// mini_app_drift is kept by triggers on mini_app_versions; it must always say what `classifyVersions` says of the
// mini-program's live versions, whatever writes them.
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import type { Db } from '@/db';
import { DEFAULT_BUNDLE_ID, merchantApps, merchants, miniAppDrift, miniAppVersions, type AppVersionStatus } from '@/db/schema';
import { memoryDb } from '@/lib/testing/memory-db';
import { classifyVersions, type DriftVersion } from './rules';

const STATUSES: AppVersionStatus[] = ['INIT', 'AUDITING', 'WAIT_RELEASE', 'BASE_AUDIT_PASS', 'AUDIT_REJECT', 'GRAY', 'RELEASE', 'OFFLINE'];

function app(db: Db, n: number) {
  const merchantId = db.insert(merchants).values({ name: `商家${n}`, contactName: '王', mobile: `138${String(n).padStart(8, '0')}`, industry: 'retail' }).returning().get().id;
  const authAppId = `2021${String(n).padStart(12, '0')}`;
  const id = db.insert(merchantApps).values({ merchantId, authAppId, status: 'authorized', authorizedAt: new Date() }).returning().get().id;
  return { id, authAppId };
}

/** What the rules say of the app's live versions, in the facts' shape. */
function expected(db: Db, id: number) {
  const live: DriftVersion[] = db
    .select()
    .from(miniAppVersions)
    .where(eq(miniAppVersions.merchantAppId, id))
    .orderBy(miniAppVersions.id)
    .all()
    .filter((v) => v.deletedAt === null && v.bundleId === DEFAULT_BUNDLE_ID && v.status !== null)
    .map((v) => ({
      appVersion: v.appVersion,
      status: v.status!,
      templateId: v.templateId,
      templateVersion: v.templateVersion,
      grayStrategy: null,
      rejectReason: null,
      appliedAuditAt: v.gmtApplyAudit?.getTime() ?? null,
    }));
  const c = classifyVersions(live);
  return {
    onlineVersion: c.online?.appVersion ?? null,
    onlineTemplateId: c.online?.templateId ?? null,
    onlineTemplateVersion: c.online?.templateVersion ?? null,
    auditStatus: c.audit?.status ?? null,
    auditAppliedAt: c.audit?.appliedAuditAt ?? null,
    rejected: c.rejected !== null,
  };
}

/** The stored facts; no row reads as no live version. */
function stored(db: Db, id: number) {
  const row = db.select().from(miniAppDrift).where(eq(miniAppDrift.merchantAppId, id)).get();
  if (!row) return { onlineVersion: null, onlineTemplateId: null, onlineTemplateVersion: null, auditStatus: null, auditAppliedAt: null, rejected: false };
  const { merchantAppId: _, ...facts } = row;
  return facts;
}

describe('mini_app_drift', () => {
  test('follows inserts, updates and deletes of versions as classifyVersions reads them', () => {
    const db = memoryDb();
    const apps = [app(db, 1), app(db, 2), app(db, 3)];
    // A deterministic walk of writes over a handful of version numbers (1.0.9 < 1.0.10 as numbers).
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const numbers = ['1.0.9', '1.0.10', '1.1.0', '0.9.0', '2.0.0'];
    for (let step = 0; step < 300; step++) {
      const a = apps[rnd(apps.length)];
      const appVersion = numbers[rnd(numbers.length)];
      const held = db.select().from(miniAppVersions).where(eq(miniAppVersions.merchantAppId, a.id)).all().find((v) => v.appVersion === appVersion);
      const action = rnd(10);
      if (!held) {
        db.insert(miniAppVersions)
          .values({ merchantAppId: a.id, authAppId: a.authAppId, appVersion, status: STATUSES[rnd(STATUSES.length)], templateId: rnd(4) ? 'T1' : 'T2', templateVersion: rnd(5) ? `1.${rnd(3)}.0` : null, gmtApplyAudit: new Date(1_700_000_000_000 + step) })
          .run();
      } else if (action < 6) {
        db.update(miniAppVersions).set({ status: STATUSES[rnd(STATUSES.length)], templateVersion: `1.${rnd(3)}.0` }).where(eq(miniAppVersions.id, held.id)).run();
      } else if (action < 8) {
        db.update(miniAppVersions).set({ deletedAt: held.deletedAt ? null : new Date() }).where(eq(miniAppVersions.id, held.id)).run();
      } else {
        db.delete(miniAppVersions).where(eq(miniAppVersions.id, held.id)).run();
      }
      for (const x of apps) expect(stored(db, x.id), `step ${step}, app ${x.id}`).toEqual(expected(db, x.id));
    }
  });

  test('goes with its mini-program', () => {
    const db = memoryDb();
    const a = app(db, 1);
    db.insert(miniAppVersions).values({ merchantAppId: a.id, authAppId: a.authAppId, appVersion: '1.0.0', status: 'RELEASE', templateId: 'T1', templateVersion: '1.0.0' }).run();
    expect(stored(db, a.id).onlineVersion).toBe('1.0.0');
    db.delete(merchantApps).where(eq(merchantApps.id, a.id)).run();
    expect(db.select().from(miniAppDrift).all()).toEqual([]);
  });
});
