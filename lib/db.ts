// The console database's handle for routes (pages, layouts, server actions, route handlers). A route only passes it
// to lib: the queries live in lib/<feature>/data.ts and the services; app/ may import neither @/db, its tables nor
// drizzle-orm (eslint.config.mjs), so a query written in a route fails the lint.
import 'server-only';

export { getDb } from '@/db';
