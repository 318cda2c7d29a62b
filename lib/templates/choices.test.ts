import { describe, expect, test } from 'vitest';
import type { Db } from '@/db';
import { merchantApps, merchants } from '@/db/schema';
import { memoryDb } from '@/lib/testing/memory-db';
import { renderExtFor, resolveUploadExt, templateChoices } from './choices';
import { upsertMerchantExt } from './data';
import { applyTemplateList, saveExtTemplate } from './data';

const T = '2021004100000001';
const EXT = '{"extEnable":true,"ext":{"shop":"{{merchant.name}}","phone":"{{merchant.phone}}","appId":"{{miniApp.appId}}","theme":"{{custom.theme}}"}}';

function setup(): { db: Db; appId: number } {
  const db = memoryDb();
  applyTemplateList(db, [
    { miniAppId: T, appName: '花店模板', logoUrl: '', dateCreate: '', versionList: [['1.3.0', 'OFFLINE'], ['1.2.0', 'RELEASE'], ['1.1.0', 'RELEASE'], ['1.4.0', 'INIT'], ['0.1.0', 'FROZEN']].map(([templateVersion, versionStatus]) => ({ templateVersion, versionStatus })) },
    { miniAppId: '2021004100000002', appName: '已下线模板', logoUrl: '', dateCreate: '', versionList: [] },
  ]);
  applyTemplateList(db, [{ miniAppId: T, appName: '花店模板', logoUrl: '', dateCreate: '', versionList: [['1.3.0', 'OFFLINE'], ['1.2.0', 'RELEASE'], ['1.1.0', 'RELEASE'], ['1.4.0', 'INIT']].map(([templateVersion, versionStatus]) => ({ templateVersion, versionStatus })) }]);
  saveExtTemplate(db, T, EXT);
  const merchantId = db.insert(merchants).values({ name: '青禾花店', contactName: '王', mobile: '13800000001', industry: 'retail' }).returning().get().id;
  const appId = db.insert(merchantApps).values({ merchantId, authAppId: '2021000000000001', appName: '青禾', status: 'authorized', authorizedAt: new Date() }).returning().get().id;
  return { db, appId };
}

describe('upload choices and the ext an upload sends', () => {
  test('templates by name, vanished ones left out; versions on shelf first, each group newest first, statuses raw', () => {
    const { db } = setup();
    const choices = templateChoices(db);
    expect(choices.map((c) => c.name)).toEqual(['花店模板']);
    expect(choices[0].latestOnShelf).toBe('1.2.0');
    expect(choices[0].versions).toEqual([
      { version: '1.2.0', status: 'RELEASE', onShelf: true },
      { version: '1.1.0', status: 'RELEASE', onShelf: true },
      { version: '1.4.0', status: 'INIT', onShelf: false },
      { version: '1.3.0', status: 'OFFLINE', onShelf: false },
    ]);
  });

  test("renders the template's ext with the merchant's and the mini-program's own values", () => {
    const { db, appId } = setup();
    expect(renderExtFor(db, T, appId)).toEqual({ ok: false, error: { code: 'missingValue', variable: 'custom.theme' } });
    upsertMerchantExt(db, { merchantAppId: appId, templateId: T, custom: { theme: 'spring' }, override: { ext: { banner: 'sale' } }, updatedById: null });
    const r = renderExtFor(db, T, appId);
    expect(r.ok && JSON.parse(r.ext!)).toEqual({ extEnable: true, ext: { shop: '青禾花店', phone: '13800000001', appId: '2021000000000001', theme: 'spring', banner: 'sale' } });
    expect(renderExtFor(db, '999', appId)).toEqual({ ok: false, error: { code: 'templateNotFound' } });
    expect(renderExtFor(db, T, 9999)).toEqual({ ok: false, error: { code: 'appNotFound' } });
  });

  test('by default an upload sends the rendering (recorded as the template); an override is sent and recorded as one', () => {
    const { db, appId } = setup();
    upsertMerchantExt(db, { merchantAppId: appId, templateId: T, custom: { theme: 'spring' }, override: null, updatedById: null });
    const byDefault = resolveUploadExt(db, { templateId: T, merchantAppId: appId, override: null });
    expect(byDefault).toMatchObject({ ok: true, extSource: 'template' });
    expect(byDefault.ok && JSON.parse(byDefault.ext!).ext.theme).toBe('spring');

    const own = resolveUploadExt(db, { templateId: T, merchantAppId: appId, override: '{ "extEnable": true, "ext": { "theme": "dark" } }' });
    expect(own).toEqual({ ok: true, ext: '{"extEnable":true,"ext":{"theme":"dark"}}', extSource: 'override' });

    // The rendering typed back (other key order and spacing) is not an override.
    const same = resolveUploadExt(db, {
      templateId: T,
      merchantAppId: appId,
      override: JSON.stringify({ ext: { theme: 'spring', appId: '2021000000000001', phone: '13800000001', shop: '青禾花店' }, extEnable: true }, null, 2),
    });
    expect(same).toMatchObject({ ok: true, extSource: 'template' });
    expect(same.ok && same.ext).toBe(byDefault.ok && byDefault.ext);
  });

  test('a rendering that cannot be made refuses the default, while an explicit override still goes', () => {
    const { db, appId } = setup();
    expect(resolveUploadExt(db, { templateId: T, merchantAppId: appId, override: null })).toEqual({ ok: false, error: { code: 'missingValue', variable: 'custom.theme' } });
    expect(resolveUploadExt(db, { templateId: T, merchantAppId: appId, override: '{"a":1}' })).toEqual({ ok: true, ext: '{"a":1}', extSource: 'override' });
    saveExtTemplate(db, T, '{}');
    expect(resolveUploadExt(db, { templateId: T, merchantAppId: appId, override: null })).toEqual({ ok: true, ext: null, extSource: 'template' });
  });
});
