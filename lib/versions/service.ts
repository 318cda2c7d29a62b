// The one version lifecycle: every operation on a mini-program's version — from a person on the Versions tab or from
// a batch item — goes through here. Each is: the authorization gate → the cross-process lock (a second click, or a
// batch and a person on the same version, does nothing twice) → settle any earlier call of unknown outcome against the
// platform → the transition rule (lib/versions/operations) → the call → the console's copy and a history event that
// names who and which batch → (for people) a reconciling read. Refusals come back as clear messages, on the right
// field, keeping the platform's error as `cause` so a batch can tell a refusal from a fault.
import 'server-only';
import { ActionError } from '@/lib/actions/result';
import { AlipayError, AlipayTransportError, alipayTextParam, isTransient } from '@/lib/alipay/errors';
import { cancelExperience, createExperience, queryExperience } from '@/lib/alipay/experience';
import {
  cancelAudit,
  cancelGrayRelease,
  deleteVersion,
  releaseVersion,
  returnToDevelopment,
  rollbackVersion,
  startGrayRelease,
  submitAudit,
  takeVersionOffline,
  uploadVersion,
} from '@/lib/alipay/versions';
import type { BuildStateName, MiniAppVersion, VersionEventKind } from '@/db/schema';
import type { SubmitAuditInput } from '@/lib/alipay/versions';
import { queryBuild } from '@/lib/alipay/versions';
import { fieldOfSubCode } from '@/lib/profile/service';
import { noteUploadedInstance } from '@/lib/templates/registry';
import type { SubmitAuditValues, UploadVersionValues } from '@/lib/validation/versions';
import { addEvent, findVersion, insertVersion, listLiveVersions, removeVersionRow, toFacts, updateVersion } from './data';
import type { VersionDeps } from './deps';
import { publishSubmittedInfo, recordBuildEnd } from './history';
import { runExclusive, uploadKey, versionKey } from './in-flight';
import {
  compareVersions,
  expectedEffect,
  grayChoices,
  operationAvailability,
  type GrayStrategy,
  type VersionOperation,
} from './operations';
import { buildStateOf, experienceStateOf, followBuilds, syncMiniAppVersions } from './sync';

export interface Actor {
  /** Null when the person who started a batch has since been removed. */
  id: number | null;
  email: string;
}

/** Who asked: a person on the console, or batch #N started by a person. */
export type OperationSource = { kind: 'console' } | { kind: 'batch'; batchId: number };

export interface OperationOptions {
  source?: OperationSource;
}

const CONSOLE: OperationSource = { kind: 'console' };

/** The history event's origin fields for a source. */
function origin(source: OperationSource): { source: 'console' | 'batch'; batchId?: number } {
  return source.kind === 'batch' ? { source: 'batch', batchId: source.batchId } : { source: 'console' };
}

/** A refusal or fault of the platform, as a person reads it; `cause` keeps the platform's error for the batch engine. */
export class PlatformActionError extends ActionError {
  constructor(
    key: string,
    options: ConstructorParameters<typeof ActionError>[1],
    readonly cause: AlipayError | AlipayTransportError,
  ) {
    super(key, options);
  }
}

export type OperationOutcome =
  /** The platform did it. */
  | { outcome: 'done' }
  /** An earlier call that timed out had in fact been applied: nothing was sent again. */
  | { outcome: 'alreadyApplied' }
  /** The same version is being worked on right now (a double click): nothing was done. */
  | { outcome: 'inProgress' };

const EVENT_OF: Record<Exclude<VersionOperation, 'submitAudit'>, VersionEventKind> = {
  setExperience: 'experienceSet',
  cancelExperience: 'experienceCancelled',
  cancelAudit: 'auditCancelled',
  backToDev: 'backToDev',
  grayRelease: 'grayStarted',
  widenGray: 'grayWidened',
  endGray: 'grayEnded',
  online: 'online',
  offline: 'offline',
  rollback: 'rollback',
  delete: 'deleted',
};

