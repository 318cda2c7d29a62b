// The version state machine of contract §4 as pure guards: each takes the version (and its siblings of the same
// mini-program and client) and returns the refusal the gateway must answer, or null when the operation may proceed.
import type { GRAY_STRATEGIES, VERSION_STATUSES } from '../db/schema';

export type VersionStatus = (typeof VERSION_STATUSES)[number];
export type GrayStrategy = (typeof GRAY_STRATEGIES)[number];
export type BuildState = 'queued' | 'building' | 'success';
export type ExperienceState = 'none' | 'packaging' | 'packaged';

export interface Refusal {
  subCode: string;
  subMsg: string;
}

export interface VersionView {
  id: number;
  appVersion: string;
  status: VersionStatus;
  built: boolean;
  experience: ExperienceState;
  grayStrategy: GrayStrategy | null;
  onlineByRollback: boolean;
  replacedVersionId: number | null;
}

export const MAX_DEV_VERSIONS = 20;

const refuse = (subCode: string, subMsg: string): Refusal => ({ subCode, subMsg });

export function isValidVersionNumber(v: string): boolean {
  return /^\d{1,6}\.\d{1,6}\.\d{1,6}$/.test(v);
}

/** Numeric x.y.z comparison; both must be valid version numbers. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

/** Queued for the first fifth of the build, then building, then done: derived from time so restarts keep it. */
export function buildState(startedAt: number, durationMs: number, now: number): BuildState {
  const elapsed = now - startedAt;
  if (elapsed >= durationMs) return 'success';
  return elapsed < durationMs / 5 ? 'queued' : 'building';
}

/** build_status / create_status codes of upload and build.query. */
export function buildStatusCodes(state: BuildState): { buildStatus: string; createStatus: string; needRotation: string; versionCreated: string } {
  const code = state === 'queued' ? '0' : state === 'building' ? '1' : '2';
  const done = state === 'success';
  return { buildStatus: code, createStatus: done ? '6' : code, needRotation: done ? 'false' : 'true', versionCreated: done ? 'true' : 'false' };
}

export function experienceState(startedAt: number | null, durationMs: number | null, now: number): ExperienceState {
  if (startedAt == null) return 'none';
  return now - startedAt >= (durationMs ?? 0) ? 'packaged' : 'packaging';
}

export function guardUpload(appVersion: string, siblings: VersionView[]): Refusal | null {
  if (!isValidVersionNumber(appVersion)) return refuse('INVALID_VERSION', `版本号 ${appVersion} 不合法，应为 x.y.z 格式的数字`);
  if (siblings.some((s) => s.appVersion === appVersion)) return refuse('VERSION_HAS_EXISTED', `版本 ${appVersion} 已存在`);
  const larger = siblings.find((s) => compareVersions(s.appVersion, appVersion) > 0);
  if (larger) return refuse('LARGER_VERSION_HAS_EXISTED', `已存在更大的版本 ${larger.appVersion}，新版本号必须大于所有已有版本`);
  if (siblings.filter((s) => s.status === 'INIT').length >= MAX_DEV_VERSIONS) {
    return refuse('DEV_VERSION_EXCEED_MAX_COUNT', `开发版本数量已达上限 ${MAX_DEV_VERSIONS} 个，请先删除不需要的开发版本`);
  }
  return null;
}

const EXPERIENCE_FROM: VersionStatus[] = ['INIT', 'AUDITING', 'AUDIT_REJECT', 'WAIT_RELEASE', 'BASE_AUDIT_PASS'];

export function guardExperienceCreate(v: VersionView, siblings: VersionView[]): Refusal | null {
  if (v.experience !== 'none') return refuse('CAN_NOT_SET_EXP_REPEAT', `版本 ${v.appVersion} 已经是体验版`);
  if (siblings.some((s) => s.id !== v.id && s.experience !== 'none')) {
    return refuse('CAN_NOT_SET_EXP_REPEAT', '已存在体验版，同一时间只能有一个体验版，请先取消原体验版');
  }
  if (!EXPERIENCE_FROM.includes(v.status)) return refuse('CAN_NOT_SET_EXP_WITH_ONLINED_STATUS', `版本状态为 ${v.status}，已上架过的版本不能设为体验版`);
  if (!v.built) return refuse('CAN_NOT_SET_EXP_INVALID_STATUS', '版本尚未构建完成，不能设为体验版');
  return null;
}

