// The plain data the /sandbox page hands to its client components (times are epoch milliseconds).

export interface SandboxSettingsView {
  reviewMode: 'auto' | 'manual';
  reviewDelayMs: number;
  buildDurationMs: number;
  grayOptional: boolean;
  invitationAutoAccept: boolean;
  messageDelivery: 'on' | 'off';
  notifyUrl: string;
  sensitiveWords: string[];
  blockedDomains: string[];
}

export interface PendingAuditView {
  appId: string;
  appName: string;
  appVersion: string;
  bundleId: string;
  templateVersion: string;
  versionDesc: string | null;
  appSlogan: string | null;
  screenshotCount: number;
  gmtApplyAudit: number | null;
  reviewDueAt: number | null;
  /** What the automatic reviewer would say (empty: it would pass). */
  suggestedRejections: string[];
  /** BASE_PROMOTE audits can pass admission only (BASE_AUDIT_PASS, §5). */
  auditRule: 'BASE_PROMOTE' | null;
}

export interface AuditDecisionView {
  messageId: number;
  appId: string;
  appVersion: string;
  passed: boolean;
  reason: string | null;
  at: number;
}

export interface MerchantAccountView {
  userId: string;
  logonId: string;
  name: string;
  /** Shown to operators only: sandbox accounts are fake, and QA signs in with them on the authorization page. */
  password: string | null;
  miniApps: { appId: string; name: string; authorized: boolean; icpFiled: boolean; registrationLimitRelease: boolean }[];
}

export interface AuthorizationView {
  key: string;
  authAppId: string;
  appName: string;
  userId: string;
  logonId: string | null;
  status: 'valid' | 'replaced' | 'refreshed' | 'cancelled';
  authStart: number;
  endedAt: number | null;
}

export interface InvitationView {
  appId: string;
  appName: string;
  userId: string;
  logonId: string;
  nick: string;
  role: 'DEVELOPER' | 'EXPERIENCER';
  status: 'INVITED' | 'VALID' | 'REFUSED';
  gmtInvite: number;
  gmtJoin: number | null;
}

export interface TemplateView {
  templateId: string;
  name: string;
  ownedByIsv: boolean;
  qrHosts: string[];
  versions: { version: string; onShelf: boolean; createdAt: number }[];
}

export interface FaultRuleView {
  method: string;
  latencyMs: number;
  jitterMs: number;
  errorRate: number;
  errorSubCode: string | null;
  hang: boolean;
  oddAnswers: boolean;
  rps: number | null;
}

export interface RequestLogView {
  id: number;
  at: number;
  traceId: string;
  method: string | null;
  appId: string | null;
  authAppId: string | null;
  code: string;
  subCode: string | null;
  subMsg: string | null;
  latencyMs: number;
}

export type MessageStatus = 'pending' | 'sending' | 'retrying' | 'delivered' | 'given_up' | 'dropped';

export interface MessageView {
  id: number;
  name: string;
  authAppId: string | null;
  status: MessageStatus;
  attempts: number;
  nextAt: number;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
}

export interface SandboxViewData {
  canEdit: boolean;
  isvAppId: string;
  gateway: string;
  openAuthUrl: string;
  settings: SandboxSettingsView;
  audits: PendingAuditView[];
  decisions: AuditDecisionView[];
  accounts: MerchantAccountView[];
  authorizations: AuthorizationView[];
  invitations: InvitationView[];
  templates: TemplateView[];
  faults: FaultRuleView[];
  methods: string[];
  requests: RequestLogView[];
  messages: MessageView[];
}

export type SandboxTab = 'audits' | 'authorizations' | 'accounts' | 'invitations' | 'templates' | 'faults' | 'requests' | 'messages' | 'settings';
