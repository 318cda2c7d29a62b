import { describe, expect, it } from 'vitest';
import { merchantApps, profileChanges } from '@/db/schema';
import { ActionError } from '@/lib/actions/result';
import { insertUser } from '@/lib/staff/data';
import { handleAuthorizationCallback } from '@/lib/authorization/callback';
import { createState } from '@/lib/authorization/state';
import { fakeAlipay, issued, ISV_APP_ID, refusal, setup } from '@/lib/authorization/testing/fixtures';
import { pngBytes } from '@/lib/sandbox/testing/png';
import { profileSchema } from '@/lib/validation/profile';
import { categoryIdsFromNames, buildCategoryTree } from './categories';
import { fieldOfSubCode, saveProfile } from './service';
import { zhText } from '@/lib/testing/text';

const LIVE = {
  appName: '青禾花坊',
  appSlogan: '每天一束好花，送到您身边',
  appDesc: '提供花束与绿植的在线预订、同城配送和节日定制服务。',
  servicePhone: '0571-88886666',
  categoryNames: '零售_鲜花绿植',
};
const actor = { id: 1, email: 'op@x.cn' };
const CATEGORIES = {
  miniCategoryList: [
    { categoryId: '1002', categoryName: '零售', parentCategoryId: '0' },
    { categoryId: '100203', categoryName: '鲜花绿植', parentCategoryId: '1002' },
    { categoryId: '100201', categoryName: '超市便利店', parentCategoryId: '1002' },
  ],
};

async function authorizedApp() {
  const s = setup();
  insertUser(s.db, { email: actor.email, name: 'op', role: 'operator', passwordHash: 'x' });
  const t = issued('2021000000002001');
  await handleAuthorizationCallback(
    { app_auth_code: 'c', state: createState(s.key, s.link.id, Date.now()) },
    { db: s.db, masterKey: s.key, cipher: s.cipher, isvAppId: ISV_APP_ID, exchange: async () => ({ tokens: [t] }) },
  );
  const app = s.db.select().from(merchantApps).get()!;
  return { ...s, app, token: t };
}

const input = (merchantAppId: number, over: Record<string, unknown> = {}) =>
  profileSchema.parse({
    merchantAppId,
    appName: LIVE.appName,
    appEnglishName: '',
    appSlogan: LIVE.appSlogan,
    appDesc: LIVE.appDesc,
    categoryIds: ['1002_100203'],
    servicePhone: LIVE.servicePhone,
    serviceEmail: '',
    nameLocked: false,
    ...over,
  });


