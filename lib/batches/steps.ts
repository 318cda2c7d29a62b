// One step of one merchant's chain, as a thin adapter over the one version lifecycle (lib/versions/service): the step
// reads the platform's versions into the console's records, picks the version the step acts on by the one rule
// (lib/versions/operations), recognises an earlier attempt that already took effect, and calls the same service a
// person's click calls — which holds the cross-process lock, settles calls of unknown outcome, writes the version
// record and a history event naming the batch. No list of allowed statuses lives here.
import { storeParams, type TextParams } from '@/lib/messages/text';
import type { Db } from '@/db';
import type { BatchItem, BatchStep, MiniAppVersion } from '@/db/schema';
import { ActionError } from '@/lib/actions/result';
import type { AlipayClient } from '@/lib/alipay/client';
import type { MerchantScope } from '@/lib/alipay/common';
import { AlipayError } from '@/lib/alipay/errors';
import { modifyBaseInfo } from '@/lib/alipay/base-info';
import { findVersion, listAllVersions, listLiveVersions, toFacts } from '@/lib/versions/data';
import type { VersionDeps } from '@/lib/versions/deps';
import {
  GRAY_PERCENT,
  expectedEffect,
  grayChoices,
  nextAppVersion,
  operationAvailability,
  type VersionOperation,
} from '@/lib/versions/operations';
import { PlatformActionError, performVersionOperation, pollBuild, submitForAudit, uploadNewVersion, type Actor, type AuditApplyFields, type OperationOutcome, type OperationSource } from '@/lib/versions/service';
import { syncMiniAppVersions } from '@/lib/versions/sync';
import { inviteOnPlatform, removeOnPlatform } from '@/lib/members/service';
import type { BatchAuditForm } from '@/lib/validation/batches';
import { auditRequest, requestSummary, type AuditRequest } from './audit-request';
import { parseExtTemplate, renderExt, type JsonValue } from './ext-template';
import type { ParsedParams } from './operations';
import { pageCodeStep } from './page-code-step';
import type { RateLimiter } from './rate-limit';
import type { OpenedApp } from './token-source';

export interface StepContext {
  db: Db;
  /** Calls made directly by a step (members, contact); throttled by the limiter like every other call. */
  client: AlipayClient;
  limiter: RateLimiter;
  app: OpenedApp;
  /** The version lifecycle's dependencies, with this item's token and the throttled client. */
  versions: VersionDeps;
  /** Who the batch acts for: the person who started it. */
  actor: Actor;
  source: OperationSource;
  params: ParsedParams;
  /** The current row; `save` writes a patch and refreshes it. */
  item: BatchItem;
  save(patch: Partial<BatchItem>): void;
  buildPollMs: number;
  /** Polls of a build before it counts as timed out. */
  maxBuildPolls: number;
  /** How often a merchant waiting for its audit result looks at the console's record (messages and reconciliation update it). */
  auditPollMs?: number;
}

export type StepResult =
  | { kind: 'advance'; result?: unknown }
  | { kind: 'wait'; delayMs: number }
  | ({ kind: 'fail'; subCode: string } & ItemText);

const advance = (result?: unknown): StepResult => ({ kind: 'advance', result });
const fail = (subCode: string, text: string | ItemText): StepResult => ({ kind: 'fail', subCode, ...(typeof text === 'string' ? itemMessage(text) : text) });

/** An item's message as stored: a catalog key (or the platform's text) and the key's parameters as JSON. */
export interface ItemText {
  message: string;
  messageParams: string | null;
}

/** An item message: a catalog key with its parameters, rendered in the reader's language (lib/batches/view). */
export function itemMessage(key: string, params?: TextParams): ItemText {
  return { message: key, messageParams: storeParams(params) };
}

/** While another operation holds the version (a person's click, another process), the item waits this long. */
const BUSY_WAIT_MS = 1000;

function scope(ctx: StepContext): MerchantScope {
  return { appAuthToken: ctx.app.appAuthToken };
}

function merchantAppIdOf(ctx: StepContext): number {
  if (ctx.item.merchantAppId === null) throw new Error('a batch item without a mini-program record');
  return ctx.item.merchantAppId;
}

/** A state-changing call is about to be sent: counted for the item (over all its steps) and for the step's retries. */
function sending(ctx: StepContext, request: Record<string, unknown>): void {
  ctx.save({ callOutstanding: true, attempts: ctx.item.attempts + 1, stepAttempts: ctx.item.stepAttempts + 1, request: JSON.stringify(request) });
}

