// One step of one merchant's chain against the platform. A step that sends a state-changing call marks the item
// "call outstanding" first; when it finds that mark (a timeout, or a worker killed mid-call) it asks the platform
// whether the call took effect before sending it again — so no version is ever uploaded twice.
import type { Db } from '@/db';
import type { BatchItem, BatchStep } from '@/db/schema';
import type { AlipayClient } from '@/lib/alipay/client';
import type { MerchantScope } from '@/lib/alipay/common';
import { AlipayError } from '@/lib/alipay/errors';
import { modifyBaseInfo } from '@/lib/alipay/base-info';
import {
  BUILD_STATUS,
  listVersions,
  queryBuild,
  releaseVersion,
  rollbackVersion,
  startGrayRelease,
  submitAudit,
  takeVersionOffline,
  uploadVersion,
  type VersionInfo,
  type VersionStatus,
} from '@/lib/alipay/versions';
import { inviteOnPlatform, removeOnPlatform } from '@/lib/members/service';
import { recordBatchUpload } from '@/lib/templates/record-upload';
import { nextAppVersion } from '@/lib/versions/operations';
import type { BatchAuditForm } from '@/lib/validation/batches';
import { parseExtTemplate, renderExt, type JsonValue } from './ext-template';
import type { ParsedParams } from './operations';
import { pageCodeStep } from './page-code-step';
import type { RateLimiter } from './rate-limit';
import type { OpenedApp } from './token-source';

export interface StepContext {
  /** The console's database: an upload is written into its copy of the mini-program's versions. */
  db: Db;
  client: AlipayClient;
  limiter: RateLimiter;
  app: OpenedApp;
  params: ParsedParams;
  /** The current row; `save` writes a patch and refreshes it. */
  item: BatchItem;
  save(patch: Partial<BatchItem>): void;
  buildPollMs: number;
  /** Polls of a build before it counts as timed out. */
  maxBuildPolls: number;
}

export type StepResult =
  | { kind: 'advance'; result?: unknown }
  | { kind: 'wait'; delayMs: number }
  | { kind: 'fail'; subCode: string; message: string };

const advance = (result?: unknown): StepResult => ({ kind: 'advance', result });
const fail = (subCode: string, message: string): StepResult => ({ kind: 'fail', subCode, message });

/** Messages the engine itself produces (platform refusals carry the platform's own Chinese text). */
export const ENGINE_MESSAGES = {
  NO_TARGET_VERSION: '没有处于可操作状态的版本',
  BUILD_FAILED: '版本构建失败',
  BUILD_TIMEOUT: '版本构建超时',
  EXT_RENDER_FAILED: 'ext 配置缺少该商家的变量值',
} as const;

function scope(ctx: StepContext): MerchantScope {
  return { appAuthToken: ctx.app.appAuthToken };
}

async function read<T>(ctx: StepContext, fn: () => Promise<T>): Promise<T> {
  await ctx.limiter.acquire();
  return fn();
}

/** A state-changing call: recorded as outstanding before it is sent. Cleared by the engine once the step settles. */
async function send<T>(ctx: StepContext, request: Record<string, unknown>, fn: () => Promise<T>): Promise<T> {
  ctx.save({ callOutstanding: true, attempts: ctx.item.attempts + 1, request: JSON.stringify(request) });
  await ctx.limiter.acquire();
  return fn();
}

const isRefusal = (e: unknown, ...subCodes: string[]) => e instanceof AlipayError && e.subCode !== undefined && subCodes.includes(e.subCode);

async function versions(ctx: StepContext): Promise<VersionInfo[]> {
  return read(ctx, () => listVersions(scope(ctx), ctx.client));
}

// ── instantiate ──────────────────────────────────────────────────────────────────────────────────────────────

