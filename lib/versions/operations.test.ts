// The allowed-operations rule against the contract's transition table (§4 "Versions"): for every status, exactly
// the operations the table allows are offered, and the refusals the platform makes are anticipated with a reason.
import { describe, expect, it } from 'vitest';
import type { AppVersionStatus, StoredVersionStatus } from '@/db/schema-versions';
import { availableOperations, compareVersions, grayChoices, nextAppVersion, operationAvailability, VERSION_OPERATIONS, type VersionFacts, type VersionOperation } from './operations';

const v = (appVersion: string, status: StoredVersionStatus | null, extra: Partial<VersionFacts> = {}): VersionFacts => ({
  appVersion,
  status,
  buildStatus: 'success',
  experience: 'none',
  grayStrategy: status === 'GRAY' ? 'p10' : null,
  canRelease: null,
  onlineByRollback: false,
  ...extra,
});

const offered = (version: VersionFacts, siblings: VersionFacts[] = [version]) =>
  VERSION_OPERATIONS.filter((op) => operationAvailability(op, version, siblings).state !== 'hidden');
const allowedOps = (version: VersionFacts, siblings: VersionFacts[] = [version]) =>
  VERSION_OPERATIONS.filter((op) => operationAvailability(op, version, siblings).state === 'allowed');

// The contract's table, read per status: which operations may start from it (a lone version, built, no experience).
const TABLE: Record<AppVersionStatus, VersionOperation[]> = {
  INIT: ['setExperience', 'submitAudit', 'delete'],
  AUDITING: ['setExperience', 'cancelAudit'],
  AUDIT_REJECT: ['setExperience', 'backToDev'],
  WAIT_RELEASE: ['setExperience', 'backToDev', 'grayRelease', 'online'],
  // Without can_release (absent unless BASE_PROMOTE) online is offered and the platform decides; gray needs true.
  BASE_AUDIT_PASS: ['setExperience', 'backToDev', 'online'],
  GRAY: ['widenGray', 'endGray', 'online'],
  RELEASE: ['offline'],
  OFFLINE: [],
  AUDIT_OFFLINE: [],
};

describe('operations allowed by status (contract §4 transitions)', () => {
  for (const [status, ops] of Object.entries(TABLE) as [AppVersionStatus, VersionOperation[]][]) {
    it(`${status}: ${ops.join(', ') || 'nothing'}`, () => {
      expect(allowedOps(v('1.0.0', status))).toEqual(ops);
    });
  }

  it('offers nothing on a version the platform has not confirmed', () => {
    expect(offered(v('1.0.0', null))).toEqual([]);
  });

  it('online from WAIT_RELEASE is offered whatever can_release says (gray is optional, §4)', () => {
    for (const canRelease of [null, false, true]) {
      const waiting = v('1.0.0', 'WAIT_RELEASE', { canRelease });
      expect(operationAvailability('online', waiting, [waiting]).state).toBe('allowed');
    }
  });

  it('BASE_AUDIT_PASS goes online unless can_release is exactly false; gray only with true', () => {
    const absent = v('1.0.0', 'BASE_AUDIT_PASS', { canRelease: null });
    const yes = v('1.0.0', 'BASE_AUDIT_PASS', { canRelease: true });
    const no = v('1.0.0', 'BASE_AUDIT_PASS', { canRelease: false });
    expect(operationAvailability('online', absent, [absent]).state).toBe('allowed');
    expect(operationAvailability('online', yes, [yes]).state).toBe('allowed');
    expect(operationAvailability('online', no, [no])).toMatchObject({ state: 'disabled', reason: 'versions.reasons.noPromote' });
    expect(operationAvailability('grayRelease', absent, [absent]).state).toBe('disabled');
    expect(operationAvailability('grayRelease', yes, [yes]).state).toBe('allowed');
  });

  it('a status the contract does not name hides every operation on that row only, with the raw value as reason', () => {
    const odd = v('1.0.1', 'PROMOTE_AUDIT_REJECT');
    const dev = v('1.0.0', 'INIT');
    expect(offered(odd, [odd, dev])).toEqual([]);
    expect(operationAvailability('online', odd, [odd])).toEqual({ state: 'hidden', reason: 'versions.reasons.unknownStatus', params: { status: 'PROMOTE_AUDIT_REJECT' } });
    // The other row keeps its operations; submitting is held back since the odd version may be one in progress.
    expect(allowedOps(dev, [odd, dev])).toEqual(['setExperience', 'delete']);
    expect(operationAvailability('submitAudit', dev, [odd, dev])).toMatchObject({ state: 'disabled', reason: 'versions.reasons.otherInProgress' });
  });

  it('a call of unknown outcome blocks every operation on that version until checked', () => {
    const pending = v('1.0.0', 'INIT', { pending: true });
    expect(allowedOps(pending)).toEqual([]);
    expect(operationAvailability('submitAudit', pending, [pending])).toMatchObject({ state: 'disabled', reason: 'versions.reasons.pending' });
  });
});

