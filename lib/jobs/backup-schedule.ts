// The daily backup, a scheduled job of the worker (lib/jobs/schedule.ts): BACKUP_CRON (default 03:30 every day,
// server time), keeping the newest BACKUP_KEEP scheduled copies. Besides the worker lease, a lock file per backup
// lets exactly one process take it even across a lease hand-over.
import fs from 'node:fs';
import path from 'node:path';
import { backupName, pruneBackups, takeBackup } from '@/lib/backup/backup';

export interface BackupScheduleSettings {
  dataDir: string;
  backupDir: string;
  secretsDir: string;
  keep: number;
  log(message: string): void;
}

/** One scheduled run; false when another process took this one. Exported for tests. */
export async function runScheduledBackup(s: BackupScheduleSettings, now = new Date()): Promise<boolean> {
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