const isRefusal = (e: unknown, ...subCodes: string[]) => e instanceof AlipayError && e.subCode !== undefined && subCodes.includes(e.subCode);

/** The platform's versions into the console's records, so the step decides on the truth (and drift sees it). */
async function readVersions(ctx: StepContext): Promise<MiniAppVersion[]> {
  const id = merchantAppIdOf(ctx);
  await syncMiniAppVersions(ctx.versions, id, { reason: 'operation', fresh: true });
  return listLiveVersions(ctx.db, id);
}

/** The service's outcome as a step result; its refusals and faults as the engine understands them. */
async function viaService(fn: () => Promise<OperationOutcome>): Promise<StepResult> {
  try {
    const out = await fn();
    if (out.outcome === 'inProgress') return { kind: 'wait', delayMs: BUSY_WAIT_MS };
    return advance(out.outcome === 'alreadyApplied' ? { recovered: true } : undefined);
  } catch (e) {
    // The platform's own answer goes to the engine, which retries faults and records refusals with their sub_code.
    if (e instanceof PlatformActionError) throw e.cause;
    if (e instanceof ActionError) return fail('NOT_ALLOWED', itemMessage(e.message, e.options.params));
    throw e;
  }
}

// ── instantiate ──────────────────────────────────────────────────────────────────────────────────────────────

async function upload(ctx: StepContext): Promise<StepResult> {
  if (ctx.params.operation !== 'instantiate') throw new Error('upload outside instantiate');
  const p = ctx.params.params;
  const id = merchantAppIdOf(ctx);
  const template = parseExtTemplate(p.ext || '{}');
  if (!template.ok) return fail('INVALID_EXT_TEMPLATE', itemMessage('batches.engine.extInvalid', { code: template.error.code }));
  const own = p.perMerchant[ctx.item.authAppId];
  const rendered = renderExt(template.template, { ...ctx.app.subject, custom: own?.custom, override: own?.override as Record<string, JsonValue> | undefined });
  if (!rendered.ok) return fail('EXT_RENDER_FAILED', itemMessage('batches.engine.extRender', { variable: `{{${rendered.error.variable}}}` }));
  const ext = rendered.ext;

  let appVersion = ctx.item.appVersion;
  if (appVersion) {
    // A resumed item: its upload may have landed and settled already (the worker died before the item moved on).
    const row = findVersion(ctx.db, id, appVersion);
    if (row && !row.deletedAt && row.status !== null && !row.pendingOperation) return advance({ recovered: true, appVersion });
  } else {
    await readVersions(ctx);
    // Chosen once and kept on the item, so a resumed upload repeats the same number (never a second version).
    appVersion = nextAppVersion(listAllVersions(ctx.db, id).map((v) => v.appVersion));
    ctx.save({ appVersion });
  }
  const version = appVersion;
  sending(ctx, { method: 'upload', templateId: p.templateId, templateVersion: p.templateVersion || null, appVersion: version, ext });
  return viaService(() =>
    uploadNewVersion(
      ctx.versions,
      ctx.actor,
      { merchantAppId: id, templateId: p.templateId, templateVersion: p.templateVersion, appVersion: version, ext, extSource: 'template' },
      { source: ctx.source },
    ),
  );
}

async function build(ctx: StepContext): Promise<StepResult> {
  const appVersion = ctx.item.appVersion!;
  const polls = ctx.item.stepAttempts + 1;
  ctx.save({ stepAttempts: polls, request: JSON.stringify({ method: 'build.query', appVersion }) });
  const state = await pollBuild(ctx.versions, merchantAppIdOf(ctx), appVersion, ctx.source);
  if (state === 'success') return advance({ buildStatus: state });
  if (state === 'failed') return fail('BUILD_FAILED', 'batches.engine.buildFailed');
  if (state === 'timeout' || polls >= ctx.maxBuildPolls) return fail('BUILD_TIMEOUT', 'batches.engine.buildTimeout');
  return { kind: 'wait', delayMs: ctx.buildPollMs };
}

// ── submit for audit ─────────────────────────────────────────────────────────────────────────────────────────

function auditForm(params: ParsedParams): BatchAuditForm {
  if (params.operation === 'submitAudit') return params.params.audit;
  if (params.operation === 'instantiate' && params.params.audit) return params.params.audit;
  throw new Error(`no audit form for ${params.operation}`);
}

const decode = (i: { fileName: string; base64: string }) => ({ fileName: i.fileName, content: Buffer.from(i.base64, 'base64') });

