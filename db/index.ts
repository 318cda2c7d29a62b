// The console database: one connection per process, migrated on first open.
import path from 'node:path';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type Database from 'better-sqlite3';
import { getConfig } from '@/lib/config';
import { applyMigrations } from './migrate';
import { openSqlite } from './open';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;

export const CONSOLE_MIGRATIONS = path.join(process.cwd(), 'db', 'migrations');

interface Handle {
  sqlite: Database.Database;
  db: Db;
}

// Kept on globalThis so that dev-server reloads reuse the connection.
const g = globalThis as unknown as { __consoleDb?: Handle };

export function openConsoleDb(file: string): Handle {
  const sqlite = openSqlite(file);
  applyMigrations(sqlite, CONSOLE_MIGRATIONS);
  return { sqlite, db: drizzle(sqlite, { schema }) };
}

export function consoleDbFile(): string {
  return path.join(getConfig().dataDir, 'console.db');
}

export function getDb(): Db {
  g.__consoleDb ??= openConsoleDb(consoleDbFile());
  return g.__consoleDb.db;
}

export function getSqlite(): Database.Database {
  getDb();
  return g.__consoleDb!.sqlite;
}

export { schema };