describe('build and experience', () => {
  it('a building version can be neither submitted, deleted nor made the experience version', () => {
    const building = v('1.0.0', 'INIT', { buildStatus: 'building' });
    for (const op of ['submitAudit', 'delete', 'setExperience'] as const) {
      expect(operationAvailability(op, building, [building])).toMatchObject({ state: 'disabled', reason: 'versions.reasons.building' });
    }
  });

  it('a failed build can be deleted but not submitted', () => {
    const failed = v('1.0.0', 'INIT', { buildStatus: 'failed' });
    expect(operationAvailability('delete', failed, [failed]).state).toBe('allowed');
    expect(operationAvailability('submitAudit', failed, [failed])).toMatchObject({ state: 'disabled', reason: 'versions.reasons.buildFailed' });
  });

  it('one experience version at a time (CAN_NOT_SET_EXP_REPEAT)', () => {
    const exp = v('1.0.0', 'INIT', { experience: 'packaged' });
    const other = v('1.0.1', 'INIT');
    expect(operationAvailability('setExperience', other, [exp, other])).toMatchObject({ state: 'disabled', params: { version: '1.0.0' } });
    expect(operationAvailability('setExperience', exp, [exp, other]).state).toBe('hidden');
    expect(operationAvailability('cancelExperience', exp, [exp, other]).state).toBe('allowed');
  });

  it('an experience version still packaging cannot be cancelled (CAN_NOT_CANCEL_WITHOUT_PACKAGED)', () => {
    const packaging = v('1.0.0', 'INIT', { experience: 'packaging' });
    expect(operationAvailability('cancelExperience', packaging, [packaging])).toMatchObject({ state: 'disabled' });
  });

  it('the experience version cannot be deleted (CAN_NOT_DELETE_WITH_EXPERIENCE)', () => {
    const exp = v('1.0.0', 'INIT', { experience: 'packaged' });
    expect(operationAvailability('delete', exp, [exp])).toMatchObject({ state: 'disabled', reason: 'versions.reasons.deleteExperience' });
  });

  it('an online version cannot become the experience version (CAN_NOT_SET_EXP_WITH_ONLINED_STATUS)', () => {
    for (const status of ['GRAY', 'RELEASE', 'OFFLINE'] as const) expect(operationAvailability('setExperience', v('1.0.0', status), []).state).toBe('hidden');
  });
});

describe('submitting for audit', () => {
  it.each(['AUDITING', 'WAIT_RELEASE', 'AUDIT_REJECT', 'GRAY'] as const)('is refused while another version is %s (CAN_NOT_SUBMIT_WITH_AUDIT_GRAY)', (status) => {
    const busy = v('1.0.0', status);
    const dev = v('1.0.1', 'INIT');
    expect(operationAvailability('submitAudit', dev, [busy, dev])).toEqual({
      state: 'disabled',
      reason: 'versions.reasons.otherInProgress',
      params: { version: '1.0.0', status },
    });
  });

  it('is allowed beside an online or offline version', () => {
    const dev = v('1.1.0', 'INIT');
    expect(operationAvailability('submitAudit', dev, [v('1.0.0', 'RELEASE'), v('0.9.0', 'OFFLINE'), dev]).state).toBe('allowed');
  });

  it('is refused below the online version (EXIST_LARGER_ONLINED_VERSION)', () => {
    const dev = v('1.0.0', 'INIT');
    expect(operationAvailability('submitAudit', dev, [v('1.2.0', 'RELEASE'), dev])).toMatchObject({ state: 'disabled', reason: 'versions.reasons.lowerThanOnline' });
  });
});

