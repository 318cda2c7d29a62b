// Version operations and every transition of the contract's table, allowed and refused, through lib/alipay.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createExperience } from '@/lib/alipay/experience';
import {
  cancelAudit,
  cancelGrayRelease,
  getVersionDetail,
  listVersions,
  releaseVersion,
  returnToDevelopment,
  rollbackVersion,
  startGrayRelease,
  submitAudit,
  takeVersionOffline,
  type GrayStrategy,
} from '@/lib/alipay/versions';
import { startContractSandbox, type ContractSandbox, type Merchant } from './harness';
import { auditInput, expectRefusal, onlineVersion, passedVersion, uploadBuilt, waitForDecision } from './flows';

let t: ContractSandbox;
beforeAll(async () => {
  t = await startContractSandbox();
});
afterEach(() => t.resetPlatform());
afterAll(() => t.close());

const statusOf = async (m: Merchant, appVersion: string) => (await getVersionDetail({ ...m.scope, appVersion }, t.client)).status;
const v = (m: Merchant, appVersion: string) => ({ ...m.scope, appVersion });

describe('audit', () => {
  it('submits with screenshots and a logo, cancels back to INIT, resubmits and passes', async () => {
    const m = await t.newMerchant();
    await uploadBuilt(t.client, m.scope, '1.0.0');
    // Held for a person until the steps that need AUDITING are done.
    t.sandbox.control.updateSettings({ reviewMode: 'manual' });
    await expect(submitAudit(await auditInput(m.scope, '1.0.0'), t.client)).resolves.toEqual({ speedUp: false });
    const inAudit = await getVersionDetail(v(m, '1.0.0'), t.client);
    expect(inAudit).toMatchObject({ status: 'AUDITING', versionDesc: '新增花束预订功能，优化首页加载速度与下单流程', servicePhone: '0571-88886666' });
    expect(inAudit.screenShotList).toHaveLength(2);
    expect(inAudit.appLogo).toMatch(/^http/);
    expect(inAudit.miniCategoryInfoList[0]).toMatchObject({ firstCategoryId: '1002', secondCategoryId: '100203' });
    expect(inAudit.gmtApplyAudit).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    await cancelAudit(m.scope, t.client);
    expect(await statusOf(m, '1.0.0')).toBe('INIT');
    await expectRefusal(cancelAudit(m.scope, t.client), 'AUDITING_VERSION_NOT_EXIST');

    await submitAudit(await auditInput(m.scope, '1.0.0'), t.client);
    await expectRefusal(returnToDevelopment(v(m, '1.0.0'), t.client), 'CAN_NOT_BACK_DEV_WITHOUT_AUDIT');
    await expectRefusal(submitAudit(await auditInput(m.scope, '1.0.0'), t.client), 'CAN_NOT_SUBMIT_WITHOUT_INIT');
    t.sandbox.control.updateSettings({ reviewMode: 'auto' });
    const decided = await waitForDecision(t.client, m.scope, '1.0.0');
    expect(decided.status).toBe('WAIT_RELEASE');
    expect(decided.gmtAuditEnd).toBeTruthy();
    const passed = t.sandbox.control.listMessages().find((x) => x.name === 'alipay.open.mini.version.audit.passed' && x.authAppId === m.appId);
    expect(JSON.parse(passed!.params.biz_content)).toMatchObject({ mini_app_id: m.appId, mini_app_version: '1.0.0' });

    await returnToDevelopment(v(m, '1.0.0'), t.client);
    expect(await statusOf(m, '1.0.0')).toBe('INIT');
  });

  it('is rejected by the reviewer with a reason, and the rejected version blocks a new submission', async () => {
    const m = await t.newMerchant();
    await uploadBuilt(t.client, m.scope, '1.0.0');
    await uploadBuilt(t.client, m.scope, '1.0.1');
    await submitAudit(await auditInput(m.scope, '1.0.0', { appSlogan: '这是一个测试用的小程序简介' }), t.client);
    const rejected = await waitForDecision(t.client, m.scope, '1.0.0');
    expect(rejected.status).toBe('AUDIT_REJECT');
    expect(rejected.rejectReason).toContain('测试');
    const message = t.sandbox.control.listMessages().find((x) => x.name === 'alipay.open.mini.version.audit.rejected' && x.authAppId === m.appId);
    expect(JSON.parse(message!.params.biz_content).audit_reason).toBe(rejected.rejectReason);

    await expectRefusal(startGrayRelease({ ...v(m, '1.0.0'), grayStrategy: 'p10' }, t.client), 'CAN_NOT_GRAY_WITHOUT_AUDIT_PASS');
    await expectRefusal(releaseVersion(v(m, '1.0.0'), t.client), 'CAN_NOT_ONLINE_WITHOUT_AUDIT');
    await expectRefusal(submitAudit(await auditInput(m.scope, '1.0.1'), t.client), 'CAN_NOT_SUBMIT_WITH_AUDIT_GRAY');
    await returnToDevelopment(v(m, '1.0.0'), t.client);
    await submitAudit(await auditInput(m.scope, '1.0.1'), t.client);
    // Accepted: in audit, or already passed by the reviewer when the machine is slow.
    expect(await statusOf(m, '1.0.1')).toMatch(/^(AUDITING|WAIT_RELEASE)$/);
  });

  it('waits for a person in manual review mode', async () => {
    const m = await t.newMerchant();
    t.sandbox.control.updateSettings({ reviewMode: 'manual' });
    await uploadBuilt(t.client, m.scope, '2.0.0');
    await submitAudit(await auditInput(m.scope, '2.0.0'), t.client);
    await new Promise((r) => setTimeout(r, 150));
    expect(await statusOf(m, '2.0.0')).toBe('AUDITING');
    t.sandbox.control.decideAudit({ appId: m.appId, appVersion: '2.0.0', pass: false, reason: '截图与实际功能不符' });
    expect(await getVersionDetail(v(m, '2.0.0'), t.client)).toMatchObject({ status: 'AUDIT_REJECT', rejectReason: '截图与实际功能不符' });
  });

  it('goes online by itself when auto_online is set', async () => {
    const m = await t.newMerchant();
    await uploadBuilt(t.client, m.scope, '1.0.0');
    await submitAudit(await auditInput(m.scope, '1.0.0', { autoOnline: true }), t.client);
    expect((await waitForDecision(t.client, m.scope, '1.0.0')).status).toBe('RELEASE');
  });
});

