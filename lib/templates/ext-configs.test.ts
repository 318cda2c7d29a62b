import { describe, expect, test } from 'vitest';
import type { Db } from '@/db';
import { merchantApps, merchants, miniAppVersions, type AppVersionStatus } from '@/db/schema';
import { memoryDb } from '@/lib/testing/memory-db';
import { currentExts, extValuesFor, listTemplateMerchants, upsertMerchantExt } from './ext-configs';
import { registerTemplate } from './registry';

const T = '2021004100000001';
let n = 0;

function app(db: Db, name: string, authAppId: string, archivedAt: Date | null = null) {
  const merchantId = db.insert(merchants).values({ name, contactName: '王', mobile: `138${String(++n).padStart(8, '0')}`, industry: 'retail', archivedAt }).returning().get().id;
  return db.insert(merchantApps).values({ merchantId, authAppId, appName: `${name}小程序`, status: 'authorized', authorizedAt: new Date() }).returning().get().id;
}

function version(db: Db, merchantAppId: number, appVersion: string, status: AppVersionStatus | null, extra: Partial<typeof miniAppVersions.$inferInsert> = {}) {
  db.insert(miniAppVersions).values({ merchantAppId, authAppId: 'x', appVersion, status, templateId: T, templateVersion: '1.2.0', ...extra }).run();
}

describe('merchant ext configs', () => {
  test('upsert keeps one row per mini-program and template', () => {
    const db = memoryDb();
    registerTemplate(db, { templateId: T, name: '花店模板' });
    const a = app(db, '青禾花店', '2021000000000001');
    upsertMerchantExt(db, { merchantAppId: a, templateId: T, custom: { slogan: '一' }, override: null, updatedById: null });
    upsertMerchantExt(db, { merchantAppId: a, templateId: T, custom: { slogan: '二' }, override: { ext: { theme: 'dark' } }, updatedById: null });
    expect(extValuesFor(db, T, [a]).get(a)).toEqual({ custom: { slogan: '二' }, override: { ext: { theme: 'dark' } } });
    expect(extValuesFor(db, 'other', [a]).size).toBe(0);
  });

  test('current ext: the online version first, else the newest with an ext; deleted ones never', () => {
    const db = memoryDb();
    const a = app(db, 'A', '2021000000000001');
    const b = app(db, 'B', '2021000000000002');
    const c = app(db, 'C', '2021000000000003');
    version(db, a, '1.0.0', 'RELEASE', { ext: '{"v":"online"}' });
    version(db, a, '1.0.1', 'INIT', { ext: '{"v":"dev"}' });
    version(db, b, '1.0.0', 'OFFLINE', { ext: '{"v":"old"}' });
    version(db, b, '1.0.2', 'AUDITING', { ext: '{"v":"newest"}' });
    version(db, b, '1.0.3', 'INIT', { ext: '{"v":"gone"}', deletedAt: new Date() });
    version(db, c, '1.0.0', 'RELEASE');
    const current = currentExts(db, [a, b, c]);
    expect(current.get(a)).toMatchObject({ appVersion: '1.0.0', ext: '{"v":"online"}' });
    expect(current.get(b)).toMatchObject({ appVersion: '1.0.2', ext: '{"v":"newest"}' });
    expect(current.has(c)).toBe(false);
  });

  test('the detail page lists authorized mini-programs of merchants not archived, with own values', () => {
    const db = memoryDb();
    registerTemplate(db, { templateId: T, name: '花店模板' });
    const a = app(db, '青禾花店', '2021000000000001');
    app(db, '已归档', '2021000000000002', new Date());
    upsertMerchantExt(db, { merchantAppId: a, templateId: T, custom: { slogan: '鲜花' }, override: null, updatedById: null });
    expect(listTemplateMerchants(db, T)).toMatchObject([{ merchantAppId: a, merchantName: '青禾花店', own: { custom: { slogan: '鲜花' } }, current: null }]);
  });
});
