// What the Versions tab shows, as plain data for the client components: the versions with the operations each
// offers (from the one rule in ./operations), their history, the templates to upload from, the proposed number.
import 'server-only';
import { ActionError } from '@/lib/actions/result';
import type { CategoryNode } from '@/lib/profile/categories';
import { AlipayError, AlipayTransportError, alipayErrorText } from '@/lib/alipay/errors';
import { getTranslator } from '@/lib/i18n/server';
import { renderText } from '@/lib/messages/text';
import type { Db } from '@/db';
import type { MiniAppVersion, StoredVersionStatus, VersionEvent } from '@/db/schema';
import { findMerchantApp } from '@/lib/authorization/data';
import { findMerchant } from '@/lib/merchants/data';
import { blockedReason } from '@/lib/authorization/tokens';
import { renderExtFor, templateChoices, type RenderedExt, type TemplateChoice } from '@/lib/templates/choices';
import { currentExts, type CurrentExt } from '@/lib/templates/data';
import { listTemplateRecords } from '@/lib/templates/registry';
import { listAllVersions, listEvents, listLiveVersions, parseDetail, toFacts } from './data';
import type { VersionDeps } from './deps';
import { availableOperations, grayChoices, nextAppVersion, type Availability, type GrayStrategy, type VersionOperation } from './operations';
import { syncMiniAppVersions, type Correction } from './sync';

export interface VersionEventView {
  id: number;
  kind: VersionEvent['kind'];
  source: VersionEvent['source'];
  /** The batch that made the change (source `batch`). */
  batchId: number | null;
  auditRound: number | null;
  actorEmail: string | null;
  reason: string | null;
  detail: Record<string, unknown> | null;
  at: string;
}

export interface VersionRowView {
  id: number;
  appVersion: string;
  status: StoredVersionStatus | null;
  buildStatus: MiniAppVersion['buildStatus'];
  templateId: string | null;
  /** The template's name from the platform (the registry), null when the registry does not know the id. */
  templateName: string | null;
  templateVersion: string | null;
  ext: string | null;
  extSource: MiniAppVersion['extSource'];
  versionDesc: string | null;
  grayStrategy: GrayStrategy | null;
  rejectReason: string | null;
  experience: MiniAppVersion['experience'];
  expQrCodeUrl: string | null;
  expSchemaUrl: string | null;
  pending: string | null;
  gmtCreate: string | null;
  gmtApplyAudit: string | null;
  gmtAuditEnd: string | null;
  gmtOnline: string | null;
  gmtOffline: string | null;
  ops: Record<VersionOperation, Availability>;
  grayChoices: GrayStrategy[];
  events: VersionEventView[];
}

/** A template to upload from, with its ext config already rendered for this mini-program. */
export interface UploadTemplateOption extends TemplateChoice {
  rendered: RenderedExt;
}

