// The template clients read what the platform may send (§8): unknown statuses kept raw, numbers as strings, missing
// fields defaulted, unknown fields ignored.
import { describe, expect, it, vi } from 'vitest';
import { clientFromExec, type ExecFn } from './client';
import { queryAllInstances, queryInstances, queryTemplateList } from './templates';

function fake(...answers: Record<string, unknown>[]) {
  const exec = vi.fn<ExecFn>(async () => ({ code: '10000', msg: 'Success', ...(answers.shift() ?? {}) }) as never);
  return { exec, client: clientFromExec('2021000000000001', exec) };
}

describe('templatelist.query', () => {
  it('keeps unknown statuses raw and defaults what is missing', async () => {
    const { exec, client } = fake({
      appList: [
        { miniAppId: 2021004100000001, appName: '花店模板', versionList: [{ templateVersion: '1.0.0', versionStatus: 'RELEASE' }, { templateVersion: '1.1.0', versionStatus: 'GRAY_SHELF' }, { templateVersion: '1.2.0' }], surprise: true },
        { miniAppId: '2021004100000002' },
      ],
    });
    expect(await queryTemplateList(client)).toEqual([
      {
        miniAppId: '2021004100000001',
        appName: '花店模板',
        logoUrl: '',
        dateCreate: '',
        versionList: [
          { templateVersion: '1.0.0', versionStatus: 'RELEASE' },
          { templateVersion: '1.1.0', versionStatus: 'GRAY_SHELF' },
          { templateVersion: '1.2.0', versionStatus: '' },
        ],
      },
      { miniAppId: '2021004100000002', appName: '', logoUrl: '', dateCreate: '', versionList: [] },
    ]);
    expect(exec).toHaveBeenCalledWith('alipay.open.mini.templatelist.query', { timestamp: expect.any(String) }, { validateSign: true });
    expect(await queryTemplateList(fake({}).client)).toEqual([]);
  });
});

describe('instantiate.query', () => {
  it('sends only the filters given, reads numbers as strings and keeps unknown statuses', async () => {
    const { exec, client } = fake({ instantiateList: [{ miniAppId: '2021000000000001', status: 'FROZEN', latestVersionStatus: 'PROMOTE_AUDIT_REJECT' }], pageNo: '1', pageSize: '50', totalItems: '1' });
    const page = await queryInstances({ templateId: 'T', pageNo: 1, pageSize: 50, full: true }, client);
    expect(exec).toHaveBeenCalledWith('alipay.open.mini.instantiate.query', { timestamp: expect.any(String), bizContent: { template_id: 'T', page_no: 1, page_size: 50, query_full: 'true' } }, { validateSign: true });
    expect(page).toEqual({
      instantiateList: [
        { miniAppId: '2021000000000001', appName: '', logoUrl: '', templateId: '', templateName: '', templateVersion: '', latestVersion: '', latestVersionStatus: 'PROMOTE_AUDIT_REJECT', qrCodeUrl: '', status: 'FROZEN' },
      ],
      pageNo: 1,
      pageSize: 50,
      totalItems: 1,
    });
  });

  it('pages until a short page, and counts a mini-program that moved between pages once', async () => {
    const row = (id: number) => ({ miniAppId: String(2021000000000000 + id), templateId: 'T', templateVersion: '1.0.0' });
    const full = Array.from({ length: 50 }, (_, i) => row(i));
    // The second page repeats the first page's last row (a new instance pushed the list down meanwhile).
    const { exec, client } = fake({ instantiateList: full, pageSize: 50 }, { instantiateList: [row(49), row(50)], pageSize: 50 });
    const all = await queryAllInstances({}, client);
    expect(all.complete).toBe(true);
    expect(all.instances).toHaveLength(51);
    expect(exec).toHaveBeenCalledTimes(2);
  });
});