/** version.online's refusal for a mini-program without ICP filing (§4 ICP gate). */
export const ICP_REFUSAL = 'CAN_NOT_ONLINE_WITHOUT_REGISTRATION';

/** Where an audit.apply refusal belongs in the wizard. */
const AUDIT_FIELDS: Record<string, string> = {
  VERSION_DESC_IS_BLANK: 'versionDesc',
  INVALID_VERSION_DESC_LENGTH: 'versionDesc',
  VERSION_DESC_SENSITIVE: 'versionDesc',
  // The real names (contract §9 line 12): per-field *_SENSITIVE codes and the memo's length.
  MINI_APP_VERSION_DESC_SENSITIVE: 'versionDesc',
  MINI_APP_NAME_SENSITIVE: 'appName',
  MINI_APP_SLOGAN_SENSITIVE: 'appSlogan',
  MINI_APP_DESC_SENSITIVE: 'appDesc',
  MINI_APP_MEMO_SENSITIVE: 'memo',
  INVALID_MINI_APP_MEMO_LENGTH: 'memo',
  REGION_TYPE_IS_BLANK: 'regionType',
  REGION_TYPE_IS_INVALID: 'regionType',
  CAN_NOT_MODIFY_NAME_ONCE_ONLINE: 'appName',
  SCREEN_SHOTS_ARE_BLANK: 'screenshots',
  SCREEN_SHOT_NUM_IS_INVALID: 'screenshots',
  INVALID_SCREEN_SHOT_EXT: 'screenshots',
  SCREEN_SHOT_EXCEED_MAX_SIZE: 'screenshots',
  INVALID_MEMO_LENGTH: 'memo',
  MEMO_SENSITIVE: 'memo',
  INVALID_LOGO_EXT: 'logo',
  LOGO_EXCEED_MAX_SIZE: 'logo',
  LOGO_HEIGHT_NOT_EQUAL_WIDTH: 'logo',
};
export const auditFieldOf = (subCode?: string) => (subCode ? (AUDIT_FIELDS[subCode] ?? fieldOfSubCode(subCode)) : undefined);

/** Where an upload refusal belongs in the upload form. */
const UPLOAD_FIELDS: Record<string, string> = {
  TEMPLATE_ID_IS_BLANK: 'templateId',
  CODE_TEMPLATE_NOT_EXIST: 'templateId',
  TEMPLATE_ID_ISVAPPID_NOT_MATCH: 'templateId',
  TEMPLATE_NOT_ONLINE_OR_OFFLINE: 'templateVersion',
  VERSION_HAS_EXISTED: 'appVersion',
  LARGER_VERSION_HAS_EXISTED: 'appVersion',
  INVALID_VERSION: 'appVersion',
  INVALID_EXT_JSON: 'ext',
};

/** A platform answer as the person sees it. */
function platformRefusal(e: AlipayError, field?: string): ActionError {
  return new PlatformActionError('versions.errors.platform', { field, params: { message: alipayTextParam(e) } }, e);
}

/** A call without a trustworthy answer: the outcome is unknown, so the version is marked to be checked first. */
function unknownOutcome(e: AlipayTransportError): ActionError {
  return new PlatformActionError(isTransient(e) ? 'versions.errors.unknownOutcome' : 'versions.errors.transport', { params: { message: alipayTextParam(e) } }, e);
}