describe('profile save', () => {
  it('sends only the changed fields, with the merchant token, and records before and after', async () => {
    const { db, cipher, app, token } = await authorizedApp();
    const { exec, client } = fakeAlipay({
      'alipay.open.mini.baseinfo.query': LIVE,
      'alipay.open.mini.version.list.query': { appVersionInfos: [] },
      'alipay.open.mini.category.query': CATEGORIES,
      'alipay.open.mini.baseinfo.modify': { modifyStatus: 'EFFECTIVE' },
    });
    // A generic name is refused before any call, with the pre-audit rule as the field's message.
    await expect(saveProfile(db, actor, { ...input(app.id), appName: '鲜花预定' }, { cipher, client })).rejects.toThrow('preAudit.rules.nameGeneric.message');
    expect(exec.mock.calls.some((c) => c[0] === 'alipay.open.mini.baseinfo.modify')).toBe(false);
    const result = await saveProfile(db, actor, input(app.id, { appSlogan: '新鲜花束，当日送达您手中', categoryIds: ['1002_100203', '1002_100201'] }), { cipher, client });
    expect(result).toEqual({ modifyStatus: 'EFFECTIVE', changed: ['appSlogan', 'categories'] });
    const modify = exec.mock.calls.find((c) => c[0] === 'alipay.open.mini.baseinfo.modify')!;
    const form = modify[2].formData as { fields: { name: string; value: string }[] } | undefined;
    const sent = form ? Object.fromEntries(form.fields.map((f) => [f.name, f.value])) : modify[1];
    expect(sent).toMatchObject({ app_slogan: '新鲜花束，当日送达您手中', mini_category_ids: '1002_100203;1002_100201', app_auth_token: token.appAuthToken });
    expect(sent).not.toHaveProperty('app_name');
    const [row] = db.select().from(profileChanges).all();
    expect(JSON.parse(row.changes)).toEqual({
      appSlogan: { before: LIVE.appSlogan, after: '新鲜花束，当日送达您手中' },
      categories: { before: '零售_鲜花绿植', after: '零售_鲜花绿植;零售_超市便利店' },
    });
    expect(db.select().from(merchantApps).get()?.categoryIds).toBe('1002_100203;1002_100201');
  });

  it('puts a platform refusal on its field in Chinese and writes nothing', async () => {
    const { db, cipher, app } = await authorizedApp();
    const { client } = fakeAlipay({
      'alipay.open.mini.baseinfo.query': LIVE,
      'alipay.open.mini.version.list.query': { appVersionInfos: [] },
      'alipay.open.mini.category.query': CATEGORIES,
      'alipay.open.mini.baseinfo.modify': refusal('40004', 'MINI_APP_NAME_DUPLICATE', '名称已被使用'),
    });
    const error = await saveProfile(db, actor, input(app.id, { appName: '青禾花坊旗舰' }), { cipher, client }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).options.field).toBe('appName');
    expect(zhText(error as ActionError)).toBe('该名称已被其他小程序使用');
    expect(zhText(error as ActionError, 'en')).toBe('Another mini-program already uses this name');
    expect(db.select().from(profileChanges).all()).toHaveLength(0);
  });

  it('keeps a frozen name, refuses clearing a field, and refuses saving nothing', async () => {
    const { db, cipher, app } = await authorizedApp();
    const { exec, client } = fakeAlipay({
      'alipay.open.mini.baseinfo.query': LIVE,
      'alipay.open.mini.version.list.query': { appVersionInfos: [{ appVersion: '1.0.0', versionStatus: 'RELEASE' }] },
      'alipay.open.mini.category.query': CATEGORIES,
      'alipay.open.mini.baseinfo.modify': { modifyStatus: 'AUDITING' },
    });
    await expect(saveProfile(db, actor, input(app.id, { appName: '青禾花坊二店', nameLocked: true }), { cipher, client })).rejects.toThrow('profile.errors.nameFrozen');
    expect(db.select().from(merchantApps).get()?.nameFrozenAt).toBeInstanceOf(Date);
    await expect(saveProfile(db, actor, input(app.id, { appDesc: '' }), { cipher, client })).rejects.toThrow('profile.errors.cannotClear');
    await expect(saveProfile(db, actor, input(app.id), { cipher, client })).rejects.toThrow('profile.errors.noChanges');
    expect(exec.mock.calls.some((c) => c[0] === 'alipay.open.mini.baseinfo.modify')).toBe(false);
    const logo = await saveProfile(db, actor, input(app.id, { logo: new Blob([new Uint8Array(pngBytes(64, 64))], { type: 'image/png' }) }), { cipher, client });
    expect(logo).toEqual({ modifyStatus: 'AUDITING', changed: ['logo'] });
    await expect(saveProfile(db, actor, input(app.id, { logo: new Blob([new Uint8Array(pngBytes(64, 32))], { type: 'image/png' }) }), { cipher, client })).rejects.toThrow('profile.logo.square');
  });

  it('maps sub-codes to fields and category names back to ids', () => {
    expect(fieldOfSubCode('INVALID_MINI_APP_SLOGAN_LENGTH')).toBe('appSlogan');
    expect(fieldOfSubCode('LOGO_HEIGHT_NOT_EQUAL_WIDTH')).toBe('logo');
    expect(fieldOfSubCode('SERVICE_TEL_AND_MAIL_BOTH_BLANK')).toBe('servicePhone');
    expect(fieldOfSubCode('SOMETHING_ELSE')).toBeUndefined();
    const tree = buildCategoryTree(CATEGORIES.miniCategoryList.map((c) => ({ ...c, hasChild: undefined, needLicense: undefined, needOutDoorPic: undefined, needSpecialLicense: undefined })));
    expect(categoryIdsFromNames('零售_鲜花绿植;零售_不存在', tree)).toEqual(['1002_100203']);
  });
});
