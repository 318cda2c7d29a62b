// The provider's templates as the console keeps them (issue 6). Re-exported from db/schema.ts.
// The platform has no call that lists a template's versions: staff register them here (in sandbox mode they are
// copied from the sandbox's developer-centre view). The template-level ext config and each mini-program's own
// values live here too, so every batch renders the same ext for the same merchant.
import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
// Circular with ./schema (which re-exports this file): the references below are only read lazily.
import { merchantApps, users } from './schema';

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

export const templates = sqliteTable(
  'templates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    templateId: text('template_id').notNull(),
    name: text('name').notNull(),
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
    /** Published for instantiation (上架). */
    onShelf: integer('on_shelf', { mode: 'boolean' }).notNull().default(true),
    note: text('note'),
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
