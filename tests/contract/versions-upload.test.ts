// Upload and build, queries, delete, experience versions and template usage, through lib/alipay.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BundleId } from '@/lib/alipay/common';
import { cancelExperience, createExperience, queryExperience } from '@/lib/alipay/experience';
import { queryTemplateUsage } from '@/lib/alipay/templates';
import { deleteVersion, getVersionDetail, listVersions, queryBuild, submitAudit, uploadVersion } from '@/lib/alipay/versions';
import { FOREIGN_TEMPLATE_ID, startContractSandbox, TEMPLATE_ID, waitFor, type ContractSandbox, type Merchant } from './harness';
import { auditInput, expectRefusal, uploadBuilt } from './flows';

let t: ContractSandbox;
beforeAll(async () => {
  t = await startContractSandbox();
});
afterEach(() => t.resetPlatform());
afterAll(() => t.close());

const v = (m: Merchant, appVersion: string) => ({ ...m.scope, appVersion });
const upload = (m: Merchant, appVersion: string, extra: Partial<Parameters<typeof uploadVersion>[0]> = {}) =>
  uploadVersion({ ...m.scope, templateId: TEMPLATE_ID, appVersion, ...extra }, t.client);

describe('upload and build', () => {
  it('builds a version, then lists and details it', async () => {
    const m = await t.newMerchant();
    const started = await upload(m, '0.0.1', { ext: { extEnable: true, ext: { shop: '青禾' } } });
    expect([0, 1]).toContain(started.buildStatus);
    expect(started.versionCreated).toBe(false);
    const built = await waitFor(async () => {
      const b = await queryBuild(v(m, '0.0.1'), t.client);
      return b.buildStatus === 2 ? b : undefined;
    }, 'the build');
    expect(built).toEqual({ buildStatus: 2, createStatus: 6, needRotation: false, versionCreated: true });

    const [listed] = await listVersions(m.scope, t.client);
    expect(listed).toMatchObject({ appVersion: '0.0.1', versionStatus: 'INIT', bundleId: 'com.alipay.alipaywallet' });
    expect(listed.canRelease).toBeUndefined();
    expect(listed.createTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(await getVersionDetail(v(m, '0.0.1'), t.client)).toMatchObject({ appVersion: '0.0.1', status: 'INIT', appName: m.appName, scanResult: 'True' });
  });

  it('refuses bad uploads with the contract codes', async () => {
    const m = await t.newMerchant();
    await upload(m, '1.0.0');
    await expectRefusal(upload(m, '1.0'), 'INVALID_VERSION');
    await expectRefusal(upload(m, '1.0.0'), 'VERSION_HAS_EXISTED');
    await expectRefusal(upload(m, '0.9.9'), 'LARGER_VERSION_HAS_EXISTED');
    await expectRefusal(upload(m, '1.0.1', { ext: '{not json' }), 'INVALID_EXT_JSON');
    await expectRefusal(upload(m, '1.0.1', { templateId: '' }), 'TEMPLATE_ID_IS_BLANK');
    await expectRefusal(upload(m, '1.0.1', { templateId: '2021004100009999' }), 'CODE_TEMPLATE_NOT_EXIST');
    await expectRefusal(upload(m, '1.0.1', { templateVersion: '1.1.0' }), 'TEMPLATE_NOT_ONLINE_OR_OFFLINE');
    await expectRefusal(upload(m, '1.0.1', { templateId: FOREIGN_TEMPLATE_ID }), 'TEMPLATE_ID_ISVAPPID_NOT_MATCH');
    await expectRefusal(queryBuild(v(m, '9.9.9'), t.client), 'BUILD_VERSION_NOT_EXISTED');
    await expectRefusal(getVersionDetail(v(m, '9.9.9'), t.client), 'MINIAPP_VERSION_NOT_EXSIT');
    await expectRefusal(listVersions({ ...m.scope, bundleId: 'com.example.unknown' as BundleId }, t.client), 'BUNDLE_ID_NOT_EXIST');
  });

  it('uses a template version put on the shelf later', async () => {
    const m = await t.newMerchant();
    t.sandbox.control.addTemplateVersion({ templateId: TEMPLATE_ID, version: '1.1.0', onShelf: true });
    await upload(m, '1.0.0', { templateVersion: '1.1.0' });
    t.sandbox.control.addTemplateVersion({ templateId: TEMPLATE_ID, version: '1.1.0', onShelf: false });
    await expectRefusal(upload(m, '1.0.1', { templateVersion: '1.1.0' }), 'TEMPLATE_NOT_ONLINE_OR_OFFLINE');
  });

  it('keeps at most 20 development versions', async () => {
    const m = await t.newMerchant();
    for (let i = 1; i <= 20; i++) await upload(m, `1.0.${i}`);
    const err = await expectRefusal(upload(m, '1.0.21'), 'DEV_VERSION_EXCEED_MAX_COUNT');
    expect(err.userMessage).toBe('开发版本已达 20 个上限，请先删除不用的开发版本');
    expect(await listVersions(m.scope, t.client)).toHaveLength(20);
    await waitFor(async () => ((await queryBuild(v(m, '1.0.1'), t.client)).buildStatus === 2 ? true : undefined), 'the build');
    await deleteVersion(v(m, '1.0.1'), t.client);
    await upload(m, '1.0.21');
  });

  it('keeps the versions of each client apart', async () => {
    const m = await t.newMerchant();
    await uploadVersion({ ...m.scope, bundleId: 'com.amap.app', templateId: TEMPLATE_ID, appVersion: '3.0.0' }, t.client);
    expect(await listVersions(m.scope, t.client)).toEqual([]);
    expect(await listVersions({ ...m.scope, bundleId: 'com.amap.app' }, t.client)).toMatchObject([{ appVersion: '3.0.0', bundleId: 'com.amap.app' }]);
  });
});

describe('delete', () => {
  it('deletes a built development version only', async () => {
    const m = await t.newMerchant();
    t.sandbox.control.updateSettings({ buildDurationMs: 60_000 });
    await upload(m, '1.0.0');
    await expectRefusal(deleteVersion(v(m, '1.0.0'), t.client), 'CAN_NOT_DELETE_WITH_INSTANTIATE');
    await expectRefusal(submitAudit(await auditInput(m.scope, '1.0.0'), t.client), 'CAN_NOT_SUBMIT_WITHOUT_INIT');
    t.sandbox.control.updateSettings({ buildDurationMs: 50 });

    await uploadBuilt(t.client, m.scope, '1.0.1');
    await submitAudit(await auditInput(m.scope, '1.0.1'), t.client);
    await expectRefusal(deleteVersion(v(m, '1.0.1'), t.client), 'CAN_NOT_DELETE_WITHOUT_DEV');

    const other = await t.newMerchant();
    await uploadBuilt(t.client, other.scope, '1.0.0');
    await deleteVersion(v(other, '1.0.0'), t.client);
    expect(await listVersions(other.scope, t.client)).toEqual([]);
    await expectRefusal(getVersionDetail(v(other, '1.0.0'), t.client), 'MINIAPP_VERSION_NOT_EXSIT');
  });
});

describe('experience versions', () => {
  it('packages one experience version at a time, with a QR code, and cancels it', async () => {
    const m = await t.newMerchant();
    await uploadBuilt(t.client, m.scope, '1.0.0');
    await uploadBuilt(t.client, m.scope, '1.0.1');
    expect(await queryExperience(v(m, '1.0.0'), t.client)).toEqual({ status: 'notExpVersion' });
    await expectRefusal(cancelExperience(v(m, '1.0.0'), t.client), 'CAN_NOT_CANCEL_WITHOUT_PACKAGED');

    await createExperience(v(m, '1.0.0'), t.client);
    await expectRefusal(createExperience(v(m, '1.0.0'), t.client), 'CAN_NOT_SET_EXP_REPEAT');
    await expectRefusal(createExperience(v(m, '1.0.1'), t.client), 'CAN_NOT_SET_EXP_REPEAT');
    await expectRefusal(deleteVersion(v(m, '1.0.0'), t.client), 'CAN_NOT_DELETE_WITH_EXPERIENCE');
    const packaged = await waitFor(async () => {
      const e = await queryExperience(v(m, '1.0.0'), t.client);
      return e.status === 'expVersionPackged' ? e : undefined;
    }, 'the experience package');
    expect(packaged.expSchemaUrl).toContain(`appId=${m.appId}`);
    const image = await fetch(new URL(new URL(packaged.expQrCodeUrl!).pathname + new URL(packaged.expQrCodeUrl!).search, t.url));
    expect(image.headers.get('content-type')).toBe('image/png');

    await cancelExperience(v(m, '1.0.0'), t.client);
    expect(await queryExperience(v(m, '1.0.0'), t.client)).toEqual({ status: 'notExpVersion' });
    await deleteVersion(v(m, '1.0.0'), t.client);
  });

  it('refuses a version that is still building', async () => {
    const m = await t.newMerchant();
    t.sandbox.control.updateSettings({ buildDurationMs: 60_000 });
    await upload(m, '1.0.0');
    await expectRefusal(createExperience(v(m, '1.0.0'), t.client), 'CAN_NOT_SET_EXP_INVALID_STATUS');
  });
});

describe('alipay.open.mini.template.usage.query', () => {
  it('lists the mini-programs built from a template version, page by page', async () => {
    const a = await t.newMerchant();
    const b = await t.newMerchant();
    await upload(a, '1.0.0', { templateVersion: '0.2.0' });
    await upload(b, '1.0.0', { templateVersion: '0.2.0' });
    const usage = await queryTemplateUsage({ templateId: TEMPLATE_ID, templateVersion: '0.2.0', pageNum: 1, pageSize: 50 }, t.client);
    expect(usage).toEqual(expect.arrayContaining([{ miniAppId: a.appId, appVersion: '1.0.0' }, { miniAppId: b.appId, appVersion: '1.0.0' }]));
    const firstPage = await queryTemplateUsage({ templateId: TEMPLATE_ID, templateVersion: '0.2.0', pageNum: 1, pageSize: 1 }, t.client);
    const secondPage = await queryTemplateUsage({ templateId: TEMPLATE_ID, templateVersion: '0.2.0', pageNum: 2, pageSize: 1 }, t.client);
    expect(firstPage).toHaveLength(1);
    expect(secondPage).toHaveLength(1);
    expect(secondPage[0]).not.toEqual(firstPage[0]);
  });

  it('refuses a blank template and pages over 50', async () => {
    await expectRefusal(queryTemplateUsage({ templateId: '' }, t.client), 'TEMPLATE_ID_IS_BLANK');
    await expectRefusal(queryTemplateUsage({ templateId: TEMPLATE_ID, pageSize: 51 }, t.client), 'PAGE_SIZE_EXCEED_MAX_QUERY_SIZE');
  });
});
