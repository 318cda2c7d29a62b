import { describe, expect, test } from 'vitest';
import type { VersionFacts } from '@/lib/versions/operations';
import { AUDIT_RULES, auditRefusals, type AuditCheck, type Refusal } from '@/lib/pre-audit/acceptance';
import { batchAuditFormSchema } from '@/lib/validation/batches';
import { preflight, targetVersion, type PreflightSubject } from './preflight';

const v = (appVersion: string, status: VersionFacts['status'], extra: Partial<VersionFacts> = {}): VersionFacts => ({
  appVersion,
  status,
  buildStatus: 'success',
  experience: 'none',
  grayStrategy: null,
  canRelease: false,
  onlineByRollback: false,
  ...extra,
});

let n = 0;
function subject(extra: Partial<PreflightSubject> = {}): PreflightSubject {
  n += 1;
  return {
    merchantId: n,
    merchantAppId: n,
    authAppId: `20210000000000${String(n).padStart(2, '0')}`,
    merchantName: `青禾花店${n}`,
    merchantPhone: '13800001111',
    appName: `青禾花店${n}`,
    categoryIds: ['10_1001'],
    blocked: null,
    busy: false,
    versions: [],
    ...extra,
  };
}

const instantiate = { templateId: '2021004100000001', templateVersion: '', ext: '{"ext":{"shop":"{{merchant.name}}","code":"{{custom.code}}"}}', perMerchant: {} };

