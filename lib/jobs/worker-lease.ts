// One batch worker at a time per DATA_DIR (the server and `npm run worker` may both start one): the holder of
// this lease is the only process running batch jobs, so on taking it over, jobs left "running" in the queue are
// orphans of a dead worker and can be resumed at once instead of waiting for their timeout.
import crypto from 'node:crypto';
import os from 'node:os';
import type Database from 'better-sqlite3';

export const LEASE_TTL_MS = 15_000;

interface LeaseRow {
  owner: string;
  pid: number;
  host: string;
  expires_at: number;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class WorkerLease {
  readonly owner = crypto.randomUUID();
  private readonly host = os.hostname();

  constructor(
    private readonly sqlite: Database.Database,
    private readonly ttlMs = LEASE_TTL_MS,
  ) {
    sqlite.exec(`CREATE TABLE IF NOT EXISTS batch_worker_lease (
      id INTEGER PRIMARY KEY CHECK (id = 1), owner TEXT NOT NULL, pid INTEGER NOT NULL, host TEXT NOT NULL, expires_at INTEGER NOT NULL)`);
  }

  /** Takes or renews the lease; false while another live worker holds it. */
  tryAcquire(now = Date.now()): boolean {
    return this.sqlite
      .transaction(() => {
        const row = this.sqlite.prepare('SELECT owner, pid, host, expires_at FROM batch_worker_lease WHERE id = 1').get() as LeaseRow | undefined;
        const free =
          !row || row.owner === this.owner || row.expires_at < now || (row.host === this.host && row.pid !== process.pid && !pidAlive(row.pid));
        if (!free) return false;
        this.sqlite
          .prepare(
            `INSERT INTO batch_worker_lease (id, owner, pid, host, expires_at) VALUES (1, ?, ?, ?, ?)
             ON CONFLICT(id) DO UPDATE SET owner = excluded.owner, pid = excluded.pid, host = excluded.host, expires_at = excluded.expires_at`,
          )
          .run(this.owner, process.pid, this.host, now + this.ttlMs);
        return true;
      })
      .immediate();
  }

  release(): void {
    this.sqlite.prepare('DELETE FROM batch_worker_lease WHERE id = 1 AND owner = ?').run(this.owner);
  }

  /** Jobs the previous holder was running when it died go back to the queue. */
  requeueOrphans(): number {
    return this.sqlite.prepare(`UPDATE tasks SET status = 'pending', expireAt = NULL, allocationId = lower(hex(randomblob(8))) WHERE status = 'running'`).run().changes;
  }
}
