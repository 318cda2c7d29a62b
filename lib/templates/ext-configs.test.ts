import { describe, expect, test } from 'vitest';
import type { Db } from '@/db';
import { merchantApps, merchants, miniAppVersions, type AppVersionStatus } from '@/db/schema';
import { memoryDb } from '@/lib/testing/memory-db';
import { currentExts, extValuesFor, listTemplateMerchants, upsertMerchantExt } from './data';
import { registerTemplate } from './data';

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
    expect(listTemplateMerchants(db, T)).toMatchObject({ total: 1, page: 1, rows: [{ merchantAppId: a, merchantName: '青禾花店', own: { custom: { slogan: '鲜花' } }, current: null }] });
  });

  test('the detail page gets one page of the merchants, searched by merchant name, mini-program name or APPID', () => {
    const db = memoryDb();
    registerTemplate(db, { templateId: T, name: '花店模板' });
    for (let i = 0; i < 45; i++) app(db, `商户${String(i).padStart(2, '0')}`, `20219000000000${String(i).padStart(2, '0')}`);
    const special = app(db, '百分之百_花店', '2021800000000001');

    const first = listTemplateMerchants(db, T, { pageSize: 20 });
    expect(first).toMatchObject({ total: 46, page: 1, pageSize: 20 });
    expect(first.rows).toHaveLength(20);
    expect(first.rows[0].merchantName).toBe('商户00');
    const last = listTemplateMerchants(db, T, { page: 3, pageSize: 20 });
    expect(last.rows.map((r) => r.merchantName)).toEqual(['商户40', '商户41', '商户42', '商户43', '商户44', '百分之百_花店']);
    // A page past the end shows the last one rather than nothing.
    expect(listTemplateMerchants(db, T, { page: 99, pageSize: 20 }).page).toBe(3);

    expect(listTemplateMerchants(db, T, { q: '商户1' }).rows.map((r) => r.merchantName)).toEqual(['商户10', '商户11', '商户12', '商户13', '商户14', '商户15', '商户16', '商户17', '商户18', '商户19']);
    expect(listTemplateMerchants(db, T, { q: '商户07小程序' }).rows.map((r) => r.merchantName)).toEqual(['商户07']);
    expect(listTemplateMerchants(db, T, { q: '2021800000000001' }).rows.map((r) => r.merchantAppId)).toEqual([special]);
    // The person's % and _ are taken literally.
    expect(listTemplateMerchants(db, T, { q: '_' }).rows.map((r) => r.merchantAppId)).toEqual([special]);
    expect(listTemplateMerchants(db, T, { q: '%' }).total).toBe(0);
  });
});
