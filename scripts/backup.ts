// `npm run backup`: a consistent copy of DATA_DIR's databases (safe while the server and worker run) into
// BACKUP_DIR, and of its secrets into BACKUP_SECRETS_DIR. Options: --dir <path>, --secrets-dir <path>.
import { takeBackup } from '@/lib/backup/backup';
import { getConfig } from '@/lib/config';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const config = getConfig();
  const result = await takeBackup({
    dataDir: config.dataDir,
    backupDir: option('--dir') ?? config.backup.dir,
    secretsDir: option('--secrets-dir') ?? config.backup.secretsDir,
  });
  console.log(`[tinyapp] backup of ${config.dataDir} written to ${result.dir}`);
  for (const d of result.manifest.databases) console.log(`  ${d.file}  ${d.bytes} bytes  sha256 ${d.sha256.slice(0, 16)}…`);
  if (result.secretsDir) {
    console.log(`[tinyapp] secrets (${result.manifest.secrets.dirs.join(', ')}) written to ${result.secretsDir}`);
    console.log('  Keep them apart from the data copy: together they decrypt the merchants\' Alipay tokens.');
  } else {
    console.log('[tinyapp] no secrets under DATA_DIR (production: AUTH_SECRET and TOKEN_ENCRYPTION_KEY live in your secret store;');
    console.log('  without TOKEN_ENCRYPTION_KEY this backup cannot decrypt the merchants\' tokens).');
  }
}

main().catch((e: unknown) => {
  console.error(`[tinyapp] backup failed: ${(e as Error).message}`);
  process.exit(1);
});