describe('preflight', () => {
  test('an invalid template stops the whole batch before any row', () => {
    expect(preflight('instantiate', { ...instantiate, ext: '{"a":"{{shop.name}}"}' }, [subject()])).toEqual({ ok: false, error: { code: 'unknownVariable', variable: 'shop.name' } });
  });

  test('instantiate: proposes the next version, skips the blocked, the busy and those missing an ext value', () => {
    const ok = subject({ versions: [v('1.0.3', 'RELEASE'), v('1.0.1', 'OFFLINE')] });
    const cancelled = subject({ blocked: 'authorization.blocked.cancelled' });
    const busy = subject();
    busy.busy = true;
    const noCode = subject();
    const perMerchant = { [ok.authAppId]: { custom: { code: 'A1' } }, [busy.authAppId]: { custom: { code: 'B' } } };
    const r = preflight('instantiate', { ...instantiate, perMerchant }, [ok, cancelled, busy, noCode]);
    expect(r.ok && r.rows).toEqual([
      { authAppId: ok.authAppId, merchantName: ok.merchantName, skip: null, appVersion: '1.0.4' },
      { authAppId: cancelled.authAppId, merchantName: cancelled.merchantName, skip: { reason: 'authorization.blocked.cancelled' } },
      { authAppId: busy.authAppId, merchantName: busy.merchantName, skip: { reason: 'batches.preflight.busy', params: undefined } },
      {
        authAppId: noCode.authAppId,
        merchantName: noCode.merchantName,
        skip: { reason: 'batches.preflight.extMissing', params: { variable: 'custom.code' } },
        appVersion: '1.0.0',
      },
    ]);
  });

  const audit = batchAuditFormSchema.parse({
    versionDesc: '新增花束预订功能，优化首页加载速度与下单流程体验',
    regionType: 'CHINA',
    screenshots: [],
  });

  test('instantiate then submit: a version already in audit blocks the submission; what the reviewer rejects skips', () => {
    const inAudit = subject({ versions: [v('1.0.0', 'AUDITING')] });
    const badName = subject({ appName: '支付宝花店' });
    const fine = subject();
    const r = preflight('instantiate', { ...instantiate, ext: '{}', audit }, [inAudit, badName, fine]);
    if (!r.ok) throw new Error('unexpected');
    expect(r.rows[0].skip).toEqual({ reason: 'versions.reasons.otherInProgress', params: { version: '1.0.0', status: 'AUDITING' }, code: 'CAN_NOT_SUBMIT_WITH_AUDIT_GRAY' });
    expect(r.rows[1].skip).toEqual({ reason: 'preAudit.rules.namePlatformBrand.message', code: 'AUDIT_REJECT', params: undefined });
    expect(r.rows[2].skip).toBeNull();
  });

  test("submit: a mini-program without a category is skipped with the platform's reason, the others run", () => {
    const noCategory = subject({ versions: [v('1.0.0', 'INIT')], categoryIds: [] });
    const unknown = subject({ versions: [v('1.0.0', 'INIT')], categoryIds: undefined });
    const withCategory = subject({ versions: [v('1.0.0', 'INIT')] });
    const without = preflight('submitAudit', { audit }, [noCategory, unknown, withCategory]);
    if (!without.ok) throw new Error('unexpected');
    expect(without.rows.map((row) => row.skip)).toEqual([
      { reason: 'acceptance.codes.CATEGORY_NUM_IS_INVALID', code: 'CATEGORY_NUM_IS_INVALID', params: undefined },
      { reason: 'acceptance.codes.CATEGORY_NUM_IS_INVALID', code: 'CATEGORY_NUM_IS_INVALID', params: undefined },
      null,
    ]);
    const withForm = preflight('submitAudit', { audit: { ...audit, categoryIds: ['a_b'] } }, [noCategory]);
    expect(withForm.ok && withForm.rows[0].skip).toBeNull();
  });

  test("submit: each merchant's own contact is checked; a shared one only when chosen", () => {
    const app = (merchantPhone: string) => subject({ versions: [v('1.0.0', 'INIT')], merchantPhone });
    const own = preflight('submitAudit', { audit }, [app('13800001111'), app('')]);
    expect(own.ok && own.rows.map((row) => row.skip?.code ?? null)).toEqual([null, 'SERVICE_TEL_AND_MAIL_BOTH_BLANK']);
    const shared = preflight('submitAudit', { audit: { ...audit, contact: 'set', servicePhone: '0571-88886666' } }, [app('13800001111'), app('')]);
    expect(shared.ok && shared.rows.map((row) => row.skip)).toEqual([null, null]);
  });

  test('submit: the test account and the screenshots count, and their bytes', () => {
    const app = () => subject({ versions: [v('1.0.0', 'INIT')] });
    const signIn = { ...audit, versionDesc: '新增会员登录与积分功能，优化首页加载速度与下单流程' };
    const r = preflight('submitAudit', { audit: signIn }, [app()]);
    expect(r.ok && r.rows[0].skip).toEqual({ reason: 'acceptance.reviewer.testAccount', params: { word: '登录' }, code: 'AUDIT_REJECT' });
    const withAccount = preflight('submitAudit', { audit: { ...signIn, testAccount: 'reviewer01', testPassword: 'pw' } }, [app()]);
    expect(withAccount.ok && withAccount.rows[0].skip).toBeNull();
    const shot = { fileName: 's.png', base64: 'AAAA' };
    const one = preflight('submitAudit', { audit: { ...audit, screenshots: [shot] } }, [app()]);
    expect(one.ok && one.rows[0].skip?.code).toBe('SCREEN_SHOT_NUM_IS_INVALID');
    const notImages = preflight('submitAudit', { audit: { ...audit, screenshots: [shot, shot] } }, [app()], {
      images: { screenshots: [{ bytes: 3, info: null }, { bytes: 3, info: null }] },
    });
    expect(notImages.ok && notImages.rows[0].skip?.code).toBe('INVALID_SCREEN_SHOT_EXT');
  });

  test('a rule added to the acceptance module shows in the pre-flight and in the single wizard alike', () => {
    const rules = AUDIT_RULES as Record<string, (c: AuditCheck) => Refusal | null>;
    rules.noWeekendWord = ({ plan }) => (plan.versionDesc.includes('周末') ? { rule: 'noWeekendWord', code: 'TEST_RULE', message: 'test', by: 'gateway' } : null);
    try {
      const weekend = { ...audit, versionDesc: '新增周末花束预订功能，优化首页加载速度与下单流程' };
      const r = preflight('submitAudit', { audit: weekend }, [subject({ versions: [v('1.0.0', 'INIT')] })]);
      expect(r.ok && r.rows[0].skip?.code).toBe('TEST_RULE');
      // What the single version's wizard asks (components/versions/audit-wizard.tsx).
      const single = auditRefusals({ plan: { versionDesc: weekend.versionDesc, regionType: 'CHINA', regions: [], servicePhone: '13800001111', screenshotCount: 0, hasLogo: false }, current: { appName: '青禾花店', categoryIds: ['a_b'] } });
      expect(single.map((x) => x.code)).toEqual(['TEST_RULE']);
    } finally {
      delete rules.noWeekendWord;
    }
  });

  test('the version a batch acts on is the one the version rule offers the operation for', () => {
    const vs = [v('1.0.2', 'INIT'), v('1.0.1', 'WAIT_RELEASE'), v('1.0.0', 'RELEASE')];
    expect(targetVersion('gray', vs)).toMatchObject({ version: { appVersion: '1.0.1' }, op: 'grayRelease' });
    expect(targetVersion('gray', [v('1.0.1', 'GRAY', { grayStrategy: 'p10' })])).toMatchObject({ op: 'widenGray' });
    expect(targetVersion('submitAudit', vs)).toMatchObject({ version: { appVersion: '1.0.2' }, op: 'submitAudit' });
    expect(targetVersion('offline', vs)).toMatchObject({ version: { appVersion: '1.0.0' }, op: 'offline' });
    expect(targetVersion('online', [v('1.0.0', 'INIT')])).toBeNull();
    expect(targetVersion('addMember', vs)).toBeNull();
  });

  test('gray: only a passed or gray version, and never narrower', () => {
    const passed = subject({ versions: [v('1.0.1', 'WAIT_RELEASE'), v('1.0.0', 'RELEASE')] });
    const wide = subject({ versions: [v('1.0.1', 'GRAY', { grayStrategy: 'p50' })] });
    const none = subject({ versions: [v('1.0.0', 'INIT')] });
    const r = preflight('gray', { grayStrategy: 'p30' }, [passed, wide, none]);
    if (!r.ok) throw new Error('unexpected');
    expect(r.rows.map((row) => [row.skip?.reason ?? null, row.appVersion])).toEqual([
      [null, '1.0.1'],
      ['batches.preflight.grayNotWider', '1.0.1'],
      ['batches.preflight.noPassedVersion', undefined],
    ]);
  });

  test('rollback: needs an earlier online version and no gray running', () => {
    const first = subject({ versions: [v('1.0.0', 'RELEASE')] });
    const gray = subject({ versions: [v('1.0.2', 'GRAY', { grayStrategy: 'p10' }), v('1.0.1', 'RELEASE'), v('1.0.0', 'OFFLINE')] });
    const ok = subject({ versions: [v('1.0.1', 'RELEASE'), v('1.0.0', 'OFFLINE')] });
    const r = preflight('rollback', {}, [first, gray, ok]);
    if (!r.ok) throw new Error('unexpected');
    expect(r.rows.map((row) => row.skip?.reason ?? null)).toEqual(['versions.reasons.firstRelease', 'versions.reasons.grayRunningRollback', null]);
    expect(r.rows.map((row) => row.skip?.code ?? null)).toEqual(['CAN_NOT_ROLLBACK_WITHOUT_OFFLINE', 'CAN_NOT_ROLLBACK_WITH_GRAY', null]);
  });

  test('member and contact batches only need a valid authorization', () => {
    const r = preflight('setServiceContact', { servicePhone: '0571-88886666' }, [subject(), subject({ blocked: 'authorization.blocked.invalid' })]);
    expect(r.ok && r.rows.map((row) => row.skip?.reason ?? null)).toEqual([null, 'authorization.blocked.invalid']);
  });
});
