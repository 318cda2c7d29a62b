// Opens and migrates the sandbox's own SQLite file (DATA_DIR/sandbox.db).
import 'server-only';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { applyMigrations } from '@/db/migrate';
import { openSqlite } from '@/db/open';
import * as schema from './schema';

export type SandboxDb = BetterSQLite3Database<typeof schema>;

export interface SandboxStore {
  sqlite: Database.Database;
  db: SandboxDb;
}

export const SANDBOX_MIGRATIONS = path.join(process.cwd(), 'lib/sandbox/db/migrations');

export function sandboxDbFile(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'sandbox.db');
}

export function openSandboxStore(file: string): SandboxStore {
  const sqlite = openSqlite(file);
  applyMigrations(sqlite, SANDBOX_MIGRATIONS);
  return { sqlite, db: drizzle(sqlite, { schema }) };
}
