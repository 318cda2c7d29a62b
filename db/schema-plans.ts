// Release plans (lib/plans): a template version rolled out to many merchants in waves, each wave one batch of the
// batch engine, with gates between waves. Re-exported from db/schema.ts. The plan's rows are its durable state: the
// worker decides from them (never from memory), so a restart or kill -9 resumes where it stood.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';
import { users } from './schema-core';
import { PLAN_STATUSES, WAVE_STATUSES } from '../lib/plans/vocabulary';

export { PLAN_STATUSES, WAVE_STATUSES, type PlanStatus, type WaveStatus } from '../lib/plans/vocabulary';

export const releasePlans = sqliteTable(
  'release_plans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    templateId: text('template_id').notNull(),
    templateVersion: text('template_version').notNull(),
    /** JSON: the instantiate parameters every wave's batch gets (ext, audit form, gray share and hold). */
    params: text('params').notNull(),
    /** Gate: at least this share (%) of a wave online … */
    gateMinOnline: integer('gate_min_online').notNull(),
    /** … and at most this share (%) rejected or failed, or the plan pauses before the next wave. */
    gateMaxFailed: integer('gate_max_failed').notNull(),
    status: text('status', { enum: PLAN_STATUSES }).notNull().default('running'),
    /** Why the plan is paused: a catalog key and its parameters (as batch item messages). */
    pauseReason: text('pause_reason'),
    /** JSON parameters of `pauseReason` (a catalog key). */
    pauseParams: text('pause_params'),
    createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdByEmail: text('created_by_email').notNull(),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('release_plans_status_idx').on(t.status, t.createdAt)],
);
export type ReleasePlan = typeof releasePlans.$inferSelect;
export type NewReleasePlan = typeof releasePlans.$inferInsert;

export const releasePlanWaves = sqliteTable(
  'release_plan_waves',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: integer('plan_id')
      .notNull()
      .references(() => releasePlans.id, { onDelete: 'cascade' }),
    /** 0-based position. */
    idx: integer('idx').notNull(),
    /** The share of the plan's merchants asked for (null for an explicit list). */
    percent: integer('percent'),
    size: integer('size').notNull(),
    status: text('status', { enum: WAVE_STATUSES }).notNull().default('waiting'),
    batchId: integer('batch_id'),
    /** JSON: the gate's decision (counts, shares, thresholds, passed). */
    gate: text('gate'),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    /** Who resumed past a failed gate. */
    overriddenBy: text('overridden_by'),
  },
  (t) => [uniqueIndex('release_plan_waves_plan_idx_unique').on(t.planId, t.idx)],
);
export type ReleasePlanWave = typeof releasePlanWaves.$inferSelect;

export const releasePlanMembers = sqliteTable(
  'release_plan_members',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: integer('plan_id')
      .notNull()
      .references(() => releasePlans.id, { onDelete: 'cascade' }),
    waveIdx: integer('wave_idx').notNull(),
    merchantId: integer('merchant_id'),
    merchantAppId: integer('merchant_app_id'),
    authAppId: text('auth_app_id').notNull(),
    merchantName: text('merchant_name').notNull(),
    /** Staff took this mini-program out of the plan. */
    skippedAt: integer('skipped_at', { mode: 'timestamp_ms' }),
    skippedBy: text('skipped_by'),
  },
  (t) => [uniqueIndex('release_plan_members_plan_app_unique').on(t.planId, t.authAppId), index('release_plan_members_app_idx').on(t.authAppId)],
);
export type ReleasePlanMember = typeof releasePlanMembers.$inferSelect;
