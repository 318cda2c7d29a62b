// drizzle builds a query's SQL from its builder on every run, which costs more than running it on a hot path (the
// batch worker asks for the same few rows thousands of times). A query made with drizzle's `.prepare()` skips that
// and the compile (./statement-cache.ts saves only the compile, for every other query); one per database and name.
import type { Db } from './index';

const cache = new WeakMap<Db, Map<string, unknown>>();

/** The query `build` prepares, built once per database and name. */
export function prepared<P>(db: Db, name: string, build: (db: Db) => P): P {
  let own = cache.get(db);
  if (!own) cache.set(db, (own = new Map()));
  let query = own.get(name) as P | undefined;
  if (!query) own.set(name, (query = build(db)));
  return query;
}
