// Reads everything the /sandbox page shows from the sandbox's control surface, as plain data (no tokens).
import 'server-only';
import type { AuditDecisionView, SandboxViewData } from '@/components/sandbox/types';
import { getConfig } from '@/lib/config';
import { getSandbox } from '@/lib/sandbox';
import { METHODS } from '@/lib/sandbox/methods/registry';

const AUDIT_RESULTS = {
  'alipay.open.mini.version.audit.passed': true,
  'alipay.open.mini.version.audit.rejected': false,
} as const;

type ListedMessage = ReturnType<ReturnType<typeof getSandbox>['control']['listMessages']>[number];

/** The engine keeps no list of decisions; every decision sends exactly one message, so the outbox is that list. */
function decisionOf(m: ListedMessage): AuditDecisionView | null {
  if (!(m.name in AUDIT_RESULTS)) return null;
  let biz: { mini_app_id?: string; mini_app_version?: string; audit_reason?: string };
  try {
    biz = JSON.parse(m.params.biz_content ?? '{}');
  } catch {
    return null;
  }
  return {
    messageId: m.id,
    appId: biz.mini_app_id ?? m.authAppId ?? '',
    appVersion: biz.mini_app_version ?? '',
    passed: AUDIT_RESULTS[m.name as keyof typeof AUDIT_RESULTS],
    reason: biz.audit_reason ?? null,
    at: m.createdAt,
  };
}

export function loadSandboxView(canEdit: boolean): SandboxViewData {
  const config = getConfig();
  const sandbox = getSandbox();
  const c = sandbox.control;
  const accounts = c.listAccounts();
  const logonIdOf = new Map(accounts.map((a) => [a.userId, a.logonId]));
  const auths = c.listAuthorizations();
  const authorized = new Set(auths.filter((a) => a.status === 'valid').map((a) => a.authAppId));
  const settings = c.getSettings();
  const messages = c.listMessages(200);

  return {
    canEdit,
    isvAppId: sandbox.identity.appId,
    gateway: config.alipay.gateway,
    openAuthUrl: `${config.alipay.openAuthUrl}/oauth2/appToAppBatchAuth.htm`,
    settings: {
      reviewMode: settings.reviewMode,
      reviewDelayMs: settings.reviewDelayMs,
      buildDurationMs: settings.buildDurationMs,
      grayOptional: settings.grayOptional,
      invitationAutoAccept: settings.invitationAutoAccept,
      messageDelivery: settings.messageDelivery,
      notifyUrl: settings.notifyUrl,
      sensitiveWords: settings.sensitiveWords,
      blockedDomains: settings.blockedDomains,
    },
    audits: c.listPendingAudits().map((a) => ({
      appId: a.appId,
      appName: a.appName,
      appVersion: a.appVersion,
      bundleId: a.bundleId,
      templateVersion: a.templateVersion,
      versionDesc: a.versionDesc,
      appSlogan: a.appSlogan,
      screenshotCount: a.screenshotCount,
      gmtApplyAudit: a.gmtApplyAudit,
      reviewDueAt: a.reviewDueAt,
      suggestedRejections: a.suggestedRejections,
      auditRule: a.auditRule,
    })),
    decisions: messages
      .map(decisionOf)
      .filter((d) => d !== null)
      .slice(0, 20),
    accounts: accounts.map((a) => ({
      userId: a.userId,
      logonId: a.logonId,
      name: a.name,
      password: canEdit ? a.password : null,
      miniApps: a.miniApps.map((m) => ({ ...m, authorized: authorized.has(m.appId) })),
    })),
    authorizations: auths.map((a) => ({
      key: `${a.authAppId}-${a.authStart}-${a.status}-${a.endedAt ?? ''}`,
      authAppId: a.authAppId,
      appName: a.appName,
      userId: a.userId,
      logonId: logonIdOf.get(a.userId) ?? null,
      status: a.status,
      authStart: a.authStart,
      endedAt: a.endedAt,
    })),
    invitations: c.listInvitations(),
    templates: c.listTemplates().map((t) => ({ templateId: t.templateId, name: t.name, ownedByIsv: t.ownedByIsv, qrHosts: t.qrHosts, versions: t.versions })),
    faults: c.getFaults().map((f) => ({
      method: f.method,
      latencyMs: f.latencyMs,
      jitterMs: f.jitterMs,
      errorRate: f.errorRate,
      errorSubCode: f.errorSubCode ?? null,
      hang: f.hang,
      oddAnswers: f.oddAnswers,
      rps: f.rps ?? null,
    })),
    methods: Object.keys(METHODS).sort(),
    requests: c.listRequests(200),
    messages: messages.map((m) => ({
      id: m.id,
      name: m.name,
      authAppId: m.authAppId,
      status: m.status,
      attempts: m.attempts,
      nextAt: m.nextAt,
      lastError: m.lastError,
      createdAt: m.createdAt,
      deliveredAt: m.deliveredAt,
    })),
  };
}