const decodeAll = (request: AuditRequest): AuditApplyFields => ({
  ...request,
  screenshots: request.screenshots.map(decode),
  appLogo: request.appLogo ? decode(request.appLogo) : undefined,
  license: request.license
    ? {
        ...request.license,
        pictures: request.license.pictures.map(decode),
        outDoorPicture: request.license.outDoorPicture ? decode(request.license.outDoorPicture) : undefined,
        specialPictures: request.license.specialPictures.map(decode),
      }
    : undefined,
});

async function submit(ctx: StepContext): Promise<StepResult> {
  const form = auditForm(ctx.params);
  const id = merchantAppIdOf(ctx);
  const live = await readVersions(ctx);
  let appVersion = ctx.item.appVersion;
  const chosen = appVersion ? live.find((v) => v.appVersion === appVersion) : undefined;
  // This item chose the version while it was in development: seen in audit (or past it) now, the submission landed.
  if (chosen && ctx.item.step === 'submit' && ctx.item.stepAttempts > 0 && expectedEffect('submitAudit')(toFacts(chosen))) {
    return advance({ recovered: true, status: chosen.status });
  }
  if (!appVersion || (ctx.params.operation === 'submitAudit' && !chosen)) {
    const facts = live.map(toFacts);
    const target = live.find((v, i) => operationAvailability('submitAudit', facts[i], facts).state === 'allowed');
    if (!target) return fail('NO_TARGET_VERSION', noTargetMessage(live, ['submitAudit']));
    appVersion = target.appVersion;
    ctx.save({ appVersion });
  }
  const version = appVersion;
  // The same request the pre-flight checked: the shared form with this merchant's own contact (lib/batches/audit-request.ts).
  const request = auditRequest(form, { merchantPhone: ctx.app.subject.merchant.phone, merchantEmail: ctx.app.subject.merchant.email });
  const summary = requestSummary(version, request);
  sending(ctx, summary);
  return viaService(() =>
    submitForAudit(
      ctx.versions,
      ctx.actor,
      { merchantAppId: id, appVersion: version, request: decodeAll(request), summary: { ...summary, categoryIds: request.miniCategoryIds ?? [] } },
      { source: ctx.source },
    ),
  );
}

// ── release steps: the version the rule allows, or an earlier attempt's effect ─────────────────────────────

type ReleaseStep = 'gray' | 'online' | 'rollback' | 'offline';

/** The version operations a release step may use (gray starts, or widens a running gray). */
const RELEASE_OPS: Record<ReleaseStep, readonly Exclude<VersionOperation, 'submitAudit'>[]> = {
  gray: ['grayRelease', 'widenGray'],
  online: ['online'],
  rollback: ['rollback'],
  offline: ['offline'],
};

/** The reason the rule gives for the most advanced version, when no version allows the step. */
function noTargetMessage(live: MiniAppVersion[], ops: readonly VersionOperation[]): string | ItemText {
  const facts = live.map(toFacts);
  for (const [i] of live.entries()) {
    for (const op of ops) {
      const a = operationAvailability(op, facts[i], facts);
      if (a.state === 'disabled') return itemMessage(a.reason, a.params);
    }
  }
  return 'batches.engine.noTarget';
}

