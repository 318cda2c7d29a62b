// Contract revision 2 through lib/alipay (alipay-sdk) against the served sandbox: three-level categories
// (§9 lines 6–7), category.require.query and reviewer rule 5 (lines 41–42), the ICP gate of version.online
// (line 18), server domains (line 40), the sensitive-word list (lines 12, 48) and restricted release in baseinfo.query
// (line 19).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSafeDomain, deleteSafeDomain, modifyBaseInfo, queryBaseInfo, queryCategories, queryCategoryRequirements } from '@/lib/alipay/base-info';
import { getVersionDetail, releaseVersion, submitAudit } from '@/lib/alipay/versions';
import { DEFAULT_BLOCKED_DOMAINS } from '@/lib/sandbox/rules/safe-domains';
import { DEFAULT_SENSITIVE_WORDS } from '@/lib/sandbox/rules/text-rules';
import { auditInput, expectRefusal, passedVersion, uploadBuilt, waitForDecision } from './flows';
import { LICENSED_CATEGORY, squarePng, startContractSandbox, type ContractSandbox } from './harness';

/** 餐饮 › 饮品甜点 › 咖啡: a third-level leaf. */
const THIRD_LEVEL = '1001_100103_10010301';
/** 餐饮 › 饮品甜点: has children, so not a root-to-leaf path. */
const NOT_A_LEAF = '1001_100103';
/** 医疗健康 › 药品零售 › 处方药: licence and special licence. */
const SPECIAL = '1004_100401_10040101';

let t: ContractSandbox;
beforeAll(async () => {
  t = await startContractSandbox();
});
afterEach(() => {
  t.resetPlatform();
  t.sandbox.control.updateSettings({ sensitiveWords: [...DEFAULT_SENSITIVE_WORDS], blockedDomains: [...DEFAULT_BLOCKED_DOMAINS] });
});
afterAll(() => t.close());

const png = async (name: string) => ({ fileName: `${name}.png`, content: await squarePng(name) });

describe('categories: mini_category_list and mini_category_ids (three levels)', () => {
  it('category.query answers the three-level tree with its flags; the console reads mini_category_list', async () => {
    const all = await queryCategories({}, t.client);
    expect(all.find((c) => c.categoryId === '10010301')).toMatchObject({ parentCategoryId: '100103', hasChild: false });
    expect(all.find((c) => c.categoryId === '100103')).toMatchObject({ hasChild: true });
    expect(all.find((c) => c.categoryId === '10040101')).toMatchObject({ needLicense: true, needSpecialLicense: true });
  });

  it('audit.apply takes a root-to-leaf path of three levels and refuses a path that stops above a leaf', async () => {
    const m = await t.newMerchant();
    await uploadBuilt(t.client, m.scope, '1.0.0');
    await expectRefusal(submitAudit(await auditInput(m.scope, '1.0.0', { miniCategoryIds: [NOT_A_LEAF] }), t.client), 'INVALID_CATEGORY');
    await submitAudit(await auditInput(m.scope, '1.0.0', { miniCategoryIds: [THIRD_LEVEL] }), t.client);
    const detail = await waitForDecision(t.client, m.scope, '1.0.0');
    expect(detail.status).toBe('WAIT_RELEASE');
    expect(detail.miniCategoryInfoList[0]).toMatchObject({ firstCategoryName: '餐饮', secondCategoryName: '饮品甜点', thirdCategoryId: '10010301', thirdCategoryName: '咖啡' });
  });

  it('baseinfo.modify sends mini_category_ids (INVALID_CATEGOTY for a non-leaf) and baseinfo.query names all levels', async () => {
    const m = await t.newMerchant();
    await expectRefusal(modifyBaseInfo({ ...m.scope, servicePhone: '0571-88886666', miniCategoryIds: [NOT_A_LEAF] }, t.client), 'INVALID_CATEGOTY');
    await modifyBaseInfo({ ...m.scope, servicePhone: '0571-88886666', miniCategoryIds: [THIRD_LEVEL, '1002_100203'] }, t.client);
    expect((await queryBaseInfo(m.scope, t.client)).categoryNames).toBe('餐饮_饮品甜点_咖啡;零售_鲜花绿植');
  });
});