export interface VersionsView {
  merchantAppId: number;
  authAppId: string;
  appName: string | null;
  merchantId: number;
  merchantName: string;
  /** Why nothing may be done on this mini-program (a catalog key), e.g. a cancelled authorization. */
  blocked: string | null;
  sync: { error: string | null; errorParams?: Record<string, string>; corrections: Correction[]; at: string | null };
  versions: VersionRowView[];
  /** The version that would be restored by a rollback of the online one. */
  rollbackTarget: string | null;
  templates: UploadTemplateOption[];
  /** The ext this mini-program runs now, as far as the console knows (what an upload's preview is compared with). */
  currentExt: CurrentExt | null;
  proposedVersion: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The platform's templates (the registry), each rendered for this mini-program. */
function uploadTemplates(db: Db, merchantAppId: number): UploadTemplateOption[] {
  return templateChoices(db).map((t) => ({ ...t, rendered: renderExtFor(db, t.templateId, merchantAppId) }));
}

function eventView(e: VersionEvent): VersionEventView {
  return { id: e.id, kind: e.kind, source: e.source, batchId: e.batchId, auditRound: e.auditRound, actorEmail: e.actorEmail, reason: e.reason, detail: parseDetail(e.detail), at: e.at.toISOString() };
}

export function buildVersionsView(db: Db, merchantAppId: number, sync: VersionsView['sync']): VersionsView | null {
  const app = findMerchantApp(db, merchantAppId);
  if (!app) return null;
  const merchant = findMerchant(db, app.merchantId)!;
  const live = listLiveVersions(db, merchantAppId);
  const facts = live.map(toFacts);
  const events = listEvents(
    db,
    live.map((v) => v.id),
  );
  const templateNames = new Map(listTemplateRecords(db).map((t) => [t.templateId, t.name]));
  const rollbackTarget =
    live.filter((v) => v.status === 'OFFLINE').sort((a, b) => (b.gmtOffline?.getTime() ?? 0) - (a.gmtOffline?.getTime() ?? 0))[0]?.appVersion ?? null;
  return {
    merchantAppId,
    authAppId: app.authAppId,
    appName: app.appName,
    merchantId: merchant.id,
    merchantName: merchant.name,
    blocked: blockedReason(app, merchant),
    sync,
    versions: live.map((v, i) => ({
      id: v.id,
      appVersion: v.appVersion,
      status: v.status,
      buildStatus: v.buildStatus,
      templateId: v.templateId,
      templateName: (v.templateId && templateNames.get(v.templateId)) || null,
      templateVersion: v.templateVersion,
      ext: v.ext,
      extSource: v.extSource,
      versionDesc: v.versionDesc,
      grayStrategy: v.grayStrategy,
      rejectReason: v.rejectReason,
      experience: v.experience,
      expQrCodeUrl: v.expQrCodeUrl,
      expSchemaUrl: v.expSchemaUrl,
      pending: v.pendingOperation,
      gmtCreate: iso(v.gmtCreate ?? v.createdAt),
      gmtApplyAudit: iso(v.gmtApplyAudit),
      gmtAuditEnd: iso(v.gmtAuditEnd),
      gmtOnline: iso(v.gmtOnline),
      gmtOffline: iso(v.gmtOffline),
      ops: availableOperations(facts[i], facts),
      grayChoices: grayChoices(v),
      events: events.filter((e) => e.versionId === v.id).map(eventView),
    })),
    rollbackTarget,
    templates: uploadTemplates(db, merchantAppId),
    currentExt: currentExts(db, [merchantAppId]).get(merchantAppId) ?? null,
    proposedVersion: nextAppVersion(listAllVersions(db, merchantAppId).map((v) => v.appVersion)),
  };
}

const PAGE_SYNC_TIMEOUT_MS = 6000;

/** The read made on every open of the tab; a slow platform does not hold the page (the read goes on behind it). */
export async function syncForPage(deps: VersionDeps, merchantAppId: number, opts: { full?: boolean } = {}): Promise<VersionsView['sync']> {
  const at = deps.now().toISOString();
  try {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), PAGE_SYNC_TIMEOUT_MS);
    });
    const result = await Promise.race([syncMiniAppVersions(deps, merchantAppId, { reason: 'open', full: opts.full }), timeout]).finally(() => clearTimeout(timer));
    if (result === 'timeout') return { error: 'versions.syncSlow', corrections: [], at: null };
    return { error: null, corrections: result.corrections, at };
  } catch (e) {
    if (e instanceof ActionError) return { error: e.message, corrections: [], at: null };
    if (e instanceof AlipayError || e instanceof AlipayTransportError) {
      return { error: 'versions.syncFailed', errorParams: { message: renderText((await getTranslator()).t, alipayErrorText(e)) }, corrections: [], at: null };
    }
    console.error('[versions] sync for the page failed:', e instanceof Error ? e.message : e);
    return { error: 'versions.syncFailed', errorParams: { message: e instanceof Error ? e.message : String(e) }, corrections: [], at: null };
  }
}

/** What the audit wizard opens with: the live profile, the category tree and the last submission. */
export interface AuditContext {
  current: {
    appName: string | null;
    appEnglishName: string | null;
    appSlogan: string | null;
    appDesc: string | null;
    servicePhone: string | null;
    serviceEmail: string | null;
    appLogo: string | null;
    categoryIds: string[];
    categoryNames: string | null;
  };
  nameLocked: boolean;
  categories: CategoryNode[];
  /** The previous submission's fields, to prefill (never a password or images). */
  previous: Record<string, unknown> | null;
}
