// The ISV's template calls through lib/alipay: templatelist.query (what the console's registry syncs from) and
// instantiate.query (which mini-programs run which template version), contract §4 "Templates".
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { INSTANTIATE_MAX_PAGE_SIZE, queryAllInstances, queryInstances, queryTemplateList } from '@/lib/alipay/templates';
import { uploadVersion } from '@/lib/alipay/versions';
import { onlineVersion, uploadBuilt } from './flows';
import { FOREIGN_TEMPLATE_ID, startContractSandbox, TEMPLATE_ID, uniqueAppName, type ContractSandbox, type Merchant } from './harness';

let t: ContractSandbox;
beforeAll(async () => {
  t = await startContractSandbox();
});
afterEach(() => t.resetPlatform());
afterAll(() => t.close());

describe('templatelist.query', () => {
  it("lists the ISV's own templates with every version, newest first, on shelf as RELEASE", async () => {
    const list = await queryTemplateList(t.client);
    expect(list.map((x) => x.miniAppId)).toContain(TEMPLATE_ID);
    expect(list.map((x) => x.miniAppId)).not.toContain(FOREIGN_TEMPLATE_ID);
    const tpl = list.find((x) => x.miniAppId === TEMPLATE_ID)!;
    expect(tpl.appName).not.toBe('');
    expect(tpl.dateCreate).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(tpl.versionList).toEqual([
      { templateVersion: '1.1.0', versionStatus: 'OFFLINE' },
      { templateVersion: '1.0.0', versionStatus: 'RELEASE' },
      { templateVersion: '0.2.0', versionStatus: 'RELEASE' },
      { templateVersion: '0.1.0', versionStatus: 'RELEASE' },
    ]);
  });

  it('shows a version added or taken off the shelf on the platform at the next call', async () => {
    t.sandbox.control.addTemplateVersion({ templateId: TEMPLATE_ID, version: '1.10.0', onShelf: true });
    t.sandbox.control.addTemplateVersion({ templateId: TEMPLATE_ID, version: '0.1.0', onShelf: false });
    const tpl = (await queryTemplateList(t.client)).find((x) => x.miniAppId === TEMPLATE_ID)!;
    expect(tpl.versionList[0]).toEqual({ templateVersion: '1.10.0', versionStatus: 'RELEASE' });
    expect(tpl.versionList.find((v) => v.templateVersion === '0.1.0')?.versionStatus).toBe('OFFLINE');
    t.sandbox.control.addTemplateVersion({ templateId: TEMPLATE_ID, version: '0.1.0', onShelf: true });
  });
});

describe('instantiate.query', () => {
  const merchants: Merchant[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 3; i++) merchants.push(await t.newMerchant(uniqueAppName()));
    // Oldest first: merchants[2] is instantiated last, so it comes first in the list.
    await uploadBuilt(t.client, merchants[0].scope, '1.0.0');
    await uploadVersion({ ...merchants[1].scope, templateId: TEMPLATE_ID, templateVersion: '0.2.0', appVersion: '0.0.1' }, t.client);
    await uploadVersion({ ...merchants[1].scope, templateId: TEMPLATE_ID, templateVersion: '0.1.0', appVersion: '0.0.2' }, t.client);
    await onlineVersion(t.client, merchants[2].scope, '2.0.0');
  });

  it('lists instantiated mini-programs newest first with the template version of their highest version', async () => {
    const page = await queryInstances({ templateId: TEMPLATE_ID, pageSize: 50 }, t.client);
    const ids = page.instantiateList.map((i) => i.miniAppId);
    expect(ids.slice(0, 3)).toEqual([merchants[2].appId, merchants[1].appId, merchants[0].appId]);
    const [top, second, third] = page.instantiateList;
    // Uploaded without a template version: the platform took its latest on-shelf one.
    const tpl = (await queryTemplateList(t.client)).find((x) => x.miniAppId === TEMPLATE_ID)!;
    const latestOnShelf = tpl.versionList.find((v) => v.versionStatus === 'RELEASE')!.templateVersion;
    expect(top).toMatchObject({ templateId: TEMPLATE_ID, templateVersion: latestOnShelf, latestVersion: '2.0.0', latestVersionStatus: 'RELEASE', status: 'ONLINE', appName: merchants[2].appName });
    expect(second).toMatchObject({ templateVersion: '0.1.0', latestVersion: '0.0.2', latestVersionStatus: 'INIT', status: 'OFFLINE' });
    expect(third).toMatchObject({ templateVersion: latestOnShelf, latestVersion: '1.0.0', status: 'OFFLINE' });
    expect(page.totalItems).toBe(page.instantiateList.length);
    expect(page).toMatchObject({ pageNo: 1, pageSize: 50 });
  });

  it('fills template_name and qr_code_url only with query_full=true', async () => {
    const [brief] = (await queryInstances({ miniAppId: merchants[0].appId }, t.client)).instantiateList;
    expect(brief).toMatchObject({ templateName: '', qrCodeUrl: '' });
    const [full] = (await queryInstances({ miniAppId: merchants[0].appId, full: true }, t.client)).instantiateList;
    expect(full.templateName).not.toBe('');
    expect(full.qrCodeUrl).toMatch(/^https?:\/\//);
  });

  it('filters by template, mini-program and name substring', async () => {
    expect((await queryInstances({ miniAppId: merchants[1].appId }, t.client)).instantiateList.map((i) => i.miniAppId)).toEqual([merchants[1].appId]);
    const byName = await queryInstances({ miniAppName: merchants[0].appName.slice(1) }, t.client);
    expect(byName.instantiateList.map((i) => i.miniAppId)).toEqual([merchants[0].appId]);
    expect((await queryInstances({ templateId: FOREIGN_TEMPLATE_ID }, t.client)).instantiateList).toEqual([]);
    expect((await queryInstances({ templateId: '2021004100009999' }, t.client)).totalItems).toBe(0);
  });

  it('pages from 1, defaults to 10 a page and caps the page at 50', async () => {
    const first = await queryInstances({ templateId: TEMPLATE_ID, pageNo: 1, pageSize: 1 }, t.client);
    const second = await queryInstances({ templateId: TEMPLATE_ID, pageNo: 2, pageSize: 1 }, t.client);
    expect(first.instantiateList).toHaveLength(1);
    expect(second.instantiateList[0].miniAppId).not.toBe(first.instantiateList[0].miniAppId);
    expect(second).toMatchObject({ pageNo: 2, pageSize: 1 });
    expect(await queryInstances({}, t.client)).toMatchObject({ pageNo: 1, pageSize: 10 });
    expect((await queryInstances({ pageSize: 80 }, t.client)).pageSize).toBe(INSTANTIATE_MAX_PAGE_SIZE);
    await expect(queryInstances({ pageNo: 0 }, t.client)).rejects.toMatchObject({ subCode: 'isv.invalid-parameter' });
  });

  it('reads every page until the last one', async () => {
    const one = await queryAllInstances({ templateId: TEMPLATE_ID }, t.client);
    expect(one.complete).toBe(true);
    expect(one.instances.map((i) => i.miniAppId)).toEqual(expect.arrayContaining(merchants.map((m) => m.appId)));
    const capped = await queryAllInstances({ templateId: TEMPLATE_ID, maxPages: 0 }, t.client);
    expect(capped).toEqual({ instances: [], complete: false });
  });
});
