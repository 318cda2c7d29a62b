import { describe, expect, it } from 'vitest';
import type { VersionFacts } from '@/lib/versions/operations';
import { auditRefusals, submitAuditRefusals, type AuditApplyPlan, type AuditCheck, type ImageFacts } from './acceptance';

const plan: AuditApplyPlan = {
  versionDesc: '新增花束预订功能，优化首页加载速度与下单流程体验',
  regionType: 'CHINA',
  regions: [],
  servicePhone: '13800001111',
  screenshotCount: 0,
  hasLogo: false,
};
const current: AuditCheck['current'] = { appName: '青禾花艺', categoryIds: ['10_1001'] };
const codes = (c: Partial<Omit<AuditCheck, 'plan' | 'current'>> & { plan?: Partial<AuditApplyPlan>; current?: AuditCheck['current'] } = {}) =>
  auditRefusals({ current: { ...current, ...c.current }, plan: { ...plan, ...c.plan }, images: c.images, categoryTree: c.categoryTree }).map((r) => r.code);

const png = (width: number, height: number, bytes = 1000): ImageFacts => ({ bytes, info: { mime: 'image/png', width, height } });

describe('what the platform accepts for audit.apply', () => {
  it('accepts a complete request', () => {
    expect(codes()).toEqual([]);
  });

  it('refuses a mini-program without a category with CATEGORY_NUM_IS_INVALID, unless the request brings one', () => {
    const none = auditRefusals({ plan, current: { appName: '青禾花艺', categoryIds: [] } });
    expect(none[0]).toMatchObject({ code: 'CATEGORY_NUM_IS_INVALID', message: 'acceptance.codes.CATEGORY_NUM_IS_INVALID', field: 'categoryIds', by: 'gateway' });
    expect(codes({ current: { categoryIds: undefined } })).toEqual(['CATEGORY_NUM_IS_INVALID']);
    expect(codes({ current: { categoryIds: [] }, plan: { categoryIds: ['10_1001'] } })).toEqual([]);
    expect(codes({ plan: { categoryIds: ['1', '2', '3', '4', '5'].map((n) => `${n}_1`) } })).toEqual(['CATEGORY_NUM_IS_INVALID']);
  });

  it('refuses a category the tree does not have, or that stops above a leaf', () => {
    const categoryTree = [{ value: '10', children: [{ value: '1001' }, { value: '1002', children: [{ value: '100201' }] }] }];
    expect(codes({ categoryTree })).toEqual([]);
    expect(codes({ categoryTree, plan: { categoryIds: ['10_9999'] } })).toEqual(['INVALID_CATEGORY']);
    expect(codes({ categoryTree, plan: { categoryIds: ['10_1002'] } })).toEqual(['INVALID_CATEGORY']);
    expect(codes({ categoryTree, plan: { categoryIds: ['10_1002_100201'] } })).toEqual([]);
  });

  it('needs a service phone: the one sent, or the one on file', () => {
    expect(codes({ plan: { servicePhone: undefined } })).toEqual(['SERVICE_TEL_AND_MAIL_BOTH_BLANK']);
    expect(codes({ plan: { servicePhone: undefined, serviceEmail: 'a@b.cn' } })).toEqual(['SERVICE_TEL_IS_BLANK']);
    expect(codes({ plan: { servicePhone: undefined }, current: { servicePhone: '0571-88886666' } })).toEqual([]);
    expect(codes({ plan: { servicePhone: '12ab' } })).toEqual(['INVALID_MINI_APP_SERVICE_TEL']);
    expect(codes({ plan: { serviceEmail: 'nope' } })).toEqual(['INVALID_MINI_APP_SERVICE_MAIL']);
  });

  it('applies the audit.apply name rules: 3–40 with CJK=2, `+` and `-` allowed; English letters and digits', () => {
    expect(codes({ plan: { appName: '青禾+花艺-杭州店' } })).toEqual([]);
    expect(codes({ plan: { appName: '青禾花艺'.repeat(5) } })).toEqual([]); // 20 CJK = 40
    expect(codes({ plan: { appName: '青禾花艺'.repeat(5) + '店' } })).toEqual(['INVALID_MINI_APP_NAME_LENGTH']);
    expect(codes({ plan: { appName: '青禾 花艺' } })).toEqual(['INVALID_MINI_APP_NAME']);
    expect(codes({ plan: { appEnglishName: 'QingheFlowers2' } })).toEqual([]);
    expect(codes({ plan: { appEnglishName: 'Qinghe Flowers' } })).toEqual(['INVALID_MINI_APP_EN_NAME']);
    expect(codes({ plan: { appEnglishName: 'Qh' } })).toEqual(['INVALID_MINI_APP_EN_NAME_LENGTH']);
    expect(codes({ plan: { appName: '青禾鲜花' }, current: { nameLocked: true } })).toEqual(['CAN_NOT_MODIFY_NAME_ONCE_ONLINE']);
    // The mini-program's own name is checked too: the platform defaults to it.
    expect(codes({ current: { appName: '青' } })).toEqual(['INVALID_MINI_APP_NAME_LENGTH']);
  });

  it('checks slogan, description, version description, region and memo lengths', () => {
    expect(codes({ plan: { appSlogan: '好花' } })).toEqual(['INVALID_MINI_APP_SLOGAN_LENGTH']);
    expect(codes({ plan: { appDesc: '鲜花配送' } })).toEqual(['INVALID_MINI_APP_DESC_LENGTH']);
    expect(codes({ plan: { versionDesc: '' } })).toEqual(['VERSION_DESC_IS_BLANK']);
    expect(codes({ plan: { versionDesc: '修复问题' } })).toEqual(['INVALID_VERSION_DESC_LENGTH']);
    expect(codes({ plan: { regionType: 'LOCATION' } })).toEqual(['REGION_TYPE_IS_INVALID']);
    expect(codes({ plan: { memo: '备'.repeat(251) } })).toEqual(['INVALID_MINI_APP_MEMO_LENGTH']);
  });

  it('takes none or 2–5 screenshots, and reads them by their bytes', () => {
    for (const n of [0, 2, 5]) expect(codes({ plan: { screenshotCount: n } })).toEqual([]);
    for (const n of [1, 6]) expect(codes({ plan: { screenshotCount: n } })).toEqual(['SCREEN_SHOT_NUM_IS_INVALID']);
    const two = (second: ImageFacts) => codes({ plan: { screenshotCount: 2 }, images: { screenshots: [png(750, 1334), second] } });
    expect(two(png(750, 1334))).toEqual([]);
    expect(two({ bytes: 500, info: null })).toEqual(['INVALID_SCREEN_SHOT_EXT']);
    expect(two(png(750, 1334, 5 * 1024 * 1024))).toEqual(['SCREEN_SHOT_EXCEED_MAX_SIZE']);
    expect(two(png(2400, 4000))).toEqual(['SCREEN_SHOT_EXCEED_MAX_SIZE']);
    expect(codes({ plan: { hasLogo: true }, images: { screenshots: [], logo: png(200, 100) } })).toEqual(['LOGO_HEIGHT_NOT_EQUAL_WIDTH']);
    expect(codes({ plan: { hasLogo: true }, images: { screenshots: [], logo: { bytes: 10, info: null } } })).toEqual(['INVALID_LOGO_EXT']);
  });

  it("asks for a test account when the description mentions 登录 or 会员 (the reviewer's rule 4)", () => {
    const desc = '新增会员积分与登录功能，优化首页加载速度与下单流程';
    const [r] = auditRefusals({ plan: { ...plan, versionDesc: desc }, current });
    expect(r).toMatchObject({ code: 'AUDIT_REJECT', message: 'acceptance.reviewer.testAccount', params: { word: '登录' }, by: 'reviewer' });
    expect(codes({ plan: { versionDesc: desc, testAccount: 'reviewer01', testPassword: 'x' } })).toEqual([]);
  });

  it("refuses what the reviewer rejects (§5 rules 1–3) on the name the platform will hold", () => {
    expect(auditRefusals({ plan, current: { ...current, appName: '杭州鲜花' } })[0]).toMatchObject({ code: 'AUDIT_REJECT', message: 'preAudit.rules.nameGeneric.message' });
    expect(codes({ plan: { appSlogan: 'TODO 以后再写这一句简介' } })).toEqual(['AUDIT_REJECT']);
  });

  it('puts the version state first, by the one rule in lib/versions/operations.ts', () => {
    const v = (appVersion: string, status: VersionFacts['status']): VersionFacts => ({
      appVersion,
      status,
      buildStatus: 'success',
      experience: 'none',
      grayStrategy: null,
      canRelease: false,
      onlineByRollback: false,
    });
    const dev = v('1.0.1', 'INIT');
    const refusals = submitAuditRefusals(dev, [dev, v('1.0.0', 'AUDITING')], { plan, current: { categoryIds: [] } });
    expect(refusals.map((r) => r.code)).toEqual(['CAN_NOT_SUBMIT_WITH_AUDIT_GRAY', 'CATEGORY_NUM_IS_INVALID']);
    expect(refusals[0]).toMatchObject({ message: 'versions.reasons.otherInProgress', params: { version: '1.0.0', status: 'AUDITING' } });
  });
});

