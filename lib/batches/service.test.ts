// startBatch applies the console's template records and stores what it resolved on the batch.
import { describe, expect, test } from 'vitest';
import type { Db } from '@/db';
import { merchantApps, merchants } from '@/db/schema';
import { upsertMerchantExt } from '@/lib/templates/data';
import { addTemplateVersion, registerTemplate, saveExtTemplate, setVersionOnShelf } from '@/lib/templates/data';
import { memoryDb } from '@/lib/testing/memory-db';
import type { PreflightSubject } from './preflight';
import { previewBatch, startBatch } from './service';

const T = '2021004100000001';
const actor = { id: null, email: 'ops@example.com' };
let n = 0;

function subject(db: Db, name: string, authAppId: string): PreflightSubject {
  const merchantId = db.insert(merchants).values({ name, contactName: '王', mobile: `139${String(++n).padStart(8, '0')}`, industry: 'retail' }).returning().get().id;
  const merchantAppId = db.insert(merchantApps).values({ merchantId, authAppId, appName: `${name}小程序`, status: 'authorized', authorizedAt: new Date() }).returning().get().id;
  return { merchantId, merchantAppId, authAppId, merchantName: name, merchantPhone: '13800001111', blocked: null, busy: false, versions: [] };
}

function setup() {
  const db = memoryDb();
  registerTemplate(db, { templateId: T, name: '花店模板' });
  addTemplateVersion(db, { templateId: T, version: '1.1.0', onShelf: true });
  addTemplateVersion(db, { templateId: T, version: '1.2.0', onShelf: true });
  addTemplateVersion(db, { templateId: T, version: '1.3.0', onShelf: false });
  saveExtTemplate(db, T, '{"shop":"{{merchant.name}}","slogan":"{{custom.slogan}}"}');
  const a = subject(db, '青禾花店', '2021000000000001');
  const b = subject(db, '木棉书店', '2021000000000002');
  return { db, a, b };
}

const storedParams = (batch: { params: string }) => JSON.parse(batch.params) as Record<string, unknown>;

describe('startBatch with the template records', () => {
  test('no ext and no version sent: the stored ext config, stored own values and the latest on-shelf version', () => {
    const { db, a, b } = setup();
    upsertMerchantExt(db, { merchantAppId: a.merchantAppId!, templateId: T, custom: { slogan: '鲜花' }, override: { theme: 'pink' }, updatedById: null });
    const r = startBatch(db, actor, 'instantiate', { templateId: T, ext: '' }, [a, b]);
    if (!r.ok) throw new Error(r.error);
    // b has no slogan: skipped before anything is sent, naming the variable.
    expect(r.rows.map((row) => [row.authAppId, row.skip?.params?.variable ?? null])).toEqual([
      [a.authAppId, null],
      [b.authAppId, 'custom.slogan'],
    ]);
    expect(storedParams(r.batch)).toMatchObject({
      templateVersion: '1.2.0',
      ext: '{"shop":"{{merchant.name}}","slogan":"{{custom.slogan}}"}',
      perMerchant: { [a.authAppId]: { custom: { slogan: '鲜花' }, override: { theme: 'pink' } } },
    });
    // Later edits do not change the batch that started.
    saveExtTemplate(db, T, '{}');
    setVersionOnShelf(db, { templateId: T, version: '1.3.0', onShelf: true });
    expect(storedParams(r.batch).templateVersion).toBe('1.2.0');
  });

  test('what the wizard sent wins over the records', () => {
    const { db, a } = setup();
    upsertMerchantExt(db, { merchantAppId: a.merchantAppId!, templateId: T, custom: { slogan: '鲜花', extra: '留下' }, override: { theme: 'pink' }, updatedById: null });
    const r = startBatch(
      db,
      actor,
      'instantiate',
      { templateId: T, templateVersion: '1.1.0', ext: '{"s":"{{custom.slogan}}"}', perMerchant: { [a.authAppId]: { custom: { slogan: '绿植' }, override: { theme: 'green' } } } },
      [a],
    );
    if (!r.ok) throw new Error(r.error);
    expect(storedParams(r.batch)).toMatchObject({
      templateVersion: '1.1.0',
      ext: '{"s":"{{custom.slogan}}"}',
      perMerchant: { [a.authAppId]: { custom: { slogan: '绿植', extra: '留下' }, override: { theme: 'green' } } },
    });
  });

  test('an unregistered template keeps what was sent: an empty version stays empty (the platform picks)', () => {
    const db = memoryDb();
    const a = subject(db, '青禾花店', '2021000000000001');
    const r = startBatch(db, actor, 'instantiate', { templateId: '42', ext: '' }, [a]);
    if (!r.ok) throw new Error(r.error);
    expect(storedParams(r.batch)).toMatchObject({ templateId: '42', templateVersion: '', ext: '' });
  });

  test('the stored ext config is checked before anything starts; the wizard preview sees the same', () => {
    const { db, a } = setup();
    saveExtTemplate(db, T, '{"a":"{{shop.name}}"}');
    expect(startBatch(db, actor, 'instantiate', { templateId: T, ext: '' }, [a])).toEqual({ ok: false, error: 'invalidTemplate', detail: 'shop.name' });
    expect(previewBatch(db, 'instantiate', { templateId: T, ext: '' }, [a])).toEqual({ ok: false, error: { code: 'unknownVariable', variable: 'shop.name' } });
  });

  test('other operations are untouched', () => {
    const { db, a } = setup();
    const r = startBatch(db, actor, 'setServiceContact', { servicePhone: '0571-88886666' }, [a]);
    if (!r.ok) throw new Error(r.error);
    expect(storedParams(r.batch)).toEqual({ servicePhone: '0571-88886666' });
  });
});

