import { describe, expect, test } from 'vitest';
import {
  buildState,
  buildStatusCodes,
  basePromoteFields,
  compareVersions,
  experienceState,
  guardAuditApply,
  guardAuditCancel,
  guardAuditedCancel,
  guardDelete,
  guardExperienceCancel,
  guardExperienceCreate,
  guardGrayCancel,
  guardGrayOnline,
  guardOffline,
  guardOnline,
  guardRollback,
  guardUpload,
  MAX_DEV_VERSIONS,
  type VersionStatus,
  type VersionView,
} from './versions';

let nextId = 1;
function v(appVersion: string, status: VersionStatus, more: Partial<VersionView> = {}): VersionView {
  return {
    id: nextId++,
    appVersion,
    status,
    built: true,
    experience: 'none',
    grayStrategy: null,
    onlineByRollback: false,
    replacedVersionId: null,
    ...more,
  };
}
const code = (r: { subCode: string } | null) => r?.subCode ?? null;
const ALL: VersionStatus[] = ['INIT', 'AUDITING', 'AUDIT_REJECT', 'WAIT_RELEASE', 'GRAY', 'RELEASE', 'OFFLINE', 'AUDIT_OFFLINE'];

describe('version numbers', () => {
  test('compare numerically, not as text', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBeGreaterThan(0);
    expect(compareVersions('0.0.1', '0.0.1')).toBe(0);
    expect(compareVersions('2.0.0', '10.0.0')).toBeLessThan(0);
  });
});

describe('upload', () => {
  test('needs x.y.z, greater than every existing version', () => {
    expect(code(guardUpload('1.0', []))).toBe('INVALID_VERSION');
    expect(code(guardUpload('1.0.0-beta', []))).toBe('INVALID_VERSION');
    expect(code(guardUpload('1.0.0', [v('1.0.0', 'INIT')]))).toBe('VERSION_HAS_EXISTED');
    expect(code(guardUpload('1.0.0', [v('1.0.1', 'OFFLINE')]))).toBe('LARGER_VERSION_HAS_EXISTED');
    expect(code(guardUpload('1.0.2', [v('1.0.1', 'RELEASE')]))).toBeNull();
  });

  test(`allows at most ${MAX_DEV_VERSIONS} development versions`, () => {
    const dev = Array.from({ length: MAX_DEV_VERSIONS }, (_, i) => v(`0.0.${i + 1}`, 'INIT'));
    expect(code(guardUpload('0.1.0', dev))).toBe('DEV_VERSION_EXCEED_MAX_COUNT');
    expect(code(guardUpload('0.1.0', dev.slice(1)))).toBeNull();
  });
});

describe('build and experience timing', () => {
  test('queued, then building, then success over the duration', () => {
    expect(buildState(1000, 3000, 1000)).toBe('queued');
    expect(buildState(1000, 3000, 2000)).toBe('building');
    expect(buildState(1000, 3000, 4000)).toBe('success');
    expect(buildState(1000, 0, 1000)).toBe('success');
    expect(buildStatusCodes('queued')).toEqual({ buildStatus: '0', createStatus: '0', needRotation: 'true', versionCreated: 'false' });
    expect(buildStatusCodes('success')).toEqual({ buildStatus: '2', createStatus: '6', needRotation: 'false', versionCreated: 'true' });
  });

  test('experience packaging', () => {
    expect(experienceState(null, null, 5)).toBe('none');
    expect(experienceState(0, 100, 50)).toBe('packaging');
    expect(experienceState(0, 100, 100)).toBe('packaged');
  });
});

