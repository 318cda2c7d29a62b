// The sandbox's own tables (DATA_DIR/sandbox.db). The console never imports them: it reaches the sandbox through the
// gateway only. Times are epoch milliseconds; statuses that change with time (builds, experience packaging) are
// derived from the stored start time and duration, so they survive restarts.
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const VERSION_STATUSES = ['INIT', 'AUDITING', 'AUDIT_REJECT', 'WAIT_RELEASE', 'BASE_AUDIT_PASS', 'GRAY', 'RELEASE', 'OFFLINE', 'AUDIT_OFFLINE'] as const;
export const GRAY_STRATEGIES = ['p10', 'p30', 'p50'] as const;
export const MEMBER_ROLES = ['DEVELOPER', 'EXPERIENCER'] as const;
/** Contract rev 2: `VALID` is a joined member (the only value seen on the real platform); the rest are sandbox rules. */
export const MEMBER_STATUSES = ['INVITED', 'VALID', 'REFUSED'] as const;
export const AUTHORIZATION_STATUSES = ['valid', 'replaced', 'refreshed', 'cancelled'] as const;
export const MESSAGE_STATUSES = ['pending', 'sending', 'retrying', 'delivered', 'given_up', 'dropped'] as const;
/** bind creates EXACT or FUZZY rules; PATTERN rules are injected from /sandbox to test the console's tolerance. */
export const ROUTE_MODES = ['EXACT', 'FUZZY', 'PATTERN'] as const;
export const IMAGE_KINDS = ['screenshot', 'logo', 'license', 'out_door', 'special_license'] as const;

const createdAt = () => integer('created_at').notNull();

/** Key → JSON value: review mode, timings, switches, notify URL. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Alipay accounts: merchants who own mini-programs, and people invited as members. Fake, so passwords are plain. */
export const accounts = sqliteTable(
  'accounts',
  {
    userId: text('user_id').primaryKey(),
    logonId: text('logon_id').notNull(),
    name: text('name').notNull(),
    password: text('password').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('accounts_logon_id_unique').on(t.logonId)],
);
export type Account = typeof accounts.$inferSelect;

export const categories = sqliteTable('categories', {
  categoryId: text('category_id').primaryKey(),
  name: text('name').notNull(),
  parentId: text('parent_id'),
  needLicense: integer('need_license', { mode: 'boolean' }).notNull().default(false),
  needOutDoorPic: integer('need_out_door_pic', { mode: 'boolean' }).notNull().default(false),
  needSpecialLicense: integer('need_special_license', { mode: 'boolean' }).notNull().default(false),
  position: integer('position').notNull().default(0),
});
export type Category = typeof categories.$inferSelect;