describe('gray release and online', () => {
  it('widens but never narrows a gray release, ends it, and goes online only through gray', async () => {
    const m = await t.newMerchant();
    await passedVersion(t.client, m.scope, '1.0.0');
    await expectRefusal(releaseVersion(v(m, '1.0.0'), t.client), 'CAN_NOT_ONLINE_WITHOUT_GRAY');
    await expectRefusal(cancelGrayRelease(v(m, '1.0.0'), t.client), 'CAN_NOT_END_GRAY_WITHOUT_GRAY');
    await expectRefusal(startGrayRelease({ ...v(m, '1.0.0'), grayStrategy: 'p20' as GrayStrategy }, t.client), 'GRAY_STRATEGY_IS_INVALID');
    await expectRefusal(startGrayRelease({ ...v(m, '1.0.0'), grayStrategy: '' as GrayStrategy }, t.client), 'GRAY_STRATEGY_IS_BLANK');

    await startGrayRelease({ ...v(m, '1.0.0'), grayStrategy: 'p30' }, t.client);
    expect(await getVersionDetail(v(m, '1.0.0'), t.client)).toMatchObject({ status: 'GRAY', grayStrategy: 'p30' });
    await startGrayRelease({ ...v(m, '1.0.0'), grayStrategy: 'p50' }, t.client);
    await expectRefusal(startGrayRelease({ ...v(m, '1.0.0'), grayStrategy: 'p10' }, t.client), 'GRAY_STRATEGY_NOT_ALLOW_REDUCE');
    // Not a BASE_PROMOTE audit: can_release is absent (unknown), never false (§4).
    const [gray] = await listVersions({ ...m.scope, versionStatuses: ['GRAY'] }, t.client);
    expect(gray.appVersion).toBe('1.0.0');
    expect(gray.canRelease).toBeUndefined();

    await cancelGrayRelease(v(m, '1.0.0'), t.client);
    expect(await statusOf(m, '1.0.0')).toBe('WAIT_RELEASE');
    await startGrayRelease({ ...v(m, '1.0.0'), grayStrategy: 'p10' }, t.client);
    await releaseVersion(v(m, '1.0.0'), t.client);
    expect(await getVersionDetail(v(m, '1.0.0'), t.client)).toMatchObject({ status: 'RELEASE' });
    await expectRefusal(releaseVersion(v(m, '1.0.0'), t.client), 'CAN_NOT_ONLINE_NOT_GRAY_OR_WAITRELEASE');
    await expectRefusal(returnToDevelopment(v(m, '1.0.0'), t.client), 'CAN_NOT_BACK_DEV_WITHOUT_AUDIT');
    await expectRefusal(createExperience(v(m, '1.0.0'), t.client), 'CAN_NOT_SET_EXP_WITH_ONLINED_STATUS');
    await expectRefusal(rollbackVersion(v(m, '1.0.0'), t.client), 'CAN_NOT_ROLLBACK_WITHOUT_OFFLINE');
  });

  it('BASE_PROMOTE: admission passed, marketing refused → BASE_AUDIT_PASS with can_release; it goes online (§4, §5)', async () => {
    const m = await t.newMerchant();
    await uploadBuilt(t.client, m.scope, '1.0.0');
    // A name made only of generic words fails the marketing rule (§5 rule 1) and nothing else.
    await submitAudit(await auditInput(m.scope, '1.0.0', { appName: '杭州鲜花预定', auditRule: 'BASE_PROMOTE' }), t.client);
    const detail = await waitForDecision(t.client, m.scope, '1.0.0');
    expect(detail).toMatchObject({ status: 'BASE_AUDIT_PASS', baseAudit: 'PASS', promoteAudit: 'REJECT', canRelease: true });
    expect((await listVersions(m.scope, t.client))[0]).toMatchObject({ versionStatus: 'BASE_AUDIT_PASS', canRelease: true, baseAudit: 'PASS', promoteAudit: 'REJECT' });
    await startGrayRelease({ ...v(m, '1.0.0'), grayStrategy: 'p10' }, t.client);
    await cancelGrayRelease(v(m, '1.0.0'), t.client);
    expect(await statusOf(m, '1.0.0')).toBe('BASE_AUDIT_PASS');
    await releaseVersion(v(m, '1.0.0'), t.client);
    expect(await statusOf(m, '1.0.0')).toBe('RELEASE');
    // The platform's message for it (sandbox rule): audit.rejected carrying base_audit=PASS.
    const message = t.sandbox.control.listMessages().find((x) => x.name === 'alipay.open.mini.version.audit.rejected' && x.authAppId === m.appId);
    expect(JSON.parse(message!.params.biz_content)).toMatchObject({ mini_app_version: '1.0.0', base_audit: 'PASS', promote_audit: 'REJECT' });
  });

  it('goes online straight from WAIT_RELEASE when the gray-optional switch is on', async () => {
    const m = await t.newMerchant();
    t.sandbox.control.updateSettings({ grayOptional: true });
    await passedVersion(t.client, m.scope, '1.0.0');
    const [passed] = await listVersions(m.scope, t.client);
    expect(passed.versionStatus).toBe('WAIT_RELEASE');
    expect(passed.canRelease).toBeUndefined();
    await releaseVersion(v(m, '1.0.0'), t.client);
    expect(await statusOf(m, '1.0.0')).toBe('RELEASE');
  });
});

