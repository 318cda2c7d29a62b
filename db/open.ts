// Opens a SQLite file with the pragmas every connection of ours needs, set once here.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { cacheStatements } from './statement-cache';

/**
 * The databases hold staff password hashes, merchants' data and encrypted tokens: only the server's own user may
 * read them. SQLite gives the -wal/-shm files the main file's mode, so making the main file private is enough.
 */
export function makePrivate(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.chmodSync(f, 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}

export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

export function openSqlite(file: string): Database.Database {
  makePrivateDir(path.dirname(file));
  // Created empty and private first, so the file is never readable by others, even for a moment.
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  makePrivate(file);
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  makePrivate(file);
  return cacheStatements(sqlite);
}