describe('qualifications the categories need (§5 rule 5)', () => {
  const tree = [
    {
      value: '1001',
      label: '餐饮',
      children: [
        { value: '100101', label: '中餐正餐', needLicense: true, needOutDoorPic: true },
        { value: '100103', label: '饮品甜点', children: [{ value: '10010301', label: '咖啡' }] },
      ],
    },
  ];
  const full = { number: true, name: true, validDate: true, pictures: 1, outDoorPictures: 1, specialPictures: 0 };
  const check = (plan: Partial<AuditApplyPlan>, requirements?: AuditCheck['requirements']) =>
    auditRefusals({ plan: { ...plan_, ...plan }, current: { appName: '青禾花艺', categoryIds: ['1001_100101'] }, categoryTree: tree, requirements });
  const plan_ = plan;

  it('warns, by the reviewer, before a licence-requiring category is submitted without one; names the field to fill', () => {
    const [first] = check({});
    expect(first).toMatchObject({ rule: 'qualifications', code: 'AUDIT_REJECT', by: 'reviewer', message: 'acceptance.reviewer.licence', field: 'licenseNo', params: { categories: '餐饮_中餐正餐' } });
    expect(check({ licence: { ...full, pictures: 0 } })[0]).toMatchObject({ field: 'licensePics' });
    expect(check({ licence: { ...full, outDoorPictures: 0 } })[0]).toMatchObject({ message: 'acceptance.reviewer.doorPhoto', field: 'outDoorPic' });
    expect(check({ licence: full })).toEqual([]);
  });

  it('follows the categories the request sends over the ones on file', () => {
    expect(check({ categoryIds: ['1001_100103_10010301'] })).toEqual([]);
  });

  it('category.require.query’s answer wins over the tree’s flags', () => {
    const requirements = [{ code: '1001_100101', name: '餐饮_中餐正餐', businessLicence: false, doorPhoto: false, specialLicence: true }];
    expect(check({ licence: full }, requirements)[0]).toMatchObject({ message: 'acceptance.reviewer.specialLicence', field: 'specialLicensePics' });
    expect(check({ licence: { ...full, specialPictures: 1 } }, requirements)).toEqual([]);
  });
});