export function guardExperienceCancel(v: VersionView): Refusal | null {
  if (v.experience !== 'packaged') return refuse('CAN_NOT_CANCEL_WITHOUT_PACKAGED', `版本 ${v.appVersion} 不是已打包完成的体验版`);
  return null;
}

export function guardDelete(v: VersionView): Refusal | null {
  if (v.status !== 'INIT') return refuse('CAN_NOT_DELETE_WITHOUT_DEV', `版本状态为 ${v.status}，只能删除开发中的版本`);
  if (v.experience !== 'none') return refuse('CAN_NOT_DELETE_WITH_EXPERIENCE', '该版本是体验版，请先取消体验版再删除');
  if (!v.built) return refuse('CAN_NOT_DELETE_WITH_INSTANTIATE', '版本正在构建中，不能删除');
  return null;
}

const BLOCKS_NEW_AUDIT: VersionStatus[] = ['AUDITING', 'WAIT_RELEASE', 'BASE_AUDIT_PASS', 'AUDIT_REJECT', 'GRAY'];

export function guardAuditApply(v: VersionView, siblings: VersionView[]): Refusal | null {
  if (v.status !== 'INIT') return refuse('CAN_NOT_SUBMIT_WITHOUT_INIT', `版本状态为 ${v.status}，只有开发版本可以提交审核`);
  if (!v.built) return refuse('CAN_NOT_SUBMIT_WITHOUT_INIT', '版本尚未构建完成，请稍后再提交审核');
  const blocking = siblings.find((s) => s.id !== v.id && BLOCKS_NEW_AUDIT.includes(s.status));
  if (blocking) {
    return refuse('CAN_NOT_SUBMIT_WITH_AUDIT_GRAY', `版本 ${blocking.appVersion} 处于 ${blocking.status} 状态，请先处理该版本再提交新的审核`);
  }
  const online = siblings.find((s) => s.status === 'RELEASE');
  if (online && compareVersions(online.appVersion, v.appVersion) > 0) {
    return refuse('EXIST_LARGER_ONLINED_VERSION', `已上架版本 ${online.appVersion} 高于 ${v.appVersion}，不能提交审核`);
  }
  return null;
}

export function guardAuditCancel(v: VersionView): Refusal | null {
  if (v.status !== 'AUDITING') return refuse('AUDITING_VERSION_NOT_EXIST', `版本 ${v.appVersion} 不在审核中`);
  return null;
}

export function guardAuditedCancel(v: VersionView): Refusal | null {
  if (v.status !== 'WAIT_RELEASE' && v.status !== 'BASE_AUDIT_PASS' && v.status !== 'AUDIT_REJECT') {
    return refuse('CAN_NOT_BACK_DEV_WITHOUT_AUDIT', `版本状态为 ${v.status}，只有审核通过或驳回的版本可以退回开发`);
  }
  return null;
}

const GRAY_ORDER: Record<GrayStrategy, number> = { p10: 10, p30: 30, p50: 50 };

export function isGrayStrategy(value: string): value is GrayStrategy {
  return Object.hasOwn(GRAY_ORDER, value);
}

export function guardGrayOnline(v: VersionView, strategy: string): Refusal | null {
  if (!strategy) return refuse('GRAY_STRATEGY_IS_BLANK', '灰度策略不能为空');
  if (!isGrayStrategy(strategy)) return refuse('GRAY_STRATEGY_IS_INVALID', `灰度策略 ${strategy} 不合法，可选 p10、p30、p50`);
  if (v.status === 'GRAY') {
    if (v.grayStrategy && GRAY_ORDER[strategy] < GRAY_ORDER[v.grayStrategy]) {
      return refuse('GRAY_STRATEGY_NOT_ALLOW_REDUCE', `当前灰度为 ${v.grayStrategy}，灰度范围只能扩大`);
    }
    return null;
  }
  if (v.status !== 'WAIT_RELEASE' && v.status !== 'BASE_AUDIT_PASS') return refuse('CAN_NOT_GRAY_WITHOUT_AUDIT_PASS', `版本状态为 ${v.status}，审核通过后才能灰度`);
  return null;
}