export const miniApps = sqliteTable(
  'mini_apps',
  {
    appId: text('app_id').primaryKey(),
    ownerUserId: text('owner_user_id')
      .notNull()
      .references(() => accounts.userId),
    appName: text('app_name').notNull(),
    appEnglishName: text('app_english_name'),
    appSlogan: text('app_slogan'),
    appDesc: text('app_desc'),
    servicePhone: text('service_phone'),
    serviceEmail: text('service_email'),
    /** `first_second[_third];…` as sent by the ISV (mini_category_ids, or legacy app_category_ids). */
    categoryIds: text('category_ids'),
    logo: blob('logo', { mode: 'buffer' }),
    logoMime: text('logo_mime'),
    safeDomains: text('safe_domains').notNull().default('[]'),
    everOnline: integer('ever_online', { mode: 'boolean' }).notNull().default(false),
    /** ICP filing (备案) done: without it the first release needs permit_registration_limit_release (§4 ICP gate). */
    icpFiled: integer('icp_filed', { mode: 'boolean' }).notNull().default(true),
    /** Online as a restricted release (受限发布); cleared when the mini-program is marked filed. */
    registrationLimitRelease: integer('registration_limit_release', { mode: 'boolean' }).notNull().default(false),
    /** A base-info change made while online waits here for the platform's info review (JSON of the fields). */
    pendingInfo: text('pending_info'),
    pendingLogo: blob('pending_logo', { mode: 'buffer' }),
    pendingLogoMime: text('pending_logo_mime'),
    pendingInfoDueAt: integer('pending_info_due_at'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at'),
  },
  (t) => [
    index('mini_apps_owner_idx').on(t.ownerUserId),
    index('mini_apps_name_idx').on(t.appName),
    // Every gateway call looks for info reviews that are due: without it, a scan of every mini-program.
    index('mini_apps_pending_info_idx').on(t.pendingInfoDueAt),
  ],
);
export type MiniApp = typeof miniApps.$inferSelect;

export const authCodes = sqliteTable('auth_codes', {
  code: text('code').primaryKey(),
  isvAppId: text('isv_app_id').notNull(),
  userId: text('user_id').notNull(),
  appIds: text('app_ids').notNull(),
  redirectUri: text('redirect_uri').notNull(),
  state: text('state'),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
  createdAt: createdAt(),
});
export type AuthCode = typeof authCodes.$inferSelect;

export const authorizations = sqliteTable(
  'authorizations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    isvAppId: text('isv_app_id').notNull(),
    authAppId: text('auth_app_id')
      .notNull()
      .references(() => miniApps.appId),
    userId: text('user_id').notNull(),
    appAuthToken: text('app_auth_token').notNull(),
    appRefreshToken: text('app_refresh_token').notNull(),
    authCode: text('auth_code'),
    status: text('status', { enum: AUTHORIZATION_STATUSES }).notNull(),
    authStart: integer('auth_start').notNull(),
    expiresAt: integer('expires_at').notNull(),
    reExpiresAt: integer('re_expires_at').notNull(),
    endedAt: integer('ended_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('authorizations_token_unique').on(t.appAuthToken),
    uniqueIndex('authorizations_refresh_unique').on(t.appRefreshToken),
    index('authorizations_app_idx').on(t.authAppId, t.status),
    index('authorizations_code_idx').on(t.authCode),
  ],
);
export type Authorization = typeof authorizations.$inferSelect;

export const templates = sqliteTable('templates', {
  templateId: text('template_id').primaryKey(),
  isvAppId: text('isv_app_id').notNull(),
  name: text('name').notNull(),
  /** JSON array of hosts ordinary-QR rules of its instances may use; empty or null imposes no check. */
  qrHosts: text('qr_hosts'),
  createdAt: createdAt(),
});
export type Template = typeof templates.$inferSelect;

export const templateVersions = sqliteTable(
  'template_versions',
  {
    templateId: text('template_id')
      .notNull()
      .references(() => templates.templateId),
    version: text('version').notNull(),
    onShelf: integer('on_shelf', { mode: 'boolean' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.templateId, t.version] })],
);
export type TemplateVersion = typeof templateVersions.$inferSelect;

export const versions = sqliteTable(
  'versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    appId: text('app_id')
      .notNull()
      .references(() => miniApps.appId),
    bundleId: text('bundle_id').notNull(),
    appVersion: text('app_version').notNull(),
    templateId: text('template_id').notNull(),
    templateVersion: text('template_version').notNull(),
    ext: text('ext'),
    status: text('status', { enum: VERSION_STATUSES }).notNull(),
    /** Build runs from createdAt for buildDurationMs (snapshotted so a settings change never rewrites history). */
    buildDurationMs: integer('build_duration_ms').notNull(),
    createdAt: createdAt(),
    deletedAt: integer('deleted_at'),
    experienceAt: integer('experience_at'),
    experienceDurationMs: integer('experience_duration_ms'),
    // Audit submission, as sent with audit.apply.
    versionDesc: text('version_desc'),
    memo: text('memo'),
    regionType: text('region_type'),
    serviceRegionInfo: text('service_region_info'),
    appName: text('app_name'),
    appEnglishName: text('app_english_name'),
    appSlogan: text('app_slogan'),
    appDesc: text('app_desc'),
    servicePhone: text('service_phone'),
    serviceEmail: text('service_email'),
    categoryIds: text('category_ids'),
    testAccount: text('test_account'),
    testPassword: text('test_password'),
    licenseNo: text('license_no'),
    licenseName: text('license_name'),
    licenseValidDate: text('license_valid_date'),
    licensePicCount: integer('license_pic_count').notNull().default(0),
    outDoorPicCount: integer('out_door_pic_count').notNull().default(0),
    specialLicensePicCount: integer('special_license_pic_count').notNull().default(0),
    screenshotCount: integer('screenshot_count').notNull().default(0),
    autoOnline: integer('auto_online', { mode: 'boolean' }).notNull().default(false),
    /** audit.apply's audit_rule: BASE_PROMOTE splits admission and marketing (§5); anything else is ordinary. */
    auditRule: text('audit_rule', { enum: ['BASE_PROMOTE'] }),
    /** The marketing half of a BASE_PROMOTE decision: REJECT leaves the version in BASE_AUDIT_PASS. */
    promoteAudit: text('promote_audit', { enum: ['PASS', 'REJECT'] }),
    /** Set in auto review mode: when the reviewer decides. Null while a person has to decide. */
    reviewDueAt: integer('review_due_at'),
    rejectReason: text('reject_reason'),
    grayStrategy: text('gray_strategy', { enum: GRAY_STRATEGIES }),
    gmtApplyAudit: integer('gmt_apply_audit'),
    gmtAuditEnd: integer('gmt_audit_end'),
    gmtOnline: integer('gmt_online'),
    gmtOffline: integer('gmt_offline'),
    /** The version this one replaced when it went online: where a rollback returns to. */
    replacedVersionId: integer('replaced_version_id'),
    /** Went online through a rollback: a second rollback in a row is refused. */
    onlineByRollback: integer('online_by_rollback', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('versions_app_idx').on(t.appId, t.bundleId),
    uniqueIndex('versions_live_unique').on(t.appId, t.bundleId, t.appVersion).where(sql`${t.deletedAt} IS NULL`),
    index('versions_review_idx').on(t.status, t.reviewDueAt),
    index('versions_template_idx').on(t.templateId, t.templateVersion),
  ],
);
export type Version = typeof versions.$inferSelect;