describe('offline and rollback', () => {
  it('follows the table: gray blocks offline, rollback and new audits; rollback restores; no second rollback', async () => {
    const m = await t.newMerchant();
    await onlineVersion(t.client, m.scope, '1.0.0');
    await passedVersion(t.client, m.scope, '1.1.0');
    await startGrayRelease({ ...v(m, '1.1.0'), grayStrategy: 'p10' }, t.client);
    await uploadBuilt(t.client, m.scope, '1.2.0');

    await expectRefusal(takeVersionOffline(v(m, '1.0.0'), t.client), 'CAN_NOT_OFFLINE_WITH_GRAY');
    await expectRefusal(rollbackVersion(v(m, '1.0.0'), t.client), 'CAN_NOT_ROLLBACK_WITH_GRAY');
    await expectRefusal(submitAudit(await auditInput(m.scope, '1.2.0'), t.client), 'CAN_NOT_SUBMIT_WITH_AUDIT_GRAY');

    await releaseVersion(v(m, '1.1.0'), t.client);
    expect([await statusOf(m, '1.1.0'), await statusOf(m, '1.0.0')]).toEqual(['RELEASE', 'OFFLINE']);
    await expectRefusal(rollbackVersion(v(m, '1.0.0'), t.client), 'CAN_NOT_ROLLBACK_WITHOUT_ONLINE');

    await rollbackVersion(v(m, '1.1.0'), t.client);
    expect([await statusOf(m, '1.1.0'), await statusOf(m, '1.0.0')]).toEqual(['OFFLINE', 'RELEASE']);
    await expectRefusal(rollbackVersion(v(m, '1.0.0'), t.client), 'CAN_NOT_CONTINUOUS_ROLLBACK');

    await takeVersionOffline(v(m, '1.0.0'), t.client);
    expect(await statusOf(m, '1.0.0')).toBe('OFFLINE');
    await expectRefusal(takeVersionOffline(v(m, '1.0.0'), t.client), 'CAN_NOT_OFFLINE_WITHOUT_ONLINE');

    const listed = await listVersions(m.scope, t.client);
    expect(listed.map((x) => [x.appVersion, x.versionStatus])).toEqual([
      ['1.2.0', 'INIT'],
      ['1.1.0', 'OFFLINE'],
      ['1.0.0', 'OFFLINE'],
    ]);
    expect(await listVersions({ ...m.scope, versionStatuses: ['INIT'] }, t.client)).toHaveLength(1);
  });

  it('refuses to audit a version lower than the online one, and a new name once online', async () => {
    const m = await t.newMerchant();
    await uploadBuilt(t.client, m.scope, '1.0.0');
    await onlineVersion(t.client, m.scope, '1.0.1');
    await expectRefusal(submitAudit(await auditInput(m.scope, '1.0.0'), t.client), 'EXIST_LARGER_ONLINED_VERSION');
    await uploadBuilt(t.client, m.scope, '1.0.2');
    await expectRefusal(submitAudit(await auditInput(m.scope, '1.0.2', { appName: `${m.appName}新` }), t.client), 'CAN_NOT_MODIFY_NAME_ONCE_ONLINE');
  });
});
