import { describe, expect, test } from 'vitest';
import type { Db } from '@/db';
import { merchantApps, merchants } from '@/db/schema';
import { memoryDb } from '@/lib/testing/memory-db';
import { applyInstances, instanceCountsByVersion, lastTemplateSync, listInstances, onlineCountsByVersion, recordTemplateSync, type PlatformInstanceEntry } from './data';
import { noteUploadedInstance } from './registry';
import { applyTemplateList } from './data';

const T = '2021004100000001';
const inst = (miniAppId: string, templateVersion: string, extra: Partial<PlatformInstanceEntry> = {}): PlatformInstanceEntry => ({
  miniAppId,
  appName: `小程序${miniAppId.slice(-2)}`,
  templateId: T,
  templateVersion,
  latestVersion: '1.0.0',
  latestVersionStatus: 'INIT',
  status: 'OFFLINE',
  ...extra,
});

function merchantWithApp(db: Db, name: string, authAppId: string, archivedAt: Date | null = null) {
  const merchantId = db.insert(merchants).values({ name, contactName: '王', mobile: `138${authAppId.slice(-8)}`, industry: 'retail', archivedAt }).returning().get().id;
  db.insert(merchantApps).values({ merchantId, authAppId, appName: `${name}小程序`, status: 'authorized', authorizedAt: new Date() }).run();
  return merchantId;
}

describe('template instances', () => {
  test('counts mini-programs per template version, each once however the platform repeats it', () => {
    const db = memoryDb();
    applyInstances(db, [inst('2021000000000001', '1.0.0'), inst('2021000000000002', '1.0.0'), inst('2021000000000003', '0.9.0'), inst('2021000000000001', '1.0.0')], { complete: true });
    expect(Object.fromEntries(instanceCountsByVersion(db, T))).toEqual({ '1.0.0': 2, '0.9.0': 1 });
    expect(instanceCountsByVersion(db, 'other').size).toBe(0);
  });

  test('a complete read drops mini-programs no longer listed; an incomplete one only adds and updates', () => {
    const db = memoryDb();
    applyInstances(db, [inst('2021000000000001', '1.0.0'), inst('2021000000000002', '1.0.0')], { complete: true });
    applyInstances(db, [inst('2021000000000001', '1.1.0')], { complete: false });
    expect(Object.fromEntries(instanceCountsByVersion(db, T))).toEqual({ '1.1.0': 1, '1.0.0': 1 });
    applyInstances(db, [inst('2021000000000001', '1.1.0')], { complete: true });
    expect(Object.fromEntries(instanceCountsByVersion(db, T))).toEqual({ '1.1.0': 1 });
    applyInstances(db, [], { complete: true });
    expect(instanceCountsByVersion(db, T).size).toBe(0);
  });

  test("instances are named by the console's merchants; unknown statuses stay raw", () => {
    const db = memoryDb();
    const m = merchantWithApp(db, '青禾花店', '2021000000000001');
    merchantWithApp(db, '已归档商家', '2021000000000003', new Date());
    applyInstances(
      db,
      [inst('2021000000000001', '1.0.0', { status: 'ONLINE', latestVersionStatus: 'RELEASE' }), inst('2021000000000002', '1.0.0', { status: 'FROZEN' }), inst('2021000000000003', '1.0.0')],
      { complete: true },
    );
    const rows = listInstances(db, T);
    expect(rows.find((r) => r.miniAppId === '2021000000000001')).toMatchObject({ merchantId: m, merchantName: '青禾花店', status: 'ONLINE', latestVersionStatus: 'RELEASE' });
    expect(rows.find((r) => r.miniAppId === '2021000000000002')).toMatchObject({ merchantId: null, merchantName: null, status: 'FROZEN' });
    expect(rows.find((r) => r.miniAppId === '2021000000000003')).toMatchObject({ merchantId: null });
  });

  test('the detail page gets one page of the instances, newest template version first, and the online counts per version', () => {
    const db = memoryDb();
    const list = Array.from({ length: 25 }, (_, i) => inst(`20210000000001${String(i).padStart(2, '0')}`, i < 5 ? '1.1.0' : '1.0.0', { status: i % 2 ? 'ONLINE' : 'OFFLINE' }));
    applyInstances(db, list, { complete: true });
    const first = listInstances(db, T, { page: 1, pageSize: 20 });
    expect(first).toMatchObject({ total: 25, page: 1, pageSize: 20 });
    expect(first.rows).toHaveLength(20);
    expect(first.rows.slice(0, 5).every((r) => r.templateVersion === '1.1.0')).toBe(true);
    const second = listInstances(db, T, { page: 2, pageSize: 20 });
    expect(second.rows.map((r) => r.miniAppId)).toEqual(list.slice(20).map((i) => i.miniAppId));
    expect(Object.fromEntries(onlineCountsByVersion(db, T))).toEqual({ '1.1.0': 2, '1.0.0': 10 });
  });

  test("the console's own upload counts at once: on the version named, or the latest on shelf, moving the mini-program", () => {
    const db = memoryDb();
    applyTemplateList(db, [{ miniAppId: T, appName: '花店模板', logoUrl: '', dateCreate: '', versionList: [{ templateVersion: '1.2.0', versionStatus: 'RELEASE' }] }]);
    applyInstances(db, [inst('2021000000000001', '1.0.0', { status: 'ONLINE' })], { complete: true });
    noteUploadedInstance(db, { miniAppId: '2021000000000001', templateId: T, templateVersion: '', appVersion: '1.1.0' });
    noteUploadedInstance(db, { miniAppId: '2021000000000002', templateId: T, templateVersion: '1.2.0', appVersion: '0.0.1' });
    expect(Object.fromEntries(instanceCountsByVersion(db, T))).toEqual({ '1.2.0': 2 });
    // Still online (its online version did not change), now with a newer development version.
    expect(listInstances(db, T).find((r) => r.miniAppId === '2021000000000001')).toMatchObject({ status: 'ONLINE', latestVersion: '1.1.0', latestVersionStatus: 'INIT' });
  });

  test('the last sync is one row: attempts, success and failure', () => {
    const db = memoryDb();
    expect(lastTemplateSync(db)).toBeNull();
    const at = new Date('2026-12-01T00:00:00Z');
    recordTemplateSync(db, { attemptedAt: at });
    recordTemplateSync(db, { syncedAt: at, error: null, instancesComplete: true });
    recordTemplateSync(db, { error: '支付宝服务暂时不可用' });
    expect(lastTemplateSync(db)).toMatchObject({ id: 1, attemptedAt: at, syncedAt: at, error: '支付宝服务暂时不可用', instancesComplete: true });
  });
});