describe('startBatch: the checks the wizard shows before starting', () => {
  const online = (s: PreflightSubject): PreflightSubject => ({
    ...s,
    versions: [{ appVersion: '1.0.0', status: 'RELEASE', buildStatus: 'success', experience: 'none', grayStrategy: null, canRelease: false, onlineByRollback: false }],
  });

  test('an offline batch starts only with the typed word, in either language', () => {
    const { db, a, b } = setup();
    expect(startBatch(db, actor, 'offline', {}, [online(a)])).toEqual({ ok: false, error: 'notConfirmed' });
    expect(startBatch(db, actor, 'offline', {}, [online(a)], { confirm: 'ROLLBACK' })).toEqual({ ok: false, error: 'notConfirmed' });
    expect(startBatch(db, actor, 'offline', {}, [online(a)], { confirm: '下架' }).ok).toBe(true);
    // The pre-flight itself needs no word: it is what shows who would be affected.
    expect(previewBatch(db, 'offline', {}, [online(b)]).ok).toBe(true);
  });

  test("the audit form's screenshots are read by their bytes: a renamed file is refused for every merchant", async () => {
    const { db, a } = setup();
    const dev = { ...a, categoryIds: ['10_1001'], versions: [{ ...online(a).versions[0], status: 'INIT' as const }] };
    const png = (await import('qrcode')).toBuffer('screen', { type: 'png', width: 120 });
    const audit = (base64: string) => ({
      audit: { versionDesc: '新增花束预订功能，优化首页加载速度与下单流程，修复已知问题', regionType: 'CHINA', screenshots: [1, 2].map((i) => ({ fileName: `s${i}.png`, base64 })) },
    });
    const real = previewBatch(db, 'submitAudit', audit((await png).toString('base64')), [dev]);
    expect(real.ok && real.rows[0].skip).toBeNull();
    const renamed = previewBatch(db, 'submitAudit', audit(Buffer.from('GIF89a not a png').toString('base64')), [dev]);
    expect(renamed.ok && renamed.rows[0].skip).toMatchObject({ code: 'INVALID_SCREEN_SHOT_EXT', reason: 'acceptance.codes.INVALID_SCREEN_SHOT_EXT' });
  });
});
