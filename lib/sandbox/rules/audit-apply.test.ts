import { describe, expect, test } from 'vitest';
import { pngBytes } from '../testing/png';
import { validateBaseInfoModify, type AppInfo, type CategoryLookup } from './app-info';
import { validateAuditApply, type AuditApplyInput } from './audit-apply';

const facts = (code: string, name: string, needLicense = false) => ({ code, name, pathName: name, needLicense, needOutDoorPic: false, needSpecialLicense: false });
const lookup: CategoryLookup = (path) => {
  const code = path.join('_');
  if (code === '1002_100203') return facts(code, '鲜花绿植');
  if (code === '1001_100101') return facts(code, '中餐正餐', true);
  return null;
};

const current: AppInfo = {
  appName: '花美花艺',
  appEnglishName: null,
  appSlogan: null,
  appDesc: null,
  servicePhone: '0571-88880001',
  serviceEmail: null,
  categoryIds: '1002_100203',
};

const shots = { first_screen_shot: pngBytes(4, 8), second_screen_shot: pngBytes(4, 8) };

function input(fields: Record<string, string>, files: Record<string, Buffer> = shots, more: Partial<AuditApplyInput> = {}): AuditApplyInput {
  return {
    fields: { version_desc: '新增节日花束专区，优化下单流程与配送时间选择功能', region_type: 'CHINA', ...fields },
    files,
    current,
    everOnline: false,
    lookupCategory: lookup,
    ...more,
  };
}
const subCode = (r: ReturnType<typeof validateAuditApply>) => (r.ok ? null : r.refusal.subCode);

describe('audit.apply fields', () => {
  test('a minimal valid submission takes the current base info as defaults', () => {
    const r = validateAuditApply(input({}));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.appName).toBe('花美花艺');
    expect(r.value.categoryIds).toBe('1002_100203');
    expect(r.value.screenshots).toHaveLength(2);
    expect(r.value.autoOnline).toBe(false);
  });

  test('version_desc: required, 30–500 with CJK=2', () => {
    expect(subCode(validateAuditApply(input({ version_desc: '' })))).toBe('VERSION_DESC_IS_BLANK');
    expect(subCode(validateAuditApply(input({ version_desc: '一'.repeat(14) })))).toBe('INVALID_VERSION_DESC_LENGTH');
    expect(subCode(validateAuditApply(input({ version_desc: '一'.repeat(15) })))).toBeNull();
    expect(subCode(validateAuditApply(input({ version_desc: '一'.repeat(251) })))).toBe('INVALID_VERSION_DESC_LENGTH');
  });

  test('region_type: required, one of three; LOCATION needs service_region_info', () => {
    expect(subCode(validateAuditApply(input({ region_type: '' })))).toBe('REGION_TYPE_IS_BLANK');
    expect(subCode(validateAuditApply(input({ region_type: 'MARS' })))).toBe('REGION_TYPE_IS_INVALID');
    expect(subCode(validateAuditApply(input({ region_type: 'LOCATION' })))).toBe('REGION_TYPE_IS_INVALID');
    const region = JSON.stringify([{ province_code: '330000', city_code: '330100', area_code: '330106' }]);
    expect(subCode(validateAuditApply(input({ region_type: 'LOCATION', service_region_info: region })))).toBeNull();
  });

  test('name, slogan and description rules', () => {
    expect(subCode(validateAuditApply(input({ app_name: '花美 花艺' })))).toBe('INVALID_MINI_APP_NAME');
    // 3–40 with CJK=2 and + / - allowed (§4 rev 2): one CJK character is 2, twenty-one are 42.
    expect(subCode(validateAuditApply(input({ app_name: '花' })))).toBe('INVALID_MINI_APP_NAME_LENGTH');
    expect(subCode(validateAuditApply(input({ app_name: '花'.repeat(21) })))).toBe('INVALID_MINI_APP_NAME_LENGTH');
    expect(subCode(validateAuditApply(input({ app_name: '花美+花艺-Shop' })))).toBeNull();
    expect(subCode(validateAuditApply(input({ app_english_name: 'Hua Mei' })))).toBe('INVALID_MINI_APP_EN_NAME');
    expect(subCode(validateAuditApply(input({ app_english_name: 'HM' })))).toBe('INVALID_MINI_APP_EN_NAME_LENGTH');
    expect(subCode(validateAuditApply(input({ app_name: '赌博花店' })))).toBe('MINI_APP_NAME_SENSITIVE');
    expect(subCode(validateAuditApply(input({ memo: '这里有赌博内容' })))).toBe('MINI_APP_MEMO_SENSITIVE');
    expect(subCode(validateAuditApply(input({ memo: '备'.repeat(251) })))).toBe('INVALID_MINI_APP_MEMO_LENGTH');
    expect(subCode(validateAuditApply(input({ app_name: '花美花艺新店' }, shots, { everOnline: true })))).toBe('CAN_NOT_MODIFY_NAME_ONCE_ONLINE');
    expect(subCode(validateAuditApply(input({ app_name: '花美花艺' }, shots, { everOnline: true })))).toBeNull();
    expect(subCode(validateAuditApply(input({ app_slogan: '好花' })))).toBe('INVALID_MINI_APP_SLOGAN_LENGTH');
    expect(subCode(validateAuditApply(input({ app_slogan: '每天一束好花' })))).toBeNull();
    expect(subCode(validateAuditApply(input({ app_desc: '描述太短' })))).toBe('INVALID_MINI_APP_DESC_LENGTH');
  });

  test('categories: 1–4 existing pairs', () => {
    expect(subCode(validateAuditApply(input({ app_category_ids: '1002_100203;1002_100203;1002_100203;1002_100203;1002_100203' })))).toBe(
      'CATEGORY_NUM_IS_INVALID',
    );
    // audit.apply spells it INVALID_CATEGORY; baseinfo.modify INVALID_CATEGOTY (§4).
    expect(subCode(validateAuditApply(input({ app_category_ids: '9_9' })))).toBe('INVALID_CATEGORY');
    expect(subCode(validateAuditApply(input({}, shots, { current: { ...current, categoryIds: null } })))).toBe('CATEGORY_NUM_IS_INVALID');
  });

  test('service phone or e-mail', () => {
    expect(subCode(validateAuditApply(input({}, shots, { current: { ...current, servicePhone: null } })))).toBe('SERVICE_TEL_AND_MAIL_BOTH_BLANK');
    expect(subCode(validateAuditApply(input({ service_phone: '12ab' })))).toBe('INVALID_MINI_APP_SERVICE_TEL');
    // Sandbox rule: no phone given and none on file → SERVICE_TEL_IS_BLANK, even with an e-mail.
    expect(subCode(validateAuditApply(input({ service_email: 'help@huamei.example' }, shots, { current: { ...current, servicePhone: null } })))).toBe('SERVICE_TEL_IS_BLANK');
    expect(subCode(validateAuditApply(input({ service_email: 'bad@' })))).toBe('INVALID_MINI_APP_SERVICE_MAIL');
  });

  test('0 or 2–5 screenshots for an instantiated mini-program, png or jpg', () => {
    expect(subCode(validateAuditApply(input({}, {})))).toBeNull();
    expect(subCode(validateAuditApply(input({}, { first_screen_shot: pngBytes(4, 8) })))).toBe('SCREEN_SHOT_NUM_IS_INVALID');
    expect(subCode(validateAuditApply(input({}, { ...shots, third_screen_shot: Buffer.from('GIF89a') })))).toBe('INVALID_SCREEN_SHOT_EXT');
  });

  test('logo: square png/jpg', () => {
    expect(subCode(validateAuditApply(input({}, { ...shots, app_logo: pngBytes(10, 12) })))).toBe('LOGO_HEIGHT_NOT_EQUAL_WIDTH');
    expect(subCode(validateAuditApply(input({}, { ...shots, app_logo: pngBytes(12, 12) })))).toBeNull();
  });
});

