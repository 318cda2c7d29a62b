// The registry synced through the gateway of a real (temporary) sandbox, as the console does at start and on
// "从平台同步"; and a single upload that sends the template's rendering or an override, recorded on both sides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { merchantApps, merchants, users } from '@/db/schema';
import { createAlipayClient } from '@/lib/alipay/client';
import { uploadVersion } from '@/lib/alipay/versions';
import { memoryDb } from '@/lib/testing/memory-db';
import { listEvents, findVersion } from '@/lib/versions/data';
import type { VersionDeps } from '@/lib/versions/deps';
import { uploadNewVersion } from '@/lib/versions/service';
import { startContractSandbox, TEMPLATE_ID, type ContractSandbox } from '@/tests/contract/harness';
import { resolveUploadExt } from './choices';
import { upsertMerchantExt } from './data';
import { instanceCountsByVersion, lastTemplateSync } from './data';
import { saveExtTemplate } from './data';
import { findTemplate, latestOnShelf } from './registry';
import { syncTemplatesFromPlatform } from './sync';

let t: ContractSandbox;
beforeAll(async () => {
  t = await startContractSandbox();
});
afterAll(() => t.close());

describe('sync from the platform', () => {
  it('adds the platform templates, a version added there appears at the next sync, instances count mini-programs', async () => {
    const db = memoryDb();
    const first = await syncTemplatesFromPlatform(db, { client: t.client });
    expect(first).toMatchObject({ ok: true, instancesComplete: true });
    const tpl = findTemplate(db, TEMPLATE_ID)!;
    expect(tpl.name).not.toBe(TEMPLATE_ID);
    expect(tpl.versions.map((v) => [v.version, v.status])).toEqual([
      ['1.1.0', 'OFFLINE'],
      ['1.0.0', 'RELEASE'],
      ['0.2.0', 'RELEASE'],
      ['0.1.0', 'RELEASE'],
    ]);
    expect(findTemplate(db, '2021004199990001')).toBeUndefined();
    expect(lastTemplateSync(db)).toMatchObject({ error: null, instancesComplete: true });
    expect(lastTemplateSync(db)!.syncedAt).toBeInstanceOf(Date);

    t.sandbox.control.addTemplateVersion({ templateId: TEMPLATE_ID, version: '1.2.0', onShelf: true });
    // Two mini-programs on 1.2.0, one of them with two versions: two instances.
    const a = await t.newMerchant();
    const b = await t.newMerchant();
    for (const [m, v] of [[a, '1.0.0'], [a, '1.0.1'], [b, '2.0.0']] as const)
      await uploadVersion({ ...m.scope, templateId: TEMPLATE_ID, appVersion: v }, t.client);
    const second = await syncTemplatesFromPlatform(db, { client: t.client });
    expect(second.ok && second.summary.addedVersions).toEqual([{ templateId: TEMPLATE_ID, version: '1.2.0' }]);
    expect(latestOnShelf(db, TEMPLATE_ID)).toBe('1.2.0');
    expect(instanceCountsByVersion(db, TEMPLATE_ID).get('1.2.0')).toBe(2);
  });

  it('records a failed sync and keeps what the registry had', async () => {
    const db = memoryDb();
    await syncTemplatesFromPlatform(db, { client: t.client });
    t.sandbox.control.setFaults([{ method: 'alipay.open.mini.templatelist.query', errorRate: 1, errorSubCode: 'isp.unknow-error' }]);
    try {
      const r = await syncTemplatesFromPlatform(db, { client: t.client });
      expect(r).toEqual({ ok: false, error: '支付宝服务暂时不可用，请稍后重试' });
      expect(lastTemplateSync(db)).toMatchObject({ error: '支付宝服务暂时不可用，请稍后重试' });
      expect(findTemplate(db, TEMPLATE_ID)!.vanishedAt).toBeNull();
    } finally {
      t.sandbox.control.setFaults([]);
    }
    // An unreachable platform is a failure too, not a crash.
    const offline = createAlipayClient({ ...t.settings, gateway: 'http://127.0.0.1:9/gateway.do', timeoutMs: 500 });
    expect((await syncTemplatesFromPlatform(db, { client: offline })).ok).toBe(false);
  });
});

describe('a single upload sends the rendered ext by default', () => {
  it('sends and records the rendering, or an override, and the platform receives exactly that', async () => {
    const db = memoryDb();
    await syncTemplatesFromPlatform(db, { client: t.client });
    db.insert(users).values({ id: 1, email: 'op@test', name: 'op', passwordHash: 'x', role: 'operator' }).run();
    const m = await t.newMerchant();
    const merchant = db.insert(merchants).values({ name: '青禾花店', contactName: '王', mobile: '13800000009', industry: 'retail' }).returning().get();
    const app = db.insert(merchantApps).values({ merchantId: merchant.id, authAppId: m.appId, appName: m.appName, status: 'authorized', authorizedAt: new Date() }).returning().get();
    const deps: VersionDeps = { db, client: t.client, operable: () => ({ app, merchant, appAuthToken: m.appAuthToken }), now: () => new Date() };
    saveExtTemplate(db, TEMPLATE_ID, '{"extEnable":true,"ext":{"shop":"{{merchant.name}}","phone":"{{merchant.phone}}","theme":"{{custom.theme}}"}}');
    upsertMerchantExt(db, { merchantAppId: app.id, templateId: TEMPLATE_ID, custom: { theme: 'spring' }, override: null, updatedById: null });
    const actor = { id: 1, email: 'op@test' };
    const upload = async (appVersion: string, override: string | null) => {
      const ext = resolveUploadExt(db, { templateId: TEMPLATE_ID, merchantAppId: app.id, override });
      if (!ext.ok) throw new Error(ext.error.code);
      await uploadNewVersion(deps, actor, { merchantAppId: app.id, templateId: TEMPLATE_ID, templateVersion: '', appVersion, ext: ext.ext ?? '', extSource: ext.extSource });
    };
    const platformExt = (appVersion: string) => t.sandbox.control.listVersions(m.appId).find((v) => v.appVersion === appVersion)?.ext;

    await upload('1.0.0', null);
    const rendered = { extEnable: true, ext: { shop: '青禾花店', phone: '13800000009', theme: 'spring' } };
    expect(JSON.parse(platformExt('1.0.0')!)).toEqual(rendered);
    const row = findVersion(db, app.id, '1.0.0')!;
    expect(row).toMatchObject({ extSource: 'template' });
    expect(JSON.parse(row.ext!)).toEqual(rendered);
    expect(listEvents(db, [row.id]).find((e) => e.kind === 'uploaded')?.detail).toContain('"extSource":"template"');

    await upload('1.0.1', '{"extEnable":true,"ext":{"theme":"dark"}}');
    expect(JSON.parse(platformExt('1.0.1')!)).toEqual({ extEnable: true, ext: { theme: 'dark' } });
    const overridden = findVersion(db, app.id, '1.0.1')!;
    expect(overridden.extSource).toBe('override');
    expect(listEvents(db, [overridden.id]).find((e) => e.kind === 'uploaded')?.detail).toContain('"extSource":"override"');
  });
});
