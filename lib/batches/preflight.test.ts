import { describe, expect, test } from 'vitest';
import type { VersionFacts } from '@/lib/versions/operations';
import { preflight, type PreflightSubject } from './preflight';

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

  test('instantiate then submit: a version already in audit blocks the submission; pre-audit errors skip', () => {
    const audit = {
      versionDesc: '新增花束预订功能，优化首页加载速度与下单流程体验',
      regionType: 'CHINA' as const,
      servicePhone: '0571-88886666',
      screenshots: [],
      autoOnline: false,
    };
    const inAudit = subject({ versions: [v('1.0.0', 'AUDITING')] });
    const badName = subject({ appName: '支付宝花店' });
    const fine = subject();
    const r = preflight('instantiate', { ...instantiate, ext: '{}', audit }, [inAudit, badName, fine]);
    if (!r.ok) throw new Error('unexpected');
    expect(r.rows[0].skip).toEqual({ reason: 'versions.reasons.otherInProgress', params: { version: '1.0.0', status: 'AUDITING' } });
    expect(r.rows[1].skip?.reason).toBe('batches.preflight.preAudit');
    expect(r.rows[1].skip?.params?.rules).toContain('namePlatformBrand');
    expect(r.rows[2].skip).toBeNull();
  });

  test('submit: a mini-program with no category is skipped unless the shared form gives categories', () => {
    const audit = {
      versionDesc: '新增花束预订功能，优化首页加载速度与下单流程体验',
      regionType: 'CHINA' as const,
      servicePhone: '0571-88886666',
      screenshots: [],
      autoOnline: false,
    };
    const noCategory = subject({ versions: [v('1.0.0', 'INIT')], categoryCount: 0 });
    const unknown = subject({ versions: [v('1.0.0', 'INIT')] });
    const without = preflight('submitAudit', { audit } as never, [noCategory, unknown]);
    if (!without.ok) throw new Error('unexpected');
    expect(without.rows[0].skip?.params?.rules).toContain('categoryCount');
    expect(without.rows[1].skip).toBeNull();
    const withForm = preflight('submitAudit', { audit: { ...audit, categoryIds: ['a_b'] } } as never, [noCategory]);
    if (!withForm.ok) throw new Error('unexpected');
    expect(withForm.rows[0].skip).toBeNull();
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

  test('rollback: needs an earlier online version and no gray running (issue 5 rules)', () => {
    const first = subject({ versions: [v('1.0.0', 'RELEASE')] });
    const gray = subject({ versions: [v('1.0.2', 'GRAY', { grayStrategy: 'p10' }), v('1.0.1', 'RELEASE'), v('1.0.0', 'OFFLINE')] });
    const ok = subject({ versions: [v('1.0.1', 'RELEASE'), v('1.0.0', 'OFFLINE')] });
    const r = preflight('rollback', { confirm: 'ROLLBACK' }, [first, gray, ok]);
    if (!r.ok) throw new Error('unexpected');
    expect(r.rows.map((row) => row.skip?.reason ?? null)).toEqual(['versions.reasons.firstRelease', 'versions.reasons.grayRunningRollback', null]);
  });

  test('member and contact batches only need a valid authorization', () => {
    const r = preflight('setServiceContact', { servicePhone: '0571-88886666' }, [subject(), subject({ blocked: 'authorization.blocked.invalid' })]);
    expect(r.ok && r.rows.map((row) => row.skip?.reason ?? null)).toEqual([null, 'authorization.blocked.invalid']);
  });
});