describe('baseinfo.modify', () => {
  const base = { current, everOnline: false, nameTaken: () => false, lookupCategory: lookup };

  test('needs at least one field', () => {
    const r = validateBaseInfoModify({ ...base, fields: {} });
    expect(r.ok ? null : r.refusal.subCode).toBe('MODIFY_PARAMS_ARE_BLANK');
  });

  test('names are frozen once online, unique, and not the platform brands', () => {
    const code = (fields: Record<string, string>, more = {}) => {
      const r = validateBaseInfoModify({ ...base, fields, ...more });
      return r.ok ? null : r.refusal.subCode;
    };
    expect(code({ app_name: '花美花艺新店' }, { everOnline: true })).toBe('CANNOT_MODIFY_NAME_AFTER_ONLINE');
    expect(code({ app_english_name: 'Huamei' }, { everOnline: true })).toBe('CANNOT_MODIFY_NAME_AFTER_ONLINE');
    expect(code({ app_name: '花美花艺', app_slogan: '每天一束好花送到身边' }, { everOnline: true })).toBeNull();
    expect(code({ app_name: '老王面馆' }, { nameTaken: () => true })).toBe('MINI_APP_NAME_DUPLICATE');
    // RISK_DECISION_HIT_BROAD is not in baseinfo.modify's list (§9 13): brand misuse is the reviewer's to find.
    expect(code({ app_name: '支付宝花店' })).toBeNull();
    expect(code({ app_name: '赌博花店' })).toBe('MINI_APP_NAME_SENSITIVE');
    expect(code({ service_email: 'bad@' })).toBe('INVALID_MINI_APP_SERVICE_EMAIL');
    expect(code({ service_email: 'dubo@赌博.example' })).toBe('MINI_APP_SERVICE_EMAIL_SENSITIVE');
    expect(code({ app_name: '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一' })).toBe('INVALID_MINI_APP_NAME_LENGTH');
    expect(code({ service_phone: 'abc' })).toBe('INVALID_MINI_APP_SERVICE_PHONE');
    expect(code({ app_category_ids: '1001_100203' })).toBe('INVALID_CATEGOTY');
  });

  test('returns only what changes', () => {
    const r = validateBaseInfoModify({ ...base, fields: { app_slogan: '每天一束好花送到身边' }, logo: pngBytes(8, 8) });
    expect(r.ok && r.value).toMatchObject({ info: { appSlogan: '每天一束好花送到身边' }, logo: { mime: 'image/png' } });
  });
});
