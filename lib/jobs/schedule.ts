// What the worker runs on a clock: the one table of scheduled jobs. The worker's process runs them (the server's, or
// `npm run worker`'s), each run under the worker lease so two processes never both run one; the web server itself
// starts no timer. The batch queue's own passes (batch items, reconciliation every RECONCILE_INTERVAL_MS, figures
// every ANALYTICS_INTERVAL_MS) are fed by the batch worker's sweep (lib/jobs/batch-worker.ts).
import 'server-only';
import type { Db } from '@/db';
import type { Config } from '@/lib/config';
import { startScheduler, type ScheduledJob, type Scheduler, type SchedulerLease } from './scheduler';

export interface ScheduleContext {
  db: Db;
  config: Config;
  log(message: string): void;
}

/** Seconds between tries of the start-up template sync: the server's own gateway (sandbox mode) answers only once it listens. */
const TEMPLATE_SYNC_RETRY_S = [1, 1, 1, 2, 3, 5, 8, 13, 26, 60, 180];

export function scheduledJobs({ db, config, log }: ScheduleContext): ScheduledJob[] {
  const jobs: ScheduledJob[] = [
    {
      name: 'authorization.tokens',
      // Tokens near their end are refreshed, the others checked; notifications whose handler failed are retried.
      every: '*/10 * * * *',
      // Soon after start too (tokens may have come due while nothing ran), once the gateway listens.
      atStart: 30,
      run: async () => (await import('@/lib/authorization/jobs')).refreshTokens(),
    },
    {
      name: 'authorization.notifications',
      every: '*/15 * * * * *',
      run: async () => (await import('@/lib/authorization/jobs')).reconcileNotifications(),
    },
    {
      name: 'templates.sync',
      // Templates come from the platform, through the gateway like every other call (the sandbox's too).
      atStart: true,
      retryAtStart: TEMPLATE_SYNC_RETRY_S,
      run: async () => (await import('@/lib/templates/sync')).syncTemplatesInWorker(db),
    },
  ];
  if (config.backup.cron) {
    const backup = { dataDir: config.dataDir, backupDir: config.backup.dir, secretsDir: config.backup.secretsDir, keep: config.backup.keep, log };
    jobs.push({
      name: 'backup.daily',
      every: config.backup.cron,
      run: async () => (await import('./backup-schedule')).runScheduledBackup(backup),
    });
  }
  return jobs;
}

export function startSchedule(ctx: ScheduleContext, lease: SchedulerLease): Scheduler {
  const jobs = scheduledJobs(ctx);
  const scheduler = startScheduler(jobs, { lease, log: ctx.log });
  const backup = scheduler.next('backup.daily');
  ctx.log(`scheduled jobs: ${jobs.map((j) => j.name).join(', ')}${backup ? `; next backup at ${backup.toISOString()} into ${ctx.config.backup.dir}` : ''}`);
  return scheduler;
}