describe('category.require.query', () => {
  it('names what each category needs, with the requirement text', async () => {
    const [restaurant, coffee, drugs] = await queryCategoryRequirements({ categoryCodes: [LICENSED_CATEGORY, THIRD_LEVEL, SPECIAL] }, t.client);
    expect(restaurant).toMatchObject({ categoryCode: LICENSED_CATEGORY, categoryName: '餐饮_中餐正餐', businessLicenceRequired: true, doorPhotoRequired: true, specialLicenceRequired: false });
    expect(restaurant.categoryRequirements).toContain('营业执照');
    expect(coffee).toMatchObject({ businessLicenceRequired: false, doorPhotoRequired: false, specialLicenceRequired: false });
    expect(drugs).toMatchObject({ businessLicenceRequired: true, specialLicenceRequired: true });
  });

  it('refuses an empty list, an unknown code and more than five codes', async () => {
    await expectRefusal(queryCategoryRequirements({ categoryCodes: [] }, t.client), 'CATEGORY_IS_BLANK');
    await expectRefusal(queryCategoryRequirements({ categoryCodes: ['1002_999999'] }, t.client), 'CATEGORY_ERROR');
    const six = ['1002_100201', '1002_100202', '1002_100203', '1003_100301', '1003_100303', '1005_100501'];
    await expectRefusal(t.client.call('alipay.open.mini.category.require.query', (await import('zod')).z.object({}), { bizContent: { category_code_list: six } }), 'PARAMETER_ERROR');
  });
});

describe('reviewer rule 5: qualifications the category needs', () => {
  it('a door photo and special licences are checked as well as the business licence', async () => {
    const licence = { licenseNo: 'JY13301060000001', licenseName: '青禾餐饮管理有限公司', licenseValidDate: '9999-12-31', pictures: [await png('licence')] };
    const noDoor = await t.newMerchant();
    await uploadBuilt(t.client, noDoor.scope, '1.0.0');
    await submitAudit(await auditInput(noDoor.scope, '1.0.0', { miniCategoryIds: [LICENSED_CATEGORY], license: licence }), t.client);
    const rejected = await waitForDecision(t.client, noDoor.scope, '1.0.0');
    expect(rejected.status).toBe('AUDIT_REJECT');
    expect(rejected.rejectReason).toContain('门头照');

    const drugs = await t.newMerchant();
    await uploadBuilt(t.client, drugs.scope, '1.0.0');
    await submitAudit(await auditInput(drugs.scope, '1.0.0', { miniCategoryIds: [SPECIAL], license: { ...licence, specialPictures: [await png('special')] } }), t.client);
    expect((await waitForDecision(t.client, drugs.scope, '1.0.0')).status).toBe('WAIT_RELEASE');
    // What the platform received: the licence fields and every picture.
    const received = t.sandbox.control.listVersions(drugs.appId)[0];
    expect(received).toMatchObject({ licenseNo: 'JY13301060000001', licenseValidDate: '9999-12-31', licensePicCount: 1, specialLicensePicCount: 1, outDoorPicCount: 0 });
  });
});

describe('ICP gate of version.online', () => {
  // Gray first is optional (§4 Transitions, the default): the gate is the only refusal left.
  beforeEach(() => t.sandbox.control.updateSettings({ grayOptional: true }));
  it('refuses the first release without filing; a restricted release on permit; filing ends it', async () => {
    const m = await t.newMerchant();
    t.sandbox.control.setIcpFiled({ appId: m.appId, filed: false });
    await passedVersion(t.client, m.scope, '1.0.0');
    const refusal = await expectRefusal(releaseVersion({ ...m.scope, appVersion: '1.0.0' }, t.client), 'CAN_NOT_ONLINE_WITHOUT_REGISTRATION');
    expect(refusal.userMessage).toContain('ICP');
    expect((await getVersionDetail({ ...m.scope, appVersion: '1.0.0' }, t.client)).status).toBe('WAIT_RELEASE');

    await releaseVersion({ ...m.scope, appVersion: '1.0.0', permitRegistrationLimitRelease: true }, t.client);
    expect((await getVersionDetail({ ...m.scope, appVersion: '1.0.0' }, t.client)).status).toBe('RELEASE');
    expect((await queryBaseInfo(m.scope, t.client)).registrationLimitRelease).toBe(true);

    t.sandbox.control.setIcpFiled({ appId: m.appId, filed: true });
    expect((await queryBaseInfo(m.scope, t.client)).registrationLimitRelease).toBe(false);
  });

  it('a filed mini-program goes online without the permit', async () => {
    const m = await t.newMerchant();
    await passedVersion(t.client, m.scope, '1.0.0');
    await releaseVersion({ ...m.scope, appVersion: '1.0.0' }, t.client);
    expect((await queryBaseInfo(m.scope, t.client)).registrationLimitRelease).toBe(false);
  });
});

