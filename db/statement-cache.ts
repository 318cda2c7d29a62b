// drizzle's better-sqlite3 driver compiles a new SQLite statement for every query not built with `.prepare()`, and
// compiling costs more than running our small queries (measured: ~335 → ~235 µs a query; about a third of the batch
// worker's database time). `.prepare()` serves only a fixed query shape kept per database (db/prepared.ts holds the
// hottest few); most queries are built per call (optional filters, patched columns, `inArray` lists) and drizzle has
// no hook to reuse statements, so the connection's `prepare` is answered from a bounded cache keyed by the SQL text.
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
