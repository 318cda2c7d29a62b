// `npm run restore -- <backup folder> [--secrets <folder>]`: restores a backup into DATA_DIR, which must be new or
// empty (a live console's data is never overwritten). The secrets are looked for where the backup put them
// unless --secrets names another folder.
import { restoreBackup, RestoreRefused } from '@/lib/backup/backup';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): void {
  const args = process.argv.slice(2);
  const from = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--secrets');
  if (!from) {
    console.error('usage: DATA_DIR=<fresh folder> npm run restore -- <backup folder> [--secrets <secrets folder>]');
    process.exit(2);
  }
  // DATA_DIR is read from the environment without creating anything in it (getConfig would generate secrets).
  const dataDir = process.env.DATA_DIR || './data';
  const done = restoreBackup({ from, secretsFrom: option('--secrets'), dataDir });
  console.log(`[tinyapp] restored ${done.databases.join(', ')}${done.secrets.length ? ` and ${done.secrets.join(', ')}` : ''} into ${dataDir}`);
}

try {
  main();
} catch (e) {
  console.error(`[tinyapp] restore ${e instanceof RestoreRefused ? 'refused' : 'failed'}: ${(e as Error).message}`);
  process.exit(1);
}