export const versionImages = sqliteTable(
  'version_images',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    versionId: integer('version_id')
      .notNull()
      .references(() => versions.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: IMAGE_KINDS }).notNull(),
    position: integer('position').notNull(),
    mime: text('mime').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
  },
  (t) => [index('version_images_version_idx').on(t.versionId, t.kind, t.position)],
);

export const members = sqliteTable(
  'members',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    appId: text('app_id')
      .notNull()
      .references(() => miniApps.appId),
    userId: text('user_id')
      .notNull()
      .references(() => accounts.userId),
    role: text('role', { enum: MEMBER_ROLES }).notNull(),
    status: text('status', { enum: MEMBER_STATUSES }).notNull(),
    gmtInvite: integer('gmt_invite').notNull(),
    gmtJoin: integer('gmt_join'),
  },
  (t) => [uniqueIndex('members_app_user_role_unique').on(t.appId, t.userId, t.role), index('members_status_idx').on(t.status)],
);
export type Member = typeof members.$inferSelect;

export const qrRoutes = sqliteTable(
  'qr_routes',
  {
    routeGroup: text('route_group').primaryKey(),
    appId: text('app_id')
      .notNull()
      .references(() => miniApps.appId),
    routeUrl: text('route_url').notNull(),
    mode: text('mode', { enum: ROUTE_MODES }).notNull(),
    /** PATTERN rules only: `{0}`, `{1}` mark the variable path parts. */
    routePattern: text('route_pattern'),
    pageRedirection: text('page_redirection').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('qr_routes_app_idx').on(t.appId, t.createdAt)],
);
export type QrRoute = typeof qrRoutes.$inferSelect;

/** Outbox of notifications (open_app_auth_notify) and messages (§6), delivered by form POST with retries. */
export const messages = sqliteTable(
  'messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    notifyId: text('notify_id').notNull(),
    /** notify_type or msg_method. */
    name: text('name').notNull(),
    authAppId: text('auth_app_id'),
    /** The signed form parameters, exactly as posted. */
    payload: text('payload').notNull(),
    targetUrl: text('target_url').notNull(),
    status: text('status', { enum: MESSAGE_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAt: integer('next_at').notNull(),
    lockedUntil: integer('locked_until'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    deliveredAt: integer('delivered_at'),
  },
  (t) => [uniqueIndex('messages_notify_id_unique').on(t.notifyId), index('messages_due_idx').on(t.status, t.nextAt)],
);
export type Message = typeof messages.$inferSelect;

export const requestLog = sqliteTable(
  'request_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    traceId: text('trace_id').notNull(),
    method: text('method'),
    appId: text('app_id'),
    authAppId: text('auth_app_id'),
    code: text('code').notNull(),
    subCode: text('sub_code'),
    subMsg: text('sub_msg'),
    latencyMs: integer('latency_ms').notNull(),
  },
  (t) => [index('request_log_at_idx').on(t.at)],
);
export type RequestLogEntry = typeof requestLog.$inferSelect;

export const faultRules = sqliteTable('fault_rules', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** An OpenAPI method name, or `*` for every method. */
  method: text('method').notNull(),
  latencyMs: integer('latency_ms').notNull().default(0),
  jitterMs: integer('jitter_ms').notNull().default(0),
  errorRate: real('error_rate').notNull().default(0),
  errorSubCode: text('error_sub_code'),
  errorSubMsg: text('error_sub_msg'),
  hang: integer('hang', { mode: 'boolean' }).notNull().default(false),
  rps: real('rps'),
  oddAnswers: integer('odd_answers', { mode: 'boolean' }).notNull().default(false),
});
