// drizzle prepares a new better-sqlite3 statement for every query it runs, and compiling the SQL costs more than
// running it (about a third of the batch worker's database time). Statements are reusable, so `prepare` is served
// from a small cache keyed by the SQL text.
import type Database from 'better-sqlite3';

export function cacheStatements(sqlite: Database.Database, max = 500): Database.Database {
  const prepare = sqlite.prepare.bind(sqlite) as (source: string) => Database.Statement;
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const cached = cache.get(source);
    // A statement in the middle of an iteration cannot run again until it finishes: give that caller its own.
    if (cached && !cached.busy) {
      cache.delete(source);
      cache.set(source, cached);
      // Modes are sticky on a statement; drizzle sets raw mode on some calls and relies on the default on others.
      if (cached.reader) cached.raw(false).pluck(false).expand(false);
      return cached;
    }
    if (cached) return prepare(source);
    const fresh = prepare(source);
    cache.set(source, fresh);
    if (cache.size > max) cache.delete(cache.keys().next().value!);
    return fresh;
  }) as Database.Database['prepare'];
  return sqlite;
}
