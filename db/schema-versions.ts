// Version management tables. Re-exported from db/schema.ts.
// The platform is the truth for a version's status and times; these rows are the console's copy of it (for fast
// pages and history), plus what only the console knows: who did what, a rollback's origin, a call of unknown outcome.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';
import { merchantApps, users } from './schema-core';
import { DEFAULT_BUNDLE_ID, GRAY_STRATEGIES, VERSION_STATUSES, type AnyVersionStatus, type VersionStatus } from '../lib/alipay/vocabulary';

// The platform's vocabulary, defined once in lib/alipay/vocabulary.
export const APP_VERSION_STATUSES = VERSION_STATUSES;
export type AppVersionStatus = VersionStatus;
/** A status as stored: the platform may send values beyond the known ones, which are kept raw (contract §8). */
export type StoredVersionStatus = AnyVersionStatus;

export const BUILD_STATES = ['queued', 'building', 'success', 'failed', 'timeout'] as const;
export type BuildStateName = (typeof BUILD_STATES)[number];

export const EXPERIENCE_STATES = ['none', 'packaging', 'packaged'] as const;
export type ExperienceStateName = (typeof EXPERIENCE_STATES)[number];

export const GRAY_STRATEGY_VALUES = GRAY_STRATEGIES;

export { DEFAULT_BUNDLE_ID };

/** One version of an authorized mini-program, as last read from the platform. */
export const miniAppVersions = sqliteTable(
  'mini_app_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    merchantAppId: integer('merchant_app_id')
      .notNull()
      .references(() => merchantApps.id, { onDelete: 'cascade' }),
    authAppId: text('auth_app_id').notNull(),
    bundleId: text('bundle_id').notNull().default(DEFAULT_BUNDLE_ID),
    appVersion: text('app_version').notNull(),
    /** Null until the platform has confirmed the upload (a call in flight, or one that timed out). */
    status: text('status').$type<StoredVersionStatus>(),
    buildStatus: text('build_status', { enum: BUILD_STATES }),
    templateId: text('template_id'),
    templateVersion: text('template_version'),
    ext: text('ext'),
    /** Where `ext` came from on a console upload: the template's rendering for this mini-program, or staff's override. */
    extSource: text('ext_source', { enum: ['template', 'override'] }),
    versionDesc: text('version_desc'),
    grayStrategy: text('gray_strategy', { enum: GRAY_STRATEGY_VALUES }),
    rejectReason: text('reject_reason'),
    /** list.query's can_release: the platform would accept `online` now. Meaningful only when reported. */
    canRelease: integer('can_release', { mode: 'boolean' }).notNull().default(false),
    /** Whether the platform sent can_release at all: only BASE_PROMOTE audits carry it (§4); absent = unknown. */
    canReleaseReported: integer('can_release_reported', { mode: 'boolean' }).notNull().default(false),
    experience: text('experience', { enum: EXPERIENCE_STATES }).notNull().default('none'),
    expQrCodeUrl: text('exp_qr_code_url'),
    expSchemaUrl: text('exp_schema_url'),
    /** Put back online by a rollback made from the console: the platform refuses a second rollback in a row. */
    onlineByRollback: integer('online_by_rollback', { mode: 'boolean' }).notNull().default(false),
    gmtCreate: integer('gmt_create', { mode: 'timestamp_ms' }),
    gmtApplyAudit: integer('gmt_apply_audit', { mode: 'timestamp_ms' }),
    gmtAuditEnd: integer('gmt_audit_end', { mode: 'timestamp_ms' }),
    gmtOnline: integer('gmt_online', { mode: 'timestamp_ms' }),
    gmtOffline: integer('gmt_offline', { mode: 'timestamp_ms' }),
    /** Submissions so far: a decision (message, poll) belongs to one round, so a reused number still gets its own. */
    auditRound: integer('audit_round').notNull().default(0),
    /** A call whose outcome is unknown (it timed out): checked against the platform before anything is retried. */
    pendingOperation: text('pending_operation'),
    pendingSince: integer('pending_since', { mode: 'timestamp_ms' }),
    uploadedById: integer('uploaded_by_id').references(() => users.id, { onDelete: 'set null' }),
    detailSyncedAt: integer('detail_synced_at', { mode: 'timestamp_ms' }),
    syncedAt: integer('synced_at', { mode: 'timestamp_ms' }),
    /** Gone from the platform (deleted): kept for its history. */
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('mini_app_versions_app_version_unique').on(t.merchantAppId, t.bundleId, t.appVersion),
    // Covering for the dashboard's fleet-wide reads by status (stages, template versions in the fleet): they never
    // touch the 100,000-row table itself.
    index('mini_app_versions_status_idx').on(t.status, t.deletedAt, t.merchantAppId, t.templateId, t.templateVersion),
    // Covering for "has any live version" probed per mini-program (the funnel's instantiated stage).
    index('mini_app_versions_app_live_idx').on(t.merchantAppId, t.deletedAt, t.status),
    index('mini_app_versions_auth_app_idx').on(t.authAppId, t.appVersion),
    // The dashboard: rejections grouped by reason.
    index('mini_app_versions_reject_idx').on(t.status, t.rejectReason),
  ],
);
export type MiniAppVersion = typeof miniAppVersions.$inferSelect;
export type NewMiniAppVersion = typeof miniAppVersions.$inferInsert;

