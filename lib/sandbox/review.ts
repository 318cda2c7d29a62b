// The platform's reviewer (contract §5) and the info review of base-info changes made while online.
import { and, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import { inWriteTransaction, type SandboxContext } from './context';
import { storedCategoryFacts } from './categories';
import { miniApps, versions, type Version } from './db/schema';
import { enqueueMessage } from './outbox';
import { admissionRejections, marketingRejections, reviewRejections, rejectReasonText, type AuditSubject } from './rules/reviewer';
import { goOnline } from './version-store';

export const DEFAULT_REJECT_REASON = '不符合支付宝小程序平台运营规范';

export function auditSubject(ctx: SandboxContext, v: Version): AuditSubject {
  const app = ctx.db.select().from(miniApps).where(eq(miniApps.appId, v.appId)).get();
  return {
    appName: v.appName ?? app?.appName ?? '',
    appSlogan: v.appSlogan ?? app?.appSlogan,
    appDesc: v.appDesc ?? app?.appDesc,
    versionDesc: v.versionDesc,
    screenshotCount: v.screenshotCount,
    testAccount: v.testAccount,
    categories: storedCategoryFacts(ctx, v.categoryIds ?? app?.categoryIds),
    licence: { number: !!v.licenseNo, name: !!v.licenseName, validDate: !!v.licenseValidDate, pictures: v.licensePicCount },
    outDoorPics: v.outDoorPicCount,
    specialLicencePics: v.specialLicensePicCount,
  };
}

/** What the automatic reviewer would answer: the failed rules (empty when it passes). */
export function suggestedRejections(ctx: SandboxContext, v: Version): string[] {
  return reviewRejections(auditSubject(ctx, v));
}

/**
 * Records a decision for a version still in audit and sends the message. Returns false when the version is no longer
 * AUDITING (cancelled meanwhile, or already decided by another process).
 */
export function decideVersion(ctx: SandboxContext, versionId: number, decision: { pass: boolean; reason?: string; admissionOnly?: boolean }): boolean {
  return inWriteTransaction(ctx, () => {
    const v = ctx.db.select().from(versions).where(eq(versions.id, versionId)).get();
    if (!v || v.deletedAt || v.status !== 'AUDITING') return false;
    const now = ctx.now();
    const base = { mini_app_id: v.appId, mini_app_version: v.appVersion, bundle_id: v.bundleId };
    const basePromote = v.auditRule === 'BASE_PROMOTE';
    if (decision.pass && decision.admissionOnly && basePromote) {
      // Admission passed, marketing refused: BASE_AUDIT_PASS, sent as audit.rejected (§6 sandbox rule).
      const reason = decision.reason?.trim() || DEFAULT_REJECT_REASON;
      ctx.db
        .update(versions)
        .set({ status: 'BASE_AUDIT_PASS', promoteAudit: 'REJECT', gmtAuditEnd: now, reviewDueAt: null, rejectReason: reason })
        .where(eq(versions.id, v.id))
        .run();
      if (v.autoOnline) goOnline(ctx, { ...v, status: 'BASE_AUDIT_PASS' }, now);
      const memo = { audit_images: [], memos: [{ memo: reason, memo_image_list: [] }] };
      enqueueMessage(ctx, 'alipay.open.mini.version.audit.rejected', v.appId, {
        ...base,
        audit_reason: reason,
        base_audit: 'PASS',
        promote_audit: 'REJECT',
        promote_audit_reason: JSON.stringify(memo),
      });
    } else if (decision.pass) {
      ctx.db
        .update(versions)
        .set({ status: 'WAIT_RELEASE', promoteAudit: basePromote ? 'PASS' : null, gmtAuditEnd: now, reviewDueAt: null, rejectReason: null })
        .where(eq(versions.id, v.id))
        .run();
      if (v.autoOnline) goOnline(ctx, { ...v, status: 'WAIT_RELEASE' }, now);
      enqueueMessage(ctx, 'alipay.open.mini.version.audit.passed', v.appId, base);
    } else {
      const reason = decision.reason?.trim() || DEFAULT_REJECT_REASON;
      ctx.db.update(versions).set({ status: 'AUDIT_REJECT', gmtAuditEnd: now, reviewDueAt: null, rejectReason: reason }).where(eq(versions.id, v.id)).run();
      enqueueMessage(ctx, 'alipay.open.mini.version.audit.rejected', v.appId, { ...base, audit_reason: reason });
    }
    return true;
  });
}

/** Auto mode: decides every audit whose delay has passed, by the reviewer's rules. */
export function runDueReviews(ctx: SandboxContext): number {
  const due = ctx.db
    .select()
    .from(versions)
    .where(and(eq(versions.status, 'AUDITING'), isNotNull(versions.reviewDueAt), lte(versions.reviewDueAt, ctx.now()), isNull(versions.deletedAt)))
    .all();
  let decided = 0;
  for (const v of due) {
    const subject = auditSubject(ctx, v);
    const admission = admissionRejections(subject);
    const marketing = marketingRejections(subject);
    let decision: Parameters<typeof decideVersion>[2];
    if (v.auditRule === 'BASE_PROMOTE' && !admission.length && marketing.length) {
      decision = { pass: true, admissionOnly: true, reason: rejectReasonText(marketing) };
    } else {
      const reasons = [...marketing, ...admission];
      decision = reasons.length ? { pass: false, reason: rejectReasonText(reasons) } : { pass: true };
    }
    if (decideVersion(ctx, v.id, decision)) decided++;
  }
  return decided;
}

/** Base-info changes made while online take effect once the platform's info review (same delay) has passed. */
export function applyDueInfoReviews(ctx: SandboxContext): number {
  const due = ctx.db.select().from(miniApps).where(and(isNotNull(miniApps.pendingInfoDueAt), lte(miniApps.pendingInfoDueAt, ctx.now()))).all();
  for (const app of due) {
    inWriteTransaction(ctx, () => {
      const info = JSON.parse(app.pendingInfo ?? '{}') as Partial<typeof app>;
      ctx.db
        .update(miniApps)
        .set({
          ...info,
          ...(app.pendingLogo ? { logo: app.pendingLogo, logoMime: app.pendingLogoMime } : {}),
          pendingInfo: null,
          pendingLogo: null,
          pendingLogoMime: null,
          pendingInfoDueAt: null,
          updatedAt: ctx.now(),
        })
        .where(and(eq(miniApps.appId, app.appId), eq(miniApps.pendingInfoDueAt, app.pendingInfoDueAt!)))
        .run();
    });
  }
  return due.length;
}