async function upload(ctx: StepContext): Promise<StepResult> {
  if (ctx.params.operation !== 'instantiate') throw new Error('upload outside instantiate');
  const p = ctx.params.params;
  const template = parseExtTemplate(p.ext || '{}');
  if (!template.ok) return fail('INVALID_EXT_TEMPLATE', template.error.code);
  const own = p.perMerchant[ctx.item.authAppId];
  const rendered = renderExt(template.template, { ...ctx.app.subject, custom: own?.custom, override: own?.override as Record<string, JsonValue> | undefined });
  if (!rendered.ok) return fail('EXT_RENDER_FAILED', `${ENGINE_MESSAGES.EXT_RENDER_FAILED}：{{${rendered.error.variable}}}`);
  const ext = rendered.ext;
  const uploaded = (appVersion: string, result: Record<string, unknown>): StepResult => {
    const { merchantAppId } = ctx.item;
    if (merchantAppId !== null)
      recordBatchUpload(ctx.db, { merchantAppId, authAppId: ctx.item.authAppId, appVersion, templateId: p.templateId, templateVersion: p.templateVersion || null, ext, batchId: ctx.item.batchId });
    return advance(result);
  };

  const { appVersion, callOutstanding } = ctx.item;
  if (appVersion && callOutstanding) {
    try {
      const state = await read(ctx, () => queryBuild({ ...scope(ctx), appVersion }, ctx.client));
      return uploaded(appVersion, { recovered: true, buildStatus: state.buildStatus });
    } catch (e) {
      if (!isRefusal(e, 'BUILD_VERSION_NOT_EXISTED')) throw e;
    }
  }
  let version = appVersion;
  if (!version) {
    version = nextAppVersion((await versions(ctx)).map((v) => v.appVersion));
    ctx.save({ appVersion: version });
  }
  const request = { method: 'upload', templateId: p.templateId, templateVersion: p.templateVersion || null, appVersion: version, extBytes: ext.length };
  try {
    const state = await send(ctx, request, () =>
      uploadVersion({ ...scope(ctx), templateId: p.templateId, templateVersion: p.templateVersion || undefined, appVersion: version, ext }, ctx.client),
    );
    return uploaded(version, { buildStatus: state.buildStatus });
  } catch (e) {
    // Our earlier attempt landed after all (its answer was lost): the version is ours, not a second upload.
    if (callOutstanding && isRefusal(e, 'VERSION_HAS_EXISTED')) return uploaded(version, { recovered: true });
    throw e;
  }
}

async function build(ctx: StepContext): Promise<StepResult> {
  const appVersion = ctx.item.appVersion!;
  const polls = ctx.item.attempts + 1;
  ctx.save({ attempts: polls, request: JSON.stringify({ method: 'build.query', appVersion }) });
  const state = await read(ctx, () => queryBuild({ ...scope(ctx), appVersion }, ctx.client));
  if (state.buildStatus === BUILD_STATUS.SUCCESS) return advance({ buildStatus: state.buildStatus });
  if (state.buildStatus === BUILD_STATUS.FAILED) return fail('BUILD_FAILED', ENGINE_MESSAGES.BUILD_FAILED);
  if (state.buildStatus === BUILD_STATUS.TIMEOUT || polls >= ctx.maxBuildPolls) return fail('BUILD_TIMEOUT', ENGINE_MESSAGES.BUILD_TIMEOUT);
  return { kind: 'wait', delayMs: ctx.buildPollMs };
}

// ── submit for audit ─────────────────────────────────────────────────────────────────────────────────────────

const SUBMITTED: readonly VersionStatus[] = ['AUDITING', 'WAIT_RELEASE', 'AUDIT_REJECT', 'GRAY', 'RELEASE'];

function auditForm(params: ParsedParams): BatchAuditForm {
  if (params.operation === 'submitAudit') return params.params.audit;
  if (params.operation === 'instantiate' && params.params.audit) return params.params.audit;
  throw new Error(`no audit form for ${params.operation}`);
}

const decode = (i: { fileName: string; base64: string }) => ({ fileName: i.fileName, content: Buffer.from(i.base64, 'base64') });

async function submit(ctx: StepContext): Promise<StepResult> {
  const form = auditForm(ctx.params);
  let appVersion = ctx.item.appVersion;
  if (!appVersion || ctx.item.callOutstanding) {
    const list = await versions(ctx);
    if (appVersion && ctx.item.callOutstanding) {
      const status = list.find((v) => v.appVersion === appVersion)?.versionStatus;
      if (status && SUBMITTED.includes(status)) return advance({ recovered: true, status });
    }
    if (!appVersion) {
      appVersion = list.find((v) => v.versionStatus === 'INIT')?.appVersion ?? null;
      if (!appVersion) return fail('NO_TARGET_VERSION', ENGINE_MESSAGES.NO_TARGET_VERSION);
      ctx.save({ appVersion });
    }
  }
  const version = appVersion;
  const result = await send(ctx, { method: 'audit.apply', appVersion: version, screenshots: form.screenshots.length }, () =>
    submitAudit(
      {
        ...scope(ctx),
        appVersion: version,
        versionDesc: form.versionDesc,
        regionType: form.regionType,
        servicePhone: form.servicePhone,
        serviceEmail: form.serviceEmail,
        appSlogan: form.appSlogan || undefined,
        appDesc: form.appDesc || undefined,
        appCategoryIds: form.categoryIds?.length ? form.categoryIds : undefined,
        memo: form.memo || undefined,
        screenshots: form.screenshots.map(decode),
        appLogo: form.logo ? decode(form.logo) : undefined,
        autoOnline: form.autoOnline,
      },
      ctx.client,
    ),
  );
  return advance(result);
}

// ── release steps: find the version in the right state, act, recognise an earlier call that took effect ───────

interface ReleaseStep {
  from: readonly VersionStatus[];
  /** The version's status once the call took effect. */
  effect: VersionStatus;
  call(ctx: StepContext, appVersion: string): Promise<void>;
}