describe('transition table', () => {
  test('experience.create: a built INIT, AUDITING, AUDIT_REJECT or WAIT_RELEASE version, one at a time', () => {
    for (const s of ALL) {
      const expected = ['INIT', 'AUDITING', 'AUDIT_REJECT', 'WAIT_RELEASE'].includes(s) ? null : 'CAN_NOT_SET_EXP_WITH_ONLINED_STATUS';
      const x = v('1.0.0', s);
      expect(code(guardExperienceCreate(x, [x])), s).toBe(expected);
    }
    const building = v('1.0.0', 'INIT', { built: false });
    expect(code(guardExperienceCreate(building, [building]))).toBe('CAN_NOT_SET_EXP_INVALID_STATUS');
    const other = v('0.9.0', 'INIT', { experience: 'packaged' });
    const x = v('1.0.0', 'INIT');
    expect(code(guardExperienceCreate(x, [x, other]))).toBe('CAN_NOT_SET_EXP_REPEAT');
    const already = v('1.0.0', 'INIT', { experience: 'packaging' });
    expect(code(guardExperienceCreate(already, [already]))).toBe('CAN_NOT_SET_EXP_REPEAT');
  });

  test('experience.cancel only once packaged', () => {
    expect(code(guardExperienceCancel(v('1.0.0', 'INIT', { experience: 'packaging' })))).toBe('CAN_NOT_CANCEL_WITHOUT_PACKAGED');
    expect(code(guardExperienceCancel(v('1.0.0', 'INIT')))).toBe('CAN_NOT_CANCEL_WITHOUT_PACKAGED');
    expect(code(guardExperienceCancel(v('1.0.0', 'INIT', { experience: 'packaged' })))).toBeNull();
  });

  test('delete: INIT only, not the experience version, not while building', () => {
    for (const s of ALL) expect(code(guardDelete(v('1.0.0', s))), s).toBe(s === 'INIT' ? null : 'CAN_NOT_DELETE_WITHOUT_DEV');
    expect(code(guardDelete(v('1.0.0', 'INIT', { experience: 'packaged' })))).toBe('CAN_NOT_DELETE_WITH_EXPERIENCE');
    expect(code(guardDelete(v('1.0.0', 'INIT', { built: false })))).toBe('CAN_NOT_DELETE_WITH_INSTANTIATE');
  });

  test('audit.apply: a built INIT version while no other version is in audit, rejected, waiting or gray', () => {
    for (const s of ALL) {
      const x = v('2.0.0', s);
      expect(code(guardAuditApply(x, [x])), s).toBe(s === 'INIT' ? null : 'CAN_NOT_SUBMIT_WITHOUT_INIT');
    }
    const unbuilt = v('2.0.0', 'INIT', { built: false });
    expect(code(guardAuditApply(unbuilt, [unbuilt]))).toBe('CAN_NOT_SUBMIT_WITHOUT_INIT');
    for (const s of ['AUDITING', 'WAIT_RELEASE', 'AUDIT_REJECT', 'GRAY'] as const) {
      const x = v('2.0.0', 'INIT');
      expect(code(guardAuditApply(x, [x, v('1.0.0', s)])), s).toBe('CAN_NOT_SUBMIT_WITH_AUDIT_GRAY');
    }
    const x = v('2.0.0', 'INIT');
    expect(code(guardAuditApply(x, [x, v('1.0.0', 'RELEASE'), v('0.9.0', 'OFFLINE'), v('1.5.0', 'INIT')]))).toBeNull();
    const low = v('1.0.0', 'INIT');
    expect(code(guardAuditApply(low, [low, v('3.0.0', 'RELEASE')]))).toBe('EXIST_LARGER_ONLINED_VERSION');
  });

  test('audit.cancel from AUDITING; audited.cancel from WAIT_RELEASE or AUDIT_REJECT', () => {
    for (const s of ALL) {
      expect(code(guardAuditCancel(v('1.0.0', s))), s).toBe(s === 'AUDITING' ? null : 'AUDITING_VERSION_NOT_EXIST');
      expect(code(guardAuditedCancel(v('1.0.0', s))), s).toBe(s === 'WAIT_RELEASE' || s === 'AUDIT_REJECT' ? null : 'CAN_NOT_BACK_DEV_WITHOUT_AUDIT');
    }
  });

  test('gray.online from WAIT_RELEASE, or GRAY to widen, never narrow', () => {
    expect(code(guardGrayOnline(v('1.0.0', 'WAIT_RELEASE'), ''))).toBe('GRAY_STRATEGY_IS_BLANK');
    expect(code(guardGrayOnline(v('1.0.0', 'WAIT_RELEASE'), 'p20'))).toBe('GRAY_STRATEGY_IS_INVALID');
    expect(code(guardGrayOnline(v('1.0.0', 'WAIT_RELEASE'), 'p10'))).toBeNull();
    expect(code(guardGrayOnline(v('1.0.0', 'GRAY', { grayStrategy: 'p10' }), 'p50'))).toBeNull();
    expect(code(guardGrayOnline(v('1.0.0', 'GRAY', { grayStrategy: 'p30' }), 'p10'))).toBe('GRAY_STRATEGY_NOT_ALLOW_REDUCE');
    for (const s of ['INIT', 'AUDITING', 'AUDIT_REJECT', 'RELEASE', 'OFFLINE', 'AUDIT_OFFLINE'] as const) {
      expect(code(guardGrayOnline(v('1.0.0', s), 'p10')), s).toBe('CAN_NOT_GRAY_WITHOUT_AUDIT_PASS');
    }
  });

  test('gray.cancel from GRAY', () => {
    for (const s of ALL) expect(code(guardGrayCancel(v('1.0.0', s))), s).toBe(s === 'GRAY' ? null : 'CAN_NOT_END_GRAY_WITHOUT_GRAY');
  });

  test('online from GRAY; from WAIT_RELEASE only with gray optional', () => {
    const expected: Record<VersionStatus, string | null> = {
      INIT: 'CAN_NOT_ONLINE_WITHOUT_AUDIT',
      AUDITING: 'CAN_NOT_ONLINE_WITHOUT_AUDIT',
      AUDIT_REJECT: 'CAN_NOT_ONLINE_WITHOUT_AUDIT',
      WAIT_RELEASE: 'CAN_NOT_ONLINE_WITHOUT_GRAY',
      BASE_AUDIT_PASS: null,
      GRAY: null,
      RELEASE: 'CAN_NOT_ONLINE_NOT_GRAY_OR_WAITRELEASE',
      OFFLINE: 'CAN_NOT_ONLINE_NOT_GRAY_OR_WAITRELEASE',
      AUDIT_OFFLINE: 'CAN_NOT_ONLINE_NOT_GRAY_OR_WAITRELEASE',
    };
    for (const s of ALL) expect(code(guardOnline(v('1.0.0', s), { grayOptional: false })), s).toBe(expected[s]);
    expect(code(guardOnline(v('1.0.0', 'WAIT_RELEASE'), { grayOptional: true }))).toBeNull();
  });

  test('can_release and the audit halves only for BASE_PROMOTE submissions (§4)', () => {
    expect(basePromoteFields({ status: 'WAIT_RELEASE', auditRule: null, promoteAudit: null })).toEqual({});
    expect(basePromoteFields({ status: 'BASE_AUDIT_PASS', auditRule: 'BASE_PROMOTE', promoteAudit: 'REJECT' })).toEqual({ base_audit: 'PASS', promote_audit: 'REJECT', can_release: 'true' });
    expect(basePromoteFields({ status: 'WAIT_RELEASE', auditRule: 'BASE_PROMOTE', promoteAudit: 'PASS' })).toEqual({ base_audit: 'PASS', promote_audit: 'PASS', can_release: 'true' });
    expect(basePromoteFields({ status: 'AUDITING', auditRule: 'BASE_PROMOTE', promoteAudit: null })).toEqual({});
  });

  test('offline: RELEASE while nothing is gray', () => {
    const online = v('1.0.0', 'RELEASE');
    expect(code(guardOffline(online, [online]))).toBeNull();
    expect(code(guardOffline(online, [online, v('1.1.0', 'GRAY')]))).toBe('CAN_NOT_OFFLINE_WITH_GRAY');
    expect(code(guardOffline(v('1.0.0', 'OFFLINE'), []))).toBe('CAN_NOT_OFFLINE_WITHOUT_ONLINE');
  });

  test('rollback: RELEASE with an earlier online version now OFFLINE, not twice in a row, no gray', () => {
    const previous = v('1.0.0', 'OFFLINE');
    const current = v('1.1.0', 'RELEASE', { replacedVersionId: previous.id });
    expect(code(guardRollback(current, [current, previous]))).toBeNull();
    expect(code(guardRollback(v('1.1.0', 'GRAY'), []))).toBe('CAN_NOT_ROLLBACK_WITHOUT_ONLINE');
    const first = v('1.0.0', 'RELEASE');
    expect(code(guardRollback(first, [first]))).toBe('CAN_NOT_ROLLBACK_WITHOUT_OFFLINE');
    expect(code(guardRollback(current, [current, previous, v('1.2.0', 'GRAY')]))).toBe('CAN_NOT_ROLLBACK_WITH_GRAY');
    const rolledBack = v('1.0.0', 'RELEASE', { onlineByRollback: true, replacedVersionId: previous.id });
    expect(code(guardRollback(rolledBack, [rolledBack, previous]))).toBe('CAN_NOT_CONTINUOUS_ROLLBACK');
  });
});
