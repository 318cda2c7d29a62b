// The daily backup, run by the batch worker's process (the server's, or `npm run worker`'s): BACKUP_CRON (default
// 03:30 every day, server time), keeping the newest BACKUP_KEEP scheduled copies. When both processes run, a lock
// file per backup lets exactly one of them take it.
import fs from 'node:fs';
import path from 'node:path';
import { Cron } from 'croner';
import { backupName, pruneBackups, takeBackup } from '@/lib/backup/backup';

export interface BackupScheduleSettings {
  dataDir: string;
  backupDir: string;
  secretsDir: string;
  cron: string;
  keep: number;
  log(message: string): void;
}

/** One scheduled run; false when another process took this one. Exported for tests. */
export async function runScheduledBackup(s: Omit<BackupScheduleSettings, 'cron'>, now = new Date()): Promise<boolean> {
  fs.mkdirSync(s.backupDir, { recursive: true, mode: 0o700 });
  const lock = path.join(s.backupDir, `.lock-${backupName('scheduled', now)}`);
  let fd: number;
  try {
    fd = fs.openSync(lock, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    const result = await takeBackup({ dataDir: s.dataDir, backupDir: s.backupDir, secretsDir: s.secretsDir, kind: 'scheduled', now });
    const pruned = pruneBackups({ backupDir: s.backupDir, secretsDir: s.secretsDir, keep: s.keep });
    s.log(`backup written to ${result.dir}${result.secretsDir ? ` (secrets: ${result.secretsDir})` : ''}${pruned.length ? `; removed ${pruned.length} old` : ''}`);
    return true;
  } finally {
    fs.closeSync(fd);
    // Old lock files go with their day; today's stays so a second process does not repeat it.
    for (const n of fs.readdirSync(s.backupDir)) {
      if (n.startsWith('.lock-') && n !== path.basename(lock)) fs.rmSync(path.join(s.backupDir, n), { force: true });
    }
  }
}

export function startBackupSchedule(s: BackupScheduleSettings): { stop(): void } {
  const job = new Cron(s.cron, { protect: true }, async () => {
    try {
      await runScheduledBackup(s);
    } catch (e) {
      s.log(`scheduled backup failed: ${(e as Error).message}`);
    }
  });
  s.log(`daily backup scheduled (${s.cron}) into ${s.backupDir}; next at ${job.nextRun()?.toISOString() ?? '-'}`);
  return { stop: () => job.stop() };
}