const RELEASE_STEPS: Record<'gray' | 'online' | 'rollback' | 'offline', ReleaseStep> = {
  gray: {
    from: ['WAIT_RELEASE', 'GRAY'],
    effect: 'GRAY',
    call: (ctx, appVersion) => {
      if (ctx.params.operation !== 'gray') throw new Error('gray outside a gray batch');
      return startGrayRelease({ ...scope(ctx), appVersion, grayStrategy: ctx.params.params.grayStrategy }, ctx.client);
    },
  },
  online: { from: ['GRAY', 'WAIT_RELEASE'], effect: 'RELEASE', call: (ctx, appVersion) => releaseVersion({ ...scope(ctx), appVersion }, ctx.client) },
  rollback: { from: ['RELEASE'], effect: 'OFFLINE', call: (ctx, appVersion) => rollbackVersion({ ...scope(ctx), appVersion }, ctx.client) },
  offline: { from: ['RELEASE'], effect: 'OFFLINE', call: (ctx, appVersion) => takeVersionOffline({ ...scope(ctx), appVersion }, ctx.client) },
};

async function releaseStep(ctx: StepContext, step: keyof typeof RELEASE_STEPS): Promise<StepResult> {
  const spec = RELEASE_STEPS[step];
  const list = await versions(ctx);
  let appVersion = ctx.item.appVersion;
  if (appVersion && ctx.item.callOutstanding) {
    const status = list.find((v) => v.appVersion === appVersion)?.versionStatus;
    if (status === spec.effect) return advance({ recovered: true, status });
  }
  if (!appVersion) {
    appVersion = list.find((v) => spec.from.includes(v.versionStatus))?.appVersion ?? null;
    if (!appVersion) return fail('NO_TARGET_VERSION', ENGINE_MESSAGES.NO_TARGET_VERSION);
    ctx.save({ appVersion });
  }
  const version = appVersion;
  await send(ctx, { method: step, appVersion: version }, () => spec.call(ctx, version));
  return advance();
}

// ── members and profile ──────────────────────────────────────────────────────────────────────────────────────

async function addMember(ctx: StepContext): Promise<StepResult> {
  if (ctx.params.operation !== 'addMember') throw new Error('addMember outside its batch');
  const { logonId, role } = ctx.params.params;
  const outstanding = ctx.item.callOutstanding;
  try {
    // The account is the member's, but it is not a secret: it is what staff typed and see on the page.
    // The Members tab's service: the invitation is also recorded in the console's member notes under the batch.
    await send(ctx, { method: 'members.create', logonId, role }, () =>
      inviteOnPlatform({ db: ctx.db, client: ctx.client, scope: scope(ctx), merchantAppId: ctx.item.merchantAppId, logonId, role, batchId: ctx.item.batchId }),
    );
    return advance();
  } catch (e) {
    if (outstanding && isRefusal(e, 'EXPERIENCER_ALREADY_EXIST', 'DEVELOPER_ALREADY_EXSIT')) return advance({ recovered: true });
    throw e;
  }
}

async function removeMember(ctx: StepContext): Promise<StepResult> {
  if (ctx.params.operation !== 'removeMember') throw new Error('removeMember outside its batch');
  const { userId, role } = ctx.params.params;
  const outstanding = ctx.item.callOutstanding;
  try {
    await send(ctx, { method: 'members.delete', userId, role }, () =>
      removeOnPlatform({ db: ctx.db, client: ctx.client, scope: scope(ctx), merchantAppId: ctx.item.merchantAppId, userId, role }),
    );
    return advance();
  } catch (e) {
    if (outstanding && isRefusal(e, 'ROLE_NOT_EXSIT')) return advance({ recovered: true });
    throw e;
  }
}

async function setServiceContact(ctx: StepContext): Promise<StepResult> {
  if (ctx.params.operation !== 'setServiceContact') throw new Error('setServiceContact outside its batch');
  const { servicePhone, serviceEmail } = ctx.params.params;
  // Setting the same values again is harmless: no outstanding-call check needed.
  const result = await send(ctx, { method: 'baseinfo.modify', servicePhone, serviceEmail }, () =>
    modifyBaseInfo({ ...scope(ctx), servicePhone, serviceEmail }, ctx.client),
  );
  return advance(result);
}

export const STEP_HANDLERS: Record<BatchStep, (ctx: StepContext) => Promise<StepResult>> = {
  upload,
  build,
  submit,
  gray: (ctx) => releaseStep(ctx, 'gray'),
  online: (ctx) => releaseStep(ctx, 'online'),
  rollback: (ctx) => releaseStep(ctx, 'rollback'),
  offline: (ctx) => releaseStep(ctx, 'offline'),
  addMember,
  removeMember,
  setServiceContact,
  pageCode: pageCodeStep,
};
