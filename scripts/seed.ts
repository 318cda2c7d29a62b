// `npm run seed [-- --merchants 10000]`: demo merchants, plus many synthetic ones for trying the list at scale.
import { consoleDbFile, openConsoleDb } from '@/db';
import { seedMerchants } from '@/lib/merchants/seed';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i >= 0) return process.argv[i + 1];
  return process.argv.find((a) => a.startsWith(`${name}=`))?.split('=')[1];
}

const raw = argValue('--merchants') ?? '0';
const extra = Number(raw);
if (!Number.isInteger(extra) || extra < 0 || extra > 200_000) {
  console.error(`--merchants must be a whole number from 0 to 200000 (got "${raw}")`);
  process.exit(2);
}

const file = consoleDbFile();
const { sqlite, db } = openConsoleDb(file);
const started = Date.now();
const { demo, generated } = seedMerchants(db, extra);
sqlite.close();
console.log(`[tinyapp] seeded ${file}: ${demo} demo merchants, ${generated} generated (${Date.now() - started} ms)`);