/**
 * Per mini-program, the facts /drift filters and counts on, taken from its live versions (not deleted, main bundle)
 * by the rule of lib/drift/rules.ts `classifyVersions` (the newest version of each column). Kept by triggers on
 * mini_app_versions (migration 0015), so every writer keeps it current and the page reads one row per mini-program
 * instead of grouping 100,000 versions per request. No row: no live version yet.
 */
export const miniAppDrift = sqliteTable('mini_app_drift', {
  merchantAppId: integer('merchant_app_id')
    .primaryKey()
    .references(() => merchantApps.id, { onDelete: 'cascade' }),
  /** The newest RELEASE version's number; null when nothing is online. */
  onlineVersion: text('online_version'),
  onlineTemplateId: text('online_template_id'),
  onlineTemplateVersion: text('online_template_version'),
  /** The newest of AUDITING / WAIT_RELEASE / BASE_AUDIT_PASS. */
  auditStatus: text('audit_status').$type<StoredVersionStatus>(),
  auditAppliedAt: integer('audit_applied_at'),
  /** Holds an AUDIT_REJECT version. */
  rejected: integer('rejected', { mode: 'boolean' }).notNull().default(false),
});

export const VERSION_EVENT_KINDS = [
  'uploaded',
  'buildSucceeded',
  'buildFailed',
  'experienceSet',
  'experienceCancelled',
  'submitted',
  'auditCancelled',
  'passed',
  'rejected',
  'backToDev',
  'grayStarted',
  'grayWidened',
  'grayEnded',
  'online',
  'offline',
  'rollback',
  'deleted',
  'corrected',
] as const;
export type VersionEventKind = (typeof VERSION_EVENT_KINDS)[number];

export const VERSION_EVENT_SOURCES = ['console', 'batch', 'notification', 'reconciliation'] as const;

/** A version's history: every operation, submission and decision, who made it and (for rejections) why. */
export const versionEvents = sqliteTable(
  'version_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    versionId: integer('version_id')
      .notNull()
      .references(() => miniAppVersions.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: VERSION_EVENT_KINDS }).notNull(),
    source: text('source', { enum: VERSION_EVENT_SOURCES }).notNull(),
    /** Null when the platform acted (a decision, a change found by reconciliation). */
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorEmail: text('actor_email'),
    /** The rejection reason, or what reconciliation corrected. */
    reason: text('reason'),
    /** JSON: the submission's fields (no password, images as counts), a gray strategy, a status change… */
    detail: text('detail'),
    notifyId: text('notify_id'),
    /** The batch that made this change (source `batch`); no foreign key: history outlives a batch. */
    batchId: integer('batch_id'),
    /** The audit round a submission or decision belongs to. */
    auditRound: integer('audit_round'),
    at: createdAt(),
  },
  (t) => [
    index('version_events_version_idx').on(t.versionId, t.at),
    // The dashboard's audit activity per day.
    index('version_events_kind_idx').on(t.kind, t.at),
  ],
);
export type VersionEvent = typeof versionEvents.$inferSelect;

/**
 * Who is working on a mini-program's version right now, across processes (the server and `npm run worker`): one row
 * per key while an operation runs. A row left by a process that died is taken over (its pid is gone, or it expired).
 */
export const versionLocks = sqliteTable('version_locks', {
  key: text('key').primaryKey(),
  operation: text('operation').notNull(),
  /** `<pid>:<random>` of the holder. */
  holder: text('holder').notNull(),
  pid: integer('pid').notNull(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  acquiredAt: createdAt(),
});
export type VersionLock = typeof versionLocks.$inferSelect;