describe('server domains', () => {
  it('create and delete one domain per call; shown at once in baseinfo.query', async () => {
    const m = await t.newMerchant();
    await createSafeDomain({ ...m.scope, safeDomain: 'https://API.qinghe.example' }, t.client);
    await createSafeDomain({ ...m.scope, safeDomain: 'wss://ws.qinghe.example' }, t.client);
    expect((await queryBaseInfo(m.scope, t.client)).safeDomains).toEqual(['https://api.qinghe.example', 'wss://ws.qinghe.example']);
    await expectRefusal(createSafeDomain({ ...m.scope, safeDomain: 'https://api.qinghe.example' }, t.client), 'SAFEDOMAIN_EXSIT');
    await deleteSafeDomain({ ...m.scope, safeDomain: 'https://api.qinghe.example' }, t.client);
    // Deleting one that is not listed succeeds (sandbox rule: no code exists).
    await deleteSafeDomain({ ...m.scope, safeDomain: 'https://gone.example' }, t.client);
    expect((await queryBaseInfo(m.scope, t.client)).safeDomains).toEqual(['wss://ws.qinghe.example']);
  });

  it('refuses blank, malformed and blocked domains, and the 31st', async () => {
    const m = await t.newMerchant();
    await expectRefusal(createSafeDomain({ ...m.scope, safeDomain: '' }, t.client), 'SAFE_DOMAIN_IS_BLANK');
    for (const bad of ['https://api.example/path', 'api.example:8443', '10.0.0.1', 'http://api.example']) {
      await expectRefusal(createSafeDomain({ ...m.scope, safeDomain: bad }, t.client), 'INVALID_SAFE_DOMAIN');
    }
    await expectRefusal(createSafeDomain({ ...m.scope, safeDomain: `${'a'.repeat(250)}.example` }, t.client), 'SAFEDOMAIN_EXCEED_LENGTH');
    await expectRefusal(createSafeDomain({ ...m.scope, safeDomain: 'https://blocked.example' }, t.client), 'SAFEDOMAIN_FORBID');
    t.sandbox.control.updateSettings({ blockedDomains: ['evil.example'] });
    await expectRefusal(createSafeDomain({ ...m.scope, safeDomain: 'EVIL.example' }, t.client), 'SAFEDOMAIN_FORBID');
    for (let i = 0; i < 30; i += 1) await createSafeDomain({ ...m.scope, safeDomain: `s${i}.qinghe.example` }, t.client);
    await expectRefusal(createSafeDomain({ ...m.scope, safeDomain: 's30.qinghe.example' }, t.client), 'SAFEDOMAIN_VOER_LIMIT');
  });
});

describe('the sensitive-word list', () => {
  it('a word added on the sandbox is refused with the field’s own code, on audit.apply and baseinfo.modify', async () => {
    t.sandbox.control.updateSettings({ sensitiveWords: ['秒杀神器'] });
    const m = await t.newMerchant();
    await expectRefusal(modifyBaseInfo({ ...m.scope, servicePhone: '0571-88886666', appSlogan: '秒杀神器，天天都有好价' }, t.client), 'MINI_APP_SLOGAN_SENSITIVE');
    await uploadBuilt(t.client, m.scope, '1.0.0');
    await expectRefusal(submitAudit(await auditInput(m.scope, '1.0.0', { memo: '首页含秒杀神器入口' }), t.client), 'MINI_APP_MEMO_SENSITIVE');
    // The shipped words no longer apply once the list is replaced.
    await modifyBaseInfo({ ...m.scope, servicePhone: '0571-88886666', appSlogan: '鲜花赌博之外的一切都好' }, t.client);
  });
});