async function releaseStep(ctx: StepContext, step: ReleaseStep): Promise<StepResult> {
  const id = merchantAppIdOf(ctx);
  const strategy =
    ctx.params.operation === 'gray' ? ctx.params.params.grayStrategy : ctx.params.operation === 'instantiate' && step === 'gray' ? (ctx.params.params.release?.grayStrategy ?? undefined) : undefined;
  const permit = ctx.params.operation === 'online' ? ctx.params.params.permitRegistrationLimitRelease : undefined;
  const live = await readVersions(ctx);
  const facts = live.map(toFacts);
  const chosen = ctx.item.appVersion ? live.find((v) => v.appVersion === ctx.item.appVersion) : undefined;
  const effect = (op: VersionOperation) => expectedEffect(op, strategy);
  const reached = (v: MiniAppVersion | undefined) =>
    step === 'gray' ? v?.status === 'GRAY' && !!strategy && !!v.grayStrategy && GRAY_PERCENT[v.grayStrategy] >= GRAY_PERCENT[strategy] : RELEASE_OPS[step].some((op) => effect(op)(v && toFacts(v)));
  // An earlier attempt of this item took effect (its answer was lost, or the worker died before moving on).
  if (chosen && ctx.item.stepAttempts > 0 && reached(chosen)) return advance({ recovered: true, status: chosen.status });

  let target: { row: MiniAppVersion; op: Exclude<VersionOperation, 'submitAudit'> } | undefined;
  for (const [i, row] of live.entries()) {
    for (const op of RELEASE_OPS[step]) {
      if (operationAvailability(op, facts[i], facts).state !== 'allowed') continue;
      if (strategy && !grayChoices(row).includes(strategy)) continue;
      target = { row, op };
      break;
    }
    if (target) break;
  }
  if (!target) {
    // Gray already at (or above) the asked share: nothing to do, and nothing to refuse.
    if (step === 'gray' && live.some(reached)) return advance({ already: true });
    return fail('NO_TARGET_VERSION', noTargetMessage(live, RELEASE_OPS[step]));
  }
  const { row, op } = target;
  if (ctx.item.appVersion !== row.appVersion) ctx.save({ appVersion: row.appVersion });
  sending(ctx, { method: step, appVersion: row.appVersion, ...(strategy ? { grayStrategy: strategy } : {}) });
  return viaService(() =>
    performVersionOperation(
      ctx.versions,
      ctx.actor,
      op,
      { merchantAppId: id, appVersion: row.appVersion, expectedStatus: row.status, grayStrategy: strategy, permitRegistrationLimitRelease: permit },
      { source: ctx.source },
    ),
  );
}

// ── release plan waves: wait for the audit decision, hold the gray ─────────────────────────────────────────────

/** A safety net only: the worker wakes a waiting merchant as soon as its record has the decision (lib/plans auditsDecided). */
const AUDIT_POLL_MS = 30_000;

/** Past audit: the release steps that follow decide, by the rule, what the version allows. */
const PAST_AUDIT = new Set(['WAIT_RELEASE', 'BASE_AUDIT_PASS', 'GRAY', 'RELEASE']);

/**
 * Reads only the console's record, which audit messages update at once and reconciliation corrects when a message
 * is lost: no call to the platform while waiting, so a thousand merchants in audit cost nothing.
 */
async function awaitAudit(ctx: StepContext): Promise<StepResult> {
  const id = merchantAppIdOf(ctx);
  const row = ctx.item.appVersion ? findVersion(ctx.db, id, ctx.item.appVersion) : undefined;
  if (!row || row.deletedAt) return fail('NO_TARGET_VERSION', 'batches.engine.noTarget');
  if (row.status === 'AUDITING' || row.status === null) return { kind: 'wait', delayMs: ctx.auditPollMs ?? AUDIT_POLL_MS };
  if (row.status === 'AUDIT_REJECT') {
    // A read learns the decision from the list a moment before its reason (from the detail): wait a few polls for it.
    if (!row.rejectReason && ctx.item.stepAttempts < 5) {
      ctx.save({ stepAttempts: ctx.item.stepAttempts + 1 });
      return { kind: 'wait', delayMs: Math.min(ctx.auditPollMs ?? AUDIT_POLL_MS, 2000) };
    }
    return fail('AUDIT_REJECTED', row.rejectReason || 'batches.engine.auditRejected');
  }
  if (row.status && PAST_AUDIT.has(row.status)) return advance({ status: row.status });
  // Withdrawn, taken back to development or a status beyond the contract: the chain cannot go on by itself.
  return fail('AUDIT_NOT_PASSED', itemMessage('batches.engine.auditLeft', { status: row.status ?? '' }));
}

/** Keeps the gray for the chosen time, counted from the first visit of this step (kept in the item's request). */
async function hold(ctx: StepContext): Promise<StepResult> {
  if (ctx.params.operation !== 'instantiate' || !ctx.params.params.release) throw new Error('hold outside a release wave');
  const now = ctx.versions.now().getTime();
  let until = ctx.item.request ? (JSON.parse(ctx.item.request) as { holdUntil?: number }).holdUntil : undefined;
  if (typeof until !== 'number') {
    until = now + ctx.params.params.release.holdSeconds * 1000;
    ctx.save({ request: JSON.stringify({ method: 'hold', holdUntil: until }) });
  }
  return until <= now ? advance({ heldUntil: until }) : { kind: 'wait', delayMs: Math.min(until - now, 60_000) };
}

/** A state-changing call made by a step directly (members, contact), throttled like the service's. */
async function send<T>(ctx: StepContext, request: Record<string, unknown>, fn: () => Promise<T>): Promise<T> {
  sending(ctx, request);
  await ctx.limiter.acquire();
  return fn();
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
  awaitAudit,
  hold,
};
