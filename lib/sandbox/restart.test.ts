// State lives in sandbox.db: a restarted sandbox keeps its identity and data and finishes what was due.
import { AlipayFormData } from 'alipay-sdk';
import { afterAll, expect, test } from 'vitest';
import { createSandbox } from './index';
import { serveSandbox } from './testing/serve';
import { pngBytes } from './testing/png';
import { createTempSandbox, sandboxSdk } from './testing/temp-sandbox';

const first = createTempSandbox({ reviewDelayMs: 100 });
afterAll(() => first.dispose());

test('a restart keeps identity, seeds once, and decides audits that fell due while it was down', async () => {
  const { sandbox, dataDir } = first;
  const server = await serveSandbox(sandbox);
  const sdk = sandboxSdk(sandbox.identity, server.url);
  const account = sandbox.control.createMerchantAccount({ miniApps: [{ name: '重启花店' }] });
  const appId = account.miniApps[0].appId;
  const { appAuthCode } = sandbox.control.authorize({ userId: account.userId, appIds: [appId], redirectUri: 'https://isv.example.com/cb' });
  const { appAuthToken } = await sdk.exec('alipay.open.auth.token.app', { bizContent: { grant_type: 'authorization_code', code: appAuthCode } });
  await sdk.exec('alipay.open.mini.version.upload', { appAuthToken, bizContent: { template_id: '2021004100000001', app_version: '1.0.0' } });
  await new Promise((r) => setTimeout(r, 80));
  const form = new AlipayFormData();
  form.addField('app_auth_token', appAuthToken as string);
  form.addField('app_version', '1.0.0');
  form.addField('version_desc', '首个版本上线，支持鲜花在线预订与同城配送服务');
  form.addField('region_type', 'GLOBAL');
  form.addField('app_category_ids', '1002_100203');
  form.addField('service_email', 'help@chongqi.example.com');
  form.addField('service_phone', '0571-88886666');
  form.addFile('first_screen_shot', 'a.png', pngBytes(20, 40));
  form.addFile('second_screen_shot', 'b.png', pngBytes(20, 40));
  expect((await sdk.exec('alipay.open.mini.version.audit.apply', {}, { formData: form })).code).toBe('10000');
  await server.close();
  sandbox.close();

  await new Promise((r) => setTimeout(r, 150));
  const again = createSandbox({ dataDir, appUrl: 'http://127.0.0.1:9' });
  try {
    expect(again.identity).toEqual(sandbox.identity);
    expect(again.control.listTemplates().find((t) => t.templateId === '2021004100000001')!.versions).toHaveLength(4);
    expect(again.control.listAccounts().filter((a) => a.logonId === 'huamei@example.com')).toHaveLength(1);
    expect(again.control.listVersions(appId)[0].status).toBe('AUDITING');
    expect(again.control.runDueWork().decided).toBe(1);
    expect(again.control.listVersions(appId)[0].status).toBe('WAIT_RELEASE');
    expect(again.control.listMessages(1)[0]).toMatchObject({ name: 'alipay.open.mini.version.audit.passed', status: 'pending' });
  } finally {
    again.close();
  }
});