async function syncQuietly(deps: VersionDeps, merchantAppId: number): Promise<void> {
  try {
    await syncMiniAppVersions(deps, merchantAppId, { reason: 'operation', fresh: true });
  } catch (e) {
    console.warn(`[versions] sync after an operation failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function requireVersion(deps: VersionDeps, merchantAppId: number, appVersion: string): MiniAppVersion {
  const row = findVersion(deps.db, merchantAppId, appVersion);
  if (!row || row.deletedAt) throw new ActionError('versions.errors.notFound', { params: { version: appVersion } });
  return row;
}

/**
 * A version marked with a call of unknown outcome: read the platform now and say whether that call took effect.
 * The mark is cleared either way, since the platform has now answered for the version's state.
 */
async function settlePending(deps: VersionDeps, row: MiniAppVersion, appAuthToken: string): Promise<{ applied: boolean; operation: string } | null> {
  if (!row.pendingOperation) return null;
  const operation = row.pendingOperation;
  await syncMiniAppVersions(deps, row.merchantAppId, { reason: 'operation', fresh: true });
  if (operation === 'setExperience' || operation === 'cancelExperience') {
    // The reading above skips a version being worked on (this one): ask for its experience state directly.
    const state = await queryExperience({ appAuthToken, appVersion: row.appVersion }, deps.client);
    updateVersion(deps.db, row.id, experienceStateOf(state));
  }
  const after = findVersion(deps.db, row.merchantAppId, row.appVersion);
  const live = after && !after.deletedAt && after.status !== null ? toFacts(after) : undefined;
  const applied = operation === 'upload' ? !!live : expectedEffect(operation as VersionOperation, after?.grayStrategy ?? undefined)(live);
  if (after) updateVersion(deps.db, after.id, { pendingOperation: null, pendingSince: null });
  return { applied, operation };
}

/** Settles every version of the mini-program left with a call of unknown outcome (the reconciler's job). */
export async function settlePendingCalls(deps: VersionDeps, merchantAppId: number, olderThanMs = 10_000): Promise<void> {
  const now = deps.now().getTime();
  for (const row of listLiveVersions(deps.db, merchantAppId)) {
    if (!row.pendingOperation || row.pendingOperation === 'upload' || now - (row.pendingSince?.getTime() ?? 0) < olderThanMs) continue;
    await runExclusive(deps.db, [versionKey(merchantAppId, row.appVersion)], 'settle', async () => {
      const fresh = findVersion(deps.db, merchantAppId, row.appVersion);
      const settled = fresh ? await settlePending(deps, fresh, deps.operable(merchantAppId).appAuthToken) : null;
      if (settled?.applied) {
        const kind = EVENT_OF[settled.operation as keyof typeof EVENT_OF];
        if (kind) addEvent(deps.db, { versionId: row.id, kind, source: 'reconciliation', reason: 'versions.historyReasons.verified' });
      }
    });
  }
}

interface OperationRequest {
  merchantAppId: number;
  appVersion: string;
  expectedStatus?: MiniAppVersion['status'];
  grayStrategy?: GrayStrategy;
  /** online only: staff chose a restricted release for a mini-program without ICP filing (§4 ICP gate). */
  permitRegistrationLimitRelease?: boolean;
}

/** The local consequences of a successful call, before the reconciling read confirms them. */
function applyLocally(deps: VersionDeps, op: Exclude<VersionOperation, 'submitAudit'>, row: MiniAppVersion, request: OperationRequest): void {
  const { db } = deps;
  const now = deps.now();
  const siblings = listLiveVersions(db, row.merchantAppId).filter((s) => s.id !== row.id);
  switch (op) {
    case 'setExperience':
      updateVersion(db, row.id, { experience: 'packaging', expQrCodeUrl: null, expSchemaUrl: null });
      break;
    case 'cancelExperience':
      updateVersion(db, row.id, { experience: 'none', expQrCodeUrl: null, expSchemaUrl: null });
      break;
    case 'cancelAudit':
      updateVersion(db, row.id, { status: 'INIT' });
      break;
    case 'backToDev':
      updateVersion(db, row.id, { status: 'INIT', rejectReason: null, canRelease: false, canReleaseReported: false });
      break;
    case 'grayRelease':
    case 'widenGray':
      updateVersion(db, row.id, { status: 'GRAY', grayStrategy: request.grayStrategy ?? null, canRelease: true });
      break;
    case 'endGray':
      updateVersion(db, row.id, { status: 'WAIT_RELEASE', grayStrategy: null });
      break;
    case 'online':
      for (const s of siblings.filter((s) => s.status === 'RELEASE')) updateVersion(db, s.id, { status: 'OFFLINE', gmtOffline: now });
      updateVersion(db, row.id, { status: 'RELEASE', grayStrategy: null, canRelease: false, onlineByRollback: false, gmtOnline: now });
      publishSubmittedInfo(db, row);
      break;
    case 'offline':
      updateVersion(db, row.id, { status: 'OFFLINE', gmtOffline: now });
      break;
    case 'rollback': {
      updateVersion(db, row.id, { status: 'OFFLINE', gmtOffline: now });
      // The platform restores the version this one replaced: the one that went offline last.
      const previous = siblings.filter((s) => s.status === 'OFFLINE').sort((a, b) => (b.gmtOffline?.getTime() ?? 0) - (a.gmtOffline?.getTime() ?? 0))[0];
      if (previous) updateVersion(db, previous.id, { status: 'RELEASE', onlineByRollback: true, gmtOnline: now });
      break;
    }
    case 'delete':
      updateVersion(db, row.id, { deletedAt: now });
      break;
  }
}

async function callPlatform(
  op: Exclude<VersionOperation, 'submitAudit'>,
  ref: { appAuthToken: string; appVersion: string },
  deps: VersionDeps,
  gray?: GrayStrategy,
  permitRegistrationLimitRelease?: boolean,
): Promise<void> {
  const c = deps.client;
  switch (op) {
    case 'setExperience':
      return createExperience(ref, c);
    case 'cancelExperience':
      return cancelExperience(ref, c);
    case 'cancelAudit':
      return cancelAudit(ref, c);
    case 'backToDev':
      return returnToDevelopment(ref, c);
    case 'grayRelease':
    case 'widenGray':
      return startGrayRelease({ ...ref, grayStrategy: gray! }, c);
    case 'endGray':
      return cancelGrayRelease(ref, c);
    case 'online':
      return releaseVersion({ ...ref, permitRegistrationLimitRelease }, c);
    case 'offline':
      return takeVersionOffline(ref, c);
    case 'rollback':
      return rollbackVersion(ref, c);
    case 'delete':
      return deleteVersion(ref, c);
  }
}

/** Every one-click operation (all but upload and submit). */
export async function performVersionOperation(
  deps: VersionDeps,
  actor: Actor,
  op: Exclude<VersionOperation, 'submitAudit'>,
  request: OperationRequest,
  opts: OperationOptions = {},
): Promise<OperationOutcome> {
  const source = opts.source ?? CONSOLE;
  const { appAuthToken } = deps.operable(request.merchantAppId);
  const result = await runExclusive(deps.db, [versionKey(request.merchantAppId, request.appVersion)], op, async (): Promise<OperationOutcome> => {
    let row = requireVersion(deps, request.merchantAppId, request.appVersion);
    const settled = await settlePending(deps, row, appAuthToken);
    if (settled) {
      if (settled.applied && settled.operation === op) {
        addEvent(deps.db, { versionId: row.id, kind: EVENT_OF[op], ...origin(source), actor, reason: 'versions.historyReasons.verifiedOperation' });
        return { outcome: 'alreadyApplied' };
      }
      row = requireVersion(deps, request.merchantAppId, request.appVersion);
    }
    if (request.expectedStatus && row.status !== request.expectedStatus) {
      throw new ActionError('versions.errors.stateChanged', { params: { version: row.appVersion, status: row.status ?? '' } });
    }
    const siblings = listLiveVersions(deps.db, request.merchantAppId).map(toFacts);
    const availability = operationAvailability(op, toFacts(row), siblings);
    if (availability.state !== 'allowed') throw new ActionError(availability.reason, { params: availability.params });
    if ((op === 'grayRelease' || op === 'widenGray') && (!request.grayStrategy || !grayChoices(row).includes(request.grayStrategy))) {
      throw new ActionError('versions.errors.grayNotWider', { field: 'grayStrategy' });
    }

    try {
      await callPlatform(op, { appAuthToken, appVersion: row.appVersion }, deps, request.grayStrategy, request.permitRegistrationLimitRelease);
    } catch (e) {
      if (e instanceof AlipayError && e.subCode === ICP_REFUSAL) {
        // No ICP filing: explained, with the restricted release staff may choose (the UI offers it on this key).
        throw new PlatformActionError('icp.refused', { params: { message: e.subMsg?.trim() || alipayTextParam(e) } }, e);
      }
      if (e instanceof AlipayError) {
        // The platform's state differs from ours (someone else acted): read it so the page shows the truth.
        await syncQuietly(deps, request.merchantAppId);
        throw platformRefusal(e, op === 'widenGray' || op === 'grayRelease' ? 'grayStrategy' : undefined);
      }
      if (e instanceof AlipayTransportError) {
        updateVersion(deps.db, row.id, { pendingOperation: op, pendingSince: deps.now() });
        throw unknownOutcome(e);
      }
      throw e;
    }
    applyLocally(deps, op, row, request);
    addEvent(deps.db, {
      versionId: row.id,
      kind: EVENT_OF[op],
      ...origin(source),
      actor,
      detail: request.grayStrategy
        ? { grayStrategy: request.grayStrategy, from: row.grayStrategy }
        : request.permitRegistrationLimitRelease
          ? { permitRegistrationLimitRelease: true }
          : undefined,
    });
    // A batch has read the platform just before and the rule says what the call did; a person gets a fresh read.
    if (source.kind === 'console') await syncQuietly(deps, request.merchantAppId);
    return { outcome: 'done' };
  });
  return result.ran ? result.value : { outcome: 'inProgress' };
}

// ── Upload ─────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * One look at the mini-program's running builds (build.query), so the result is known without a page open; true
 * while one still runs. The worker calls it again and again after a console upload (lib/jobs/batch-worker.ts).
 */
export async function followBuildsOnce(deps: VersionDeps, merchantAppId: number): Promise<boolean> {
  const { appAuthToken } = deps.operable(merchantAppId);
  await followBuilds(deps, merchantAppId, appAuthToken);
  return listLiveVersions(deps.db, merchantAppId).some((v) => v.buildStatus === 'queued' || v.buildStatus === 'building');
}

export async function uploadNewVersion(
  deps: VersionDeps,
  actor: Actor,
  /** `ext` is what is sent (resolved by lib/templates/choices); `extSource` says where it came from. */
  input: Omit<UploadVersionValues, 'extMode'> & { extSource?: 'template' | 'override' | null },
  opts: OperationOptions = {},
): Promise<OperationOutcome & { appVersion: string }> {
  const source = opts.source ?? CONSOLE;
  const { app, appAuthToken } = deps.operable(input.merchantAppId);
  const { db } = deps;
  const keys = [versionKey(input.merchantAppId, input.appVersion), uploadKey(input.merchantAppId)];
  const ext = input.ext.trim() || null;
  const detail = { templateId: input.templateId, templateVersion: input.templateVersion || null, extSource: input.extSource ?? null };
  const result = await runExclusive(db, keys, 'upload', async (): Promise<OperationOutcome> => {
    let existing = findVersion(db, input.merchantAppId, input.appVersion);
    const wasPending = existing?.pendingOperation === 'upload';
    if (wasPending) {
      const settled = await settlePending(deps, existing!, appAuthToken);
      if (settled?.applied) {
        const row = updateVersion(db, existing!.id, { templateId: input.templateId, templateVersion: input.templateVersion || null, ext, extSource: input.extSource ?? null });
        addEvent(db, { versionId: row.id, kind: 'uploaded', ...origin(source), actor, reason: 'versions.historyReasons.verifiedUpload', detail });
        return { outcome: 'alreadyApplied' };
      }
      existing = findVersion(db, input.merchantAppId, input.appVersion);
    }
    if (existing && !existing.deletedAt && existing.status !== null) {
      throw new ActionError('versions.errors.versionExists', { field: 'appVersion', params: { version: input.appVersion } });
    }
    const highest = listLiveVersions(db, input.merchantAppId).find((v) => v.status !== null);
    if (highest && compareVersions(input.appVersion, highest.appVersion) <= 0) {
      throw new ActionError('versions.errors.versionNotGreater', { field: 'appVersion', params: { version: highest.appVersion } });
    }

    const now = deps.now();
    const fields = {
      templateId: input.templateId,
      templateVersion: input.templateVersion || null,
      ext,
      extSource: input.extSource ?? null,
      status: null,
      buildStatus: 'queued' as const,
      pendingOperation: 'upload',
      pendingSince: now,
      uploadedById: actor.id,
      experience: 'none' as const,
      rejectReason: null,
      grayStrategy: null,
      versionDesc: null,
      canRelease: false,
      onlineByRollback: false,
      gmtCreate: null,
      gmtApplyAudit: null,
      gmtAuditEnd: null,
      gmtOnline: null,
      gmtOffline: null,
      detailSyncedAt: null,
    };
    // A number deleted earlier may be used again: its row (and history) is reused; its audit rounds go on counting.
    const row = existing ? updateVersion(db, existing.id, { ...fields, deletedAt: null }) : insertVersion(db, { merchantAppId: app.id, authAppId: app.authAppId, appVersion: input.appVersion, ...fields });
    const undo = () => (existing?.deletedAt ? updateVersion(db, row.id, { deletedAt: existing.deletedAt, pendingOperation: null, pendingSince: null }) : removeVersionRow(db, row.id));

    let build;
    try {
      build = await uploadVersion(
        { appAuthToken, templateId: input.templateId, templateVersion: input.templateVersion || undefined, appVersion: input.appVersion, ext: ext ?? undefined },
        deps.client,
      );
    } catch (e) {
      if (e instanceof AlipayError) {
        // Our earlier attempt landed after all (its answer was lost): the version is ours, not a second upload.
        if (wasPending && e.subCode === 'VERSION_HAS_EXISTED') {
          updateVersion(db, row.id, { status: 'INIT', buildStatus: 'building', pendingOperation: null, pendingSince: null, gmtCreate: now });
          addEvent(db, { versionId: row.id, kind: 'uploaded', ...origin(source), actor, reason: 'versions.historyReasons.verifiedUpload', detail });
          return { outcome: 'alreadyApplied' };
        }
        undo();
        // The platform answers CODE_TEMPLATE_NOT_EXIST for an unknown template and for an unknown template version.
        const field = e.subCode === 'CODE_TEMPLATE_NOT_EXIST' && input.templateVersion ? 'templateVersion' : e.subCode ? UPLOAD_FIELDS[e.subCode] : undefined;
        throw platformRefusal(e, field);
      }
      if (e instanceof AlipayTransportError) throw unknownOutcome(e);
      undo();
      throw e;
    }
    const state = buildStateOf(build);
    const after = updateVersion(db, row.id, { status: 'INIT', buildStatus: state, pendingOperation: null, pendingSince: null, gmtCreate: now });
    addEvent(db, { versionId: row.id, kind: 'uploaded', ...origin(source), actor, detail });
    noteUploadedInstance(db, { miniAppId: app.authAppId, appName: app.appName, templateId: input.templateId, templateVersion: input.templateVersion || null, appVersion: input.appVersion }, now);
    if (state === 'success' || state === 'failed' || state === 'timeout') recordBuildEnd(db, after, state, origin(source).source);
    else if (source.kind === 'console') await deps.followBuilds?.(input.merchantAppId);
    // A batch polls the build itself (its next step); a person gets a fresh read.
    if (source.kind === 'console') await syncQuietly(deps, input.merchantAppId);
    return { outcome: 'done' };
  });
  return { ...(result.ran ? result.value : { outcome: 'inProgress' as const }), appVersion: input.appVersion };
}

/** One build.query for a version being built; the row and its history follow. The batch's build step. */
export async function pollBuild(deps: VersionDeps, merchantAppId: number, appVersion: string, source: OperationSource = CONSOLE): Promise<BuildStateName> {
  const { appAuthToken } = deps.operable(merchantAppId);
  const state = buildStateOf(await queryBuild({ appAuthToken, appVersion }, deps.client));
  const row = findVersion(deps.db, merchantAppId, appVersion);
  if (row && !row.deletedAt && row.buildStatus !== state) {
    const after = updateVersion(deps.db, row.id, { buildStatus: state, ...(row.status === null ? { status: 'INIT' as const, pendingOperation: null, pendingSince: null } : {}) });
    if (state === 'success' || state === 'failed' || state === 'timeout') recordBuildEnd(deps.db, after, state, origin(source).source);
  }
  return state;
}

// ── Submit for audit ───────────────────────────────────────────────────────────────────────────────────────

async function imageFile(blob: Blob, name: string): Promise<{ fileName: string; content: Buffer }> {
  const ext = blob.type === 'image/png' ? 'png' : 'jpg';
  return { fileName: `${name}.${ext}`, content: Buffer.from(await blob.arrayBuffer()) };
}

/** What the history keeps of a submission: every field but the password, images as counts. */
export function submissionSummary(v: SubmitAuditValues) {
  return {
    appVersion: v.appVersion,
    versionDesc: v.versionDesc,
    regionType: v.regionType,
    regions: v.regions,
    screenshots: v.screenshots.length,
    testAccount: v.testAccount || null,
    memo: v.memo || null,
    appName: v.appName || null,
    appEnglishName: v.appEnglishName || null,
    appSlogan: v.appSlogan || null,
    appDesc: v.appDesc || null,
    categoryIds: v.categoryIds,
    servicePhone: v.servicePhone || null,
    serviceEmail: v.serviceEmail || null,
    logo: !!v.logo,
    autoOnline: v.autoOnline,
    licenseNo: v.licenseNo || null,
    licenseName: v.licenseName || null,
    licenseValidDate: v.licenseValidDate || null,
    licensePics: v.licensePics.length,
    outDoorPic: !!v.outDoorPic,
    specialLicensePics: v.specialLicensePics.length,
  };
}

/** The audit.apply fields of a submission, without the token and version (the service adds those). */
export type AuditApplyFields = Omit<SubmitAuditInput, 'appAuthToken' | 'appVersion'>;

export interface Submission {
  merchantAppId: number;
  appVersion: string;
  expectedStatus?: MiniAppVersion['status'];
  request: AuditApplyFields;
  /** What the history keeps (no password, images as counts). */
  summary: Record<string, unknown>;
}

/** The one submission path: the Versions tab's wizard and a batch's submit step both end here. */
export async function submitForAudit(deps: VersionDeps, actor: Actor, input: Submission, opts: OperationOptions = {}): Promise<OperationOutcome> {
  const source = opts.source ?? CONSOLE;
  const { appAuthToken } = deps.operable(input.merchantAppId);
  const result = await runExclusive(deps.db, [versionKey(input.merchantAppId, input.appVersion)], 'submitAudit', async (): Promise<OperationOutcome> => {
    let row = requireVersion(deps, input.merchantAppId, input.appVersion);
    const settled = await settlePending(deps, row, appAuthToken);
    if (settled) {
      if (settled.applied && settled.operation === 'submitAudit') {
        // The read that settled it saw the version enter AUDITING and opened the round.
        const round = Math.max(1, requireVersion(deps, input.merchantAppId, input.appVersion).auditRound);
        addEvent(deps.db, { versionId: row.id, kind: 'submitted', ...origin(source), actor, auditRound: round, reason: 'versions.historyReasons.verifiedSubmit', detail: input.summary });
        return { outcome: 'alreadyApplied' };
      }
      row = requireVersion(deps, input.merchantAppId, input.appVersion);
    }
    if (input.expectedStatus && row.status !== input.expectedStatus) {
      throw new ActionError('versions.errors.stateChanged', { params: { version: row.appVersion, status: row.status ?? '' } });
    }
    const availability = operationAvailability('submitAudit', toFacts(row), listLiveVersions(deps.db, input.merchantAppId).map(toFacts));
    if (availability.state !== 'allowed') throw new ActionError(availability.reason, { params: availability.params });

    try {
      await submitAudit({ ...input.request, appAuthToken, appVersion: row.appVersion }, deps.client);
    } catch (e) {
      if (e instanceof AlipayError) {
        if (!auditFieldOf(e.subCode)) await syncQuietly(deps, input.merchantAppId);
        throw platformRefusal(e, auditFieldOf(e.subCode));
      }
      if (e instanceof AlipayTransportError) {
        updateVersion(deps.db, row.id, { pendingOperation: 'submitAudit', pendingSince: deps.now() });
        throw unknownOutcome(e);
      }
      throw e;
    }
    const round = row.auditRound + 1;
    updateVersion(deps.db, row.id, { status: 'AUDITING', auditRound: round, gmtApplyAudit: deps.now(), gmtAuditEnd: null, rejectReason: null, versionDesc: input.request.versionDesc });
    addEvent(deps.db, { versionId: row.id, kind: 'submitted', ...origin(source), actor, auditRound: round, detail: input.summary });
    if (source.kind === 'console') await syncQuietly(deps, input.merchantAppId);
    return { outcome: 'done' };
  });
  return result.ran ? result.value : { outcome: 'inProgress' };
}

/** The Versions tab's wizard: its images arrive as files. */
export async function submitVersionForAudit(deps: VersionDeps, actor: Actor, input: SubmitAuditValues): Promise<OperationOutcome> {
  const screenshots = await Promise.all(input.screenshots.map((s, i) => imageFile(s, `screenshot-${i + 1}`)));
  const logo = input.logo ? await imageFile(input.logo, 'logo') : undefined;
  const licencePictures = await Promise.all(input.licensePics.map((s, i) => imageFile(s, `license-${i + 1}`)));
  const specialPictures = await Promise.all(input.specialLicensePics.map((s, i) => imageFile(s, `special-license-${i + 1}`)));
  const outDoorPicture = input.outDoorPic ? await imageFile(input.outDoorPic, 'out-door') : undefined;
  const hasLicence = !!(input.licenseNo || input.licenseName || input.licenseValidDate || licencePictures.length || specialPictures.length || outDoorPicture);
  const request: AuditApplyFields = {
    versionDesc: input.versionDesc,
    regionType: input.regionType,
    serviceRegions: input.regionType === 'LOCATION' ? input.regions.map((provinceCode) => ({ provinceCode })) : undefined,
    appName: input.appName || undefined,
    appEnglishName: input.appEnglishName || undefined,
    appSlogan: input.appSlogan || undefined,
    appDesc: input.appDesc || undefined,
    miniCategoryIds: input.categoryIds.length ? input.categoryIds : undefined,
    servicePhone: input.servicePhone || undefined,
    serviceEmail: input.serviceEmail || undefined,
    memo: input.memo || undefined,
    testAccount: input.testAccount || undefined,
    testPassword: input.testPassword || undefined,
    screenshots,
    appLogo: logo,
    autoOnline: input.autoOnline,
    license: hasLicence
      ? {
          licenseNo: input.licenseNo || undefined,
          licenseName: input.licenseName || undefined,
          licenseValidDate: input.licenseValidDate || undefined,
          pictures: licencePictures,
          outDoorPicture,
          specialPictures,
        }
      : undefined,
  };
  return submitForAudit(deps, actor, { merchantAppId: input.merchantAppId, appVersion: input.appVersion, expectedStatus: input.expectedStatus, request, summary: submissionSummary(input) });
}
