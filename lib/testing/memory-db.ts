// A migrated in-memory console database for unit tests.
import { drizzle } from 'drizzle-orm/better-sqlite3';
import Database from 'better-sqlite3';
import path from 'node:path';
import type { Db } from '@/db';
import { applyMigrations } from '@/db/migrate';
import { cacheStatements } from '@/db/statement-cache';
import * as schema from '@/db/schema';

export function memoryDb(): Db {
  const sqlite = cacheStatements(new Database(':memory:'));
  sqlite.pragma('foreign_keys = ON');
  applyMigrations(sqlite, path.join(process.cwd(), 'db', 'migrations'));
  return drizzle(sqlite, { schema });
}