describe('gray release', () => {
  it('starts at any share and only widens (GRAY_STRATEGY_NOT_ALLOW_REDUCE)', () => {
    expect(grayChoices({ status: 'WAIT_RELEASE', grayStrategy: null })).toEqual(['p10', 'p30', 'p50']);
    expect(grayChoices({ status: 'GRAY', grayStrategy: 'p10' })).toEqual(['p30', 'p50']);
    expect(grayChoices({ status: 'GRAY', grayStrategy: 'p30' })).toEqual(['p50']);
    expect(grayChoices({ status: 'GRAY', grayStrategy: 'p50' })).toEqual([]);
    expect(grayChoices({ status: 'RELEASE', grayStrategy: null })).toEqual([]);
  });

  it('at 50 % there is nothing wider', () => {
    const g = v('1.0.0', 'GRAY', { grayStrategy: 'p50' });
    expect(operationAvailability('widenGray', g, [g])).toMatchObject({ state: 'disabled', reason: 'versions.reasons.grayAtMost' });
  });
});

describe('offline and rollback', () => {
  const online = (extra: Partial<VersionFacts> = {}) => v('2.0.0', 'RELEASE', extra);

  it('rollback is refused on the first version ever online: only offline is possible', () => {
    const first = online();
    expect(operationAvailability('rollback', first, [first])).toEqual({ state: 'disabled', reason: 'versions.reasons.firstRelease', params: undefined });
    expect(operationAvailability('offline', first, [first]).state).toBe('allowed');
  });

  it('rollback is allowed when an earlier version was online (now OFFLINE)', () => {
    const current = online();
    expect(operationAvailability('rollback', current, [current, v('1.0.0', 'OFFLINE')]).state).toBe('allowed');
  });

  it('rollback is refused right after a rollback (CAN_NOT_CONTINUOUS_ROLLBACK)', () => {
    const restored = online({ onlineByRollback: true });
    expect(operationAvailability('rollback', restored, [restored, v('1.0.0', 'OFFLINE')])).toMatchObject({ state: 'disabled', reason: 'versions.reasons.afterRollback' });
  });

  it('rollback and offline are refused while a gray release runs (CAN_NOT_ROLLBACK_WITH_GRAY, CAN_NOT_OFFLINE_WITH_GRAY)', () => {
    const current = online();
    const siblings = [current, v('1.0.0', 'OFFLINE'), v('2.1.0', 'GRAY')];
    expect(operationAvailability('rollback', current, siblings)).toMatchObject({ state: 'disabled', reason: 'versions.reasons.grayRunningRollback' });
    expect(operationAvailability('offline', current, siblings)).toMatchObject({ state: 'disabled', reason: 'versions.reasons.grayRunningOffline' });
  });

  it('every status other than RELEASE hides both', () => {
    for (const status of ['INIT', 'AUDITING', 'AUDIT_REJECT', 'WAIT_RELEASE', 'GRAY', 'OFFLINE', 'AUDIT_OFFLINE'] as const) {
      const ops = availableOperations(v('1.0.0', status), []);
      expect([ops.rollback.state, ops.offline.state]).toEqual(['hidden', 'hidden']);
    }
  });
});

describe('version numbers', () => {
  it('compares numerically, not as text', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBeGreaterThan(0);
    expect(compareVersions('2.0.0', '10.0.0')).toBeLessThan(0);
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0);
  });

  it('proposes the next patch above every existing version', () => {
    expect(nextAppVersion([])).toBe('1.0.0');
    expect(nextAppVersion(['1.0.9', '1.0.10', '0.9.0'])).toBe('1.0.11');
    expect(nextAppVersion(['2.1.0', 'bad'])).toBe('2.1.1');
  });
});
