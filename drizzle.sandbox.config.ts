import { defineConfig } from 'drizzle-kit';

// The embedded sandbox's own database (DATA_DIR/sandbox.db), kept apart from the console's.
export default defineConfig({
  dialect: 'sqlite',
  schema: './lib/sandbox/db/schema.ts',
  out: './lib/sandbox/db/migrations',
});
