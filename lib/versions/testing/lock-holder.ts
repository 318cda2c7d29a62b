// A second process for the lock test: opens the console database file, takes the lock on the keys given and holds it
// until killed (prints "locked" once it holds it, or "busy:<operation>" when it could not).
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { openSqlite } from '@/db/open';
import * as schema from '@/db/schema';
import { tryLock } from '../in-flight';

const [file, operation, ...keys] = process.argv.slice(2);
const db = drizzle(openSqlite(file), { schema });
const taken = tryLock(db, keys, operation);
process.stdout.write(taken.ok ? 'locked\n' : `busy:${taken.running}\n`);
setInterval(() => {}, 1000);
