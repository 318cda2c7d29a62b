// The provider's templates as the console keeps them. Re-exported from db/schema.ts.
// Templates, their versions and their on-shelf state are the platform's (synced from templatelist.query, never
// deleted: a template or version the platform stops listing is marked vanished). The console's own parts are the
// template-level ext config, notes on versions and each mini-program's own ext values, so every upload renders the
// same ext for the same merchant.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';
import { merchantApps, users } from './schema-core';

export const templates = sqliteTable(
  'templates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    templateId: text('template_id').notNull(),
    name: text('name').notNull(),
    logoUrl: text('logo_url'),
    /** `date_create` as the platform sent it (Beijing time, format unverified: kept raw). */
    platformCreatedAt: text('platform_created_at'),
    /** When the last sync no longer found it on the platform; null while it is listed. */
    vanishedAt: integer('vanished_at', { mode: 'timestamp_ms' }),
    /** The ext config with `{{…}}` variables (lib/batches/ext-template.ts), rendered for each merchant. */
    extTemplate: text('ext_template').notNull().default('{}'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('templates_template_id_unique').on(t.templateId)],
);
export type TemplateRecord = typeof templates.$inferSelect;

export const templateVersions = sqliteTable(
  'template_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    templateId: text('template_id')
      .notNull()
      .references(() => templates.templateId, { onDelete: 'cascade' }),
    version: text('version').notNull(),
    /** The platform's `version_status`, raw (values unverified; `RELEASE` = on shelf). */
    status: text('status'),
    /** Derived at sync: status is RELEASE and the platform still lists the version. */
    onShelf: integer('on_shelf', { mode: 'boolean' }).notNull().default(true),
    /** Staff's own note (the console's, never sent to the platform). */
    note: text('note'),
    vanishedAt: integer('vanished_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('template_versions_unique').on(t.templateId, t.version)],
);
export type TemplateVersionRecord = typeof templateVersions.$inferSelect;

/** One mini-program's own ext values for one template: custom fields and an override merged over the result. */
export const merchantExtConfigs = sqliteTable(
  'merchant_ext_configs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    merchantAppId: integer('merchant_app_id')
      .notNull()
      .references(() => merchantApps.id, { onDelete: 'cascade' }),
    templateId: text('template_id').notNull(),
    /** JSON object of strings: `{{custom.<key>}}` values. */
    custom: text('custom').notNull().default('{}'),
    /** JSON object merged over the rendered ext, or null. */
    override: text('override'),
    updatedById: integer('updated_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('merchant_ext_configs_unique').on(t.merchantAppId, t.templateId)],
);
export type MerchantExtConfig = typeof merchantExtConfigs.$inferSelect;

/** The platform's instances (instantiate.query), one row per mini-program, replaced at every complete sync. */
export const templateInstances = sqliteTable(
  'template_instances',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    miniAppId: text('mini_app_id').notNull(),
    appName: text('app_name').notNull().default(''),
    templateId: text('template_id').notNull(),
    templateVersion: text('template_version').notNull().default(''),
    latestVersion: text('latest_version').notNull().default(''),
    /** Raw: values unverified (§8). */
    latestVersionStatus: text('latest_version_status').notNull().default(''),
    status: text('status').notNull().default(''),
    syncedAt: integer('synced_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('template_instances_app_unique').on(t.miniAppId), index('template_instances_template_idx').on(t.templateId, t.templateVersion)],
);
export type TemplateInstanceRecord = typeof templateInstances.$inferSelect;

/** The registry's last sync from the platform: one row (id 1). */
export const templateSyncs = sqliteTable('template_syncs', {
  id: integer('id').primaryKey(),
  attemptedAt: integer('attempted_at', { mode: 'timestamp_ms' }),
  syncedAt: integer('synced_at', { mode: 'timestamp_ms' }),
  /** The last attempt's failure, as a catalog key or the platform's message; null after a success. */
  error: text('error'),
  /** Instances read completely (false: the page cap was reached and counts may be low). */
  instancesComplete: integer('instances_complete', { mode: 'boolean' }).notNull().default(true),
  /** Who pressed "sync" (null: the server's start). */
  byUserId: integer('by_user_id').references(() => users.id, { onDelete: 'set null' }),
});
export type TemplateSyncRecord = typeof templateSyncs.$inferSelect;
