// alipay.open.mini.version.audit.apply field rules (multipart and plain), and the reviewer's licence rule.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getVersionDetail, submitAudit, type SubmitAuditInput } from '@/lib/alipay/versions';
import { LICENSED_CATEGORY, solidPng, squarePng, startContractSandbox, type ContractSandbox, type Merchant } from './harness';
import { auditInput, expectRefusal, uploadBuilt, waitForDecision } from './flows';

let t: ContractSandbox;
let m: Merchant;
beforeAll(async () => {
  t = await startContractSandbox();
  m = await t.newMerchant();
  await uploadBuilt(t.client, m.scope, '1.0.0');
});
afterEach(() => t.resetPlatform());
afterAll(() => t.close());

const submitWith = async (overrides: Partial<SubmitAuditInput>) => submitAudit(await auditInput(m.scope, '1.0.0', overrides), t.client);

describe('audit.apply refuses invalid fields and writes nothing', () => {
  it.each<[string, Partial<SubmitAuditInput>]>([
    ['VERSION_DESC_IS_BLANK', { versionDesc: '' }],
    ['INVALID_VERSION_DESC_LENGTH', { versionDesc: '修复问题' }],
    ['REGION_TYPE_IS_BLANK', { regionType: '' as 'CHINA' }],
    ['REGION_TYPE_IS_INVALID', { regionType: 'MARS' as 'CHINA' }],
    ['REGION_TYPE_IS_INVALID', { regionType: 'LOCATION' }],
    ['INVALID_MINI_APP_NAME', { appName: '青禾！花店' }],
    // 3–40 with CJK=2, + and - allowed (§4 rev 2): one CJK character is 2, twenty-one are 42.
    ['INVALID_MINI_APP_NAME_LENGTH', { appName: '青' }],
    ['INVALID_MINI_APP_NAME_LENGTH', { appName: '青'.repeat(21) }],
    ['MINI_APP_NAME_SENSITIVE', { appName: '青禾赌博' }],
    ['INVALID_MINI_APP_EN_NAME', { appEnglishName: 'Qinghe Flowers' }],
    ['INVALID_MINI_APP_EN_NAME_LENGTH', { appEnglishName: 'QH' }],
    ['INVALID_MINI_APP_MEMO_LENGTH', { memo: '备'.repeat(251) }],
    ['MINI_APP_MEMO_SENSITIVE', { memo: '这里有赌博内容' }],
    ['MINI_APP_VERSION_DESC_SENSITIVE', { versionDesc: '新增花束预订功能，优化首页加载速度与下单流程，赌博' }],
    ['INVALID_MINI_APP_SLOGAN_LENGTH', { appSlogan: '好花' }],
    ['INVALID_MINI_APP_DESC_LENGTH', { appDesc: '卖花' }],
    ['CATEGORY_NUM_IS_INVALID', { miniCategoryIds: ['1002_100201', '1002_100202', '1002_100203', '1003_100301', '1003_100303'] }],
    // audit.apply's spelling; baseinfo.modify answers INVALID_CATEGOTY (§4).
    ['INVALID_CATEGORY', { miniCategoryIds: ['1002_999999'] }],
    ['INVALID_MINI_APP_SERVICE_TEL', { servicePhone: 'call-me' }],
    ['SERVICE_TEL_AND_MAIL_BOTH_BLANK', { servicePhone: undefined }],
    // Sandbox rule: no phone given and none on file, even with an e-mail.
    ['SERVICE_TEL_IS_BLANK', { servicePhone: undefined, serviceEmail: 'help@qinghe.example' }],
    ['INVALID_MINI_APP_SERVICE_MAIL', { serviceEmail: 'help@' }],
    // 0 or 2–5 for an instantiated mini-program: exactly one is refused.
    ['SCREEN_SHOT_NUM_IS_INVALID', { screenshots: [{ fileName: 'one.png', content: solidPng(10, 10) }] }],
    ['LOGO_HEIGHT_NOT_EQUAL_WIDTH', { appLogo: { fileName: 'logo.png', content: solidPng(40, 20) } }],
    ['INVALID_LOGO_EXT', { appLogo: { fileName: 'logo.png', content: Buffer.from('GIF89a not really') } }],
  ])('%s', async (subCode, overrides) => {
    await expectRefusal(submitWith(overrides), subCode);
    expect((await getVersionDetail({ ...m.scope, appVersion: '1.0.0' }, t.client)).status).toBe('INIT');
  });
});

describe('audit.apply accepts', () => {
  it('a LOCATION region with its regions, an English name, memo and test account', async () => {
    const other = await t.newMerchant();
    await uploadBuilt(t.client, other.scope, '1.0.0');
    await submitAudit(
      await auditInput(other.scope, '1.0.0', {
        regionType: 'LOCATION',
        serviceRegions: [{ provinceCode: '330000', cityCode: '330100', areaCode: '330106' }],
        appEnglishName: 'QingheFlowers',
        memo: '会员功能请使用测试账号登录',
        testAccount: '13800000009',
        testPassword: 'pass1234',
        versionDesc: '新增会员登录与积分功能，优化下单流程与首页加载速度',
        screenshots: [1, 2, 3, 4, 5].map((i) => ({ fileName: `s${i}.png`, content: solidPng(30, 60) })),
      }),
      t.client,
    );
    const decided = await waitForDecision(t.client, other.scope, '1.0.0');
    expect(decided).toMatchObject({ status: 'WAIT_RELEASE', appEnglishName: 'QingheFlowers', memo: '会员功能请使用测试账号登录' });
    expect(decided.screenShotList).toHaveLength(5);
  });

  it('an instantiated mini-program without screenshots (sent as plain parameters), and a name with + and -', async () => {
    const other = await t.newMerchant();
    await uploadBuilt(t.client, other.scope, '1.0.0');
    await submitAudit(await auditInput(other.scope, '1.0.0', { screenshots: [], appLogo: undefined, appName: `${other.appName}+Go-1` }), t.client);
    const decided = await waitForDecision(t.client, other.scope, '1.0.0');
    expect(decided).toMatchObject({ status: 'WAIT_RELEASE', appName: `${other.appName}+Go-1` });
    expect(decided.screenShotList).toEqual([]);
  });

  it('a licensed category only with a licence: rejected without, passed with', async () => {
    const rejected = await t.newMerchant();
    await uploadBuilt(t.client, rejected.scope, '1.0.0');
    await submitAudit(await auditInput(rejected.scope, '1.0.0', { miniCategoryIds: [LICENSED_CATEGORY] }), t.client);
    const noLicence = await waitForDecision(t.client, rejected.scope, '1.0.0');
    expect(noLicence.status).toBe('AUDIT_REJECT');
    expect(noLicence.rejectReason).toContain('资质');

    const licensed = await t.newMerchant();
    await uploadBuilt(t.client, licensed.scope, '1.0.0');
    await submitAudit(
      await auditInput(licensed.scope, '1.0.0', {
        miniCategoryIds: [LICENSED_CATEGORY],
        license: {
          licenseNo: 'JY13301060000001',
          licenseName: '食品经营许可证',
          licenseValidDate: '2030-12-31',
          pictures: [{ fileName: 'l.png', content: await squarePng('licence') }],
          // 中餐正餐 asks for a shop-front photo too (category.require.query).
          outDoorPicture: { fileName: 'door.png', content: await squarePng('door') },
        },
      }),
      t.client,
    );
    expect((await waitForDecision(t.client, licensed.scope, '1.0.0')).status).toBe('WAIT_RELEASE');
  });
});