export function guardGrayCancel(v: VersionView): Refusal | null {
  if (v.status !== 'GRAY') return refuse('CAN_NOT_END_GRAY_WITHOUT_GRAY', `版本 ${v.appVersion} 不在灰度中`);
  return null;
}

/**
 * Gray first is optional (§4 Transitions); `grayOptional` false is the sandbox's "gray required" switch. In the
 * sandbox a BASE_AUDIT_PASS version always has can_release=true (§5), so it may go online too.
 */
export function guardOnline(v: VersionView, opts: { grayOptional: boolean }): Refusal | null {
  if (v.status === 'GRAY' || v.status === 'BASE_AUDIT_PASS') return null;
  if (v.status === 'WAIT_RELEASE') return opts.grayOptional ? null : refuse('CAN_NOT_ONLINE_WITHOUT_GRAY', '请先灰度发布该版本，再全量上架');
  if (v.status === 'INIT' || v.status === 'AUDITING' || v.status === 'AUDIT_REJECT') {
    return refuse('CAN_NOT_ONLINE_WITHOUT_AUDIT', `版本状态为 ${v.status}，审核通过后才能上架`);
  }
  return refuse('CAN_NOT_ONLINE_NOT_GRAY_OR_WAITRELEASE', `版本状态为 ${v.status}，只有灰度中或待上架的版本可以上架`);
}

export function guardOffline(v: VersionView, siblings: VersionView[]): Refusal | null {
  if (v.status !== 'RELEASE') return refuse('CAN_NOT_OFFLINE_WITHOUT_ONLINE', `版本 ${v.appVersion} 不是线上版本`);
  if (siblings.some((s) => s.status === 'GRAY')) return refuse('CAN_NOT_OFFLINE_WITH_GRAY', '存在灰度中的版本，请先结束灰度再下架');
  return null;
}

export function guardRollback(v: VersionView, siblings: VersionView[]): Refusal | null {
  if (v.status !== 'RELEASE') return refuse('CAN_NOT_ROLLBACK_WITHOUT_ONLINE', `版本 ${v.appVersion} 不是线上版本`);
  if (siblings.some((s) => s.status === 'GRAY')) return refuse('CAN_NOT_ROLLBACK_WITH_GRAY', '存在灰度中的版本，请先结束灰度再回滚');
  if (v.onlineByRollback) return refuse('CAN_NOT_CONTINUOUS_ROLLBACK', '当前线上版本由回滚产生，不能连续回滚');
  const previous = siblings.find((s) => s.id === v.replacedVersionId);
  if (!previous || previous.status !== 'OFFLINE') return refuse('CAN_NOT_ROLLBACK_WITHOUT_OFFLINE', '没有可回滚的历史线上版本');
  return null;
}

const PASSED: VersionStatus[] = ['WAIT_RELEASE', 'BASE_AUDIT_PASS', 'GRAY', 'RELEASE', 'OFFLINE'];

/**
 * The BASE_PROMOTE fields of list and detail queries (§4): sent only for versions submitted with that audit rule
 * and decided; can_release is true once admission passed (§5 sandbox rule), as strings like every flag (§2).
 */
export function basePromoteFields(v: { status: VersionStatus; auditRule: string | null; promoteAudit: string | null }): Record<string, string> {
  if (v.auditRule !== 'BASE_PROMOTE') return {};
  if (v.status === 'AUDIT_REJECT') return { base_audit: 'REJECT', can_release: 'false' };
  if (!PASSED.includes(v.status)) return {};
  return { base_audit: 'PASS', promote_audit: v.promoteAudit ?? 'PASS', can_release: 'true' };
}
