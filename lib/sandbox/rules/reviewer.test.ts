import { describe, expect, test } from 'vitest';
import { brandPart, rejectReasonText, reviewRejections, type AuditSubject, admissionRejections, marketingRejections } from './reviewer';

const good: AuditSubject = {
  appName: '花美花艺',
  appSlogan: '每天一束好花，送到您身边',
  appDesc: '花美花艺提供鲜花预订与同城配送服务，覆盖杭州主城区。',
  versionDesc: '新增节日花束专区，优化下单流程与配送时间选择。',
  screenshotCount: 3,
  testAccount: null,
  categories: [{ name: '鲜花绿植', needLicense: false }],
  licence: { number: false, name: false, validDate: false, pictures: 0 },
  outDoorPics: 0,
  specialLicencePics: 0,
};
const fullLicence = { number: true, name: true, validDate: true, pictures: 1 };

describe('sandbox reviewer', () => {
  test('passes a distinctive, complete submission', () => {
    expect(reviewRejections(good)).toEqual([]);
  });

  test('rule 1: names made only of region, product or service words are too generic', () => {
    for (const name of ['鲜花预定', '杭州开锁服务', '休闲男鞋']) {
      const reasons = reviewRejections({ ...good, appName: name });
      expect(reasons, name).toHaveLength(1);
      expect(reasons[0]).toContain('过于宽泛');
    }
    expect(brandPart('杭州开锁服务')).toBe('');
    expect(brandPart('老王开锁服务')).toBe('老王');
  });

  test('rule 1: 全国/国内/中国/国家 without a brand', () => {
    const reasons = reviewRejections({ ...good, appName: '中国鲜花网' });
    expect(reasons[0]).toContain('中国');
    expect(reviewRejections({ ...good, appName: '中国花美鲜花' })).toEqual([]);
  });

  test('rule 2: platform brands in the name', () => {
    for (const name of ['支付宝花店助手', '蚂蚁花艺', '阿里鲜花']) {
      expect(reviewRejections({ ...good, appName: name }).join()).toContain('支付宝');
    }
  });

  test('rule 3: placeholder slogan or description', () => {
    expect(reviewRejections({ ...good, appSlogan: '这是一个测试简介文字' })[0]).toContain('测试');
    expect(reviewRejections({ ...good, appDesc: 'TODO: write the description later' })[0]).toContain('todo');
    expect(reviewRejections({ ...good, appDesc: '花美花艺 xxx 描述待补充内容' })[0]).toContain('xxx');
  });

  test('rule 4: a test account when the version mentions sign-in or membership; screenshots are not counted here (§5)', () => {
    expect(reviewRejections({ ...good, screenshotCount: 0 })).toEqual([]);
    expect(reviewRejections({ ...good, versionDesc: '新增会员积分功能，登录后可查看积分明细与兑换记录' })[0]).toContain('测试账号');
    expect(reviewRejections({ ...good, versionDesc: '新增会员积分功能，登录后可查看积分明细与兑换记录', testAccount: 'tester' })).toEqual([]);
  });

  test('rule 5: licensed categories need licence information', () => {
    const licensed = { ...good, categories: [{ name: '中餐正餐', needLicense: true }] };
    expect(reviewRejections(licensed)[0]).toContain('中餐正餐');
    expect(reviewRejections({ ...licensed, licence: fullLicence })).toEqual([]);
    // A number alone is not a licence: the pictures and validity are named as missing.
    expect(reviewRejections({ ...licensed, licence: { ...fullLicence, pictures: 0, validDate: false } })[0]).toMatch(/有效期、执照照片/);
  });

  test('rule 5: a door photo and special licences where the category asks for them', () => {
    const door = { ...good, categories: [{ name: '中餐正餐', needLicense: true, needOutDoorPic: true }], licence: fullLicence };
    expect(reviewRejections(door)[0]).toContain('门头照');
    expect(reviewRejections({ ...door, outDoorPics: 1 })).toEqual([]);
    const special = { ...good, categories: [{ name: '处方药', needLicense: false, needSpecialLicense: true }] };
    expect(reviewRejections(special)[0]).toContain('特殊行业许可证');
    expect(reviewRejections({ ...special, specialLicencePics: 1 })).toEqual([]);
  });

  test('BASE_PROMOTE split: rule 1 is the marketing failure, rules 2–5 admission (§5)', () => {
    const generic = { ...good, appName: '杭州鲜花预定' };
    expect(marketingRejections(generic)).toHaveLength(1);
    expect(admissionRejections(generic)).toEqual([]);
    expect(marketingRejections({ ...good, appName: '支付宝鲜花' })).toEqual([]);
    expect(admissionRejections({ ...good, appName: '支付宝鲜花' })).toHaveLength(1);
  });

  test('every failed rule is named in the reason', () => {
    const reasons = reviewRejections({ ...good, appName: '支付宝鲜花', appSlogan: 'test slogan text', versionDesc: '新增会员积分功能，登录后可查看积分明细与兑换记录' });
    expect(reasons).toHaveLength(3);
    expect(rejectReasonText(reasons)).toMatch(/^1\. .+；2\. .+；3\. .+$/);
  });
});
