// The console's own tables, one file per area; this file only re-exports them (drizzle.config.ts and db/index.ts
// read it). The sandbox keeps its state in a separate file and schema (lib/sandbox/db).
export * from './schema-core';
export * from './schema-activity';
export * from './schema-versions';
export * from './schema-batches';
export * from './schema-templates';
export * from './schema-members';
export * from './schema-plans';
export * from './schema-analytics';
