// Opens a SQLite file with the pragmas every connection of ours needs, set once here.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { cacheStatements } from './statement-cache';

export function openSqlite(file: string): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  return cacheStatements(sqlite);
}
