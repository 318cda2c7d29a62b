// What the worker runs on a clock: the one table of scheduled jobs. The worker's process runs them (the server's, or
// `npm run worker`'s), each run under the worker lease so two processes never both run one; the web server itself
// starts no timer. Reconciliation and figures only put jobs on the batch queue (lib/jobs/queue-passes), where they
// run behind batch items under its rate limit; the batch worker's own sweep only feeds it batch items and release
// plans' decisions.
import 'server-only';
import type { Db } from '@/db';
import { parseAnalyticsSettings } from '@/lib/analytics/settings';
import { parseBatchSettings } from '@/lib/batches/settings';
import type { Config } from '@/lib/config';
import { figuresPass, reconcilePass, type QueueFeed } from './queue-passes';
import { startScheduler, type ScheduledJob, type Scheduler, type SchedulerLease } from './scheduler';

export interface ScheduleContext {
  db: Db;
  config: Config;
  /** The batch worker's queue, which the reconciliation and figures passes feed. */
  queue: QueueFeed;
  /** Where RECONCILE_INTERVAL_MS and ANALYTICS_INTERVAL_MS are read. */
  env: Record<string, string | undefined>;
  log(message: string): void;
}

/** How soon a staff member's request for today's figures is picked up. */
const FIGURE_REQUESTS_EVERY_MS = 1000;

/** Seconds between tries of the start-up template sync: the server's own gateway (sandbox mode) answers only once it listens. */
const TEMPLATE_SYNC_RETRY_S = [1, 1, 1, 2, 3, 5, 8, 13, 26, 60, 180];

export function scheduledJobs({ db, config, queue, env, log }: ScheduleContext): ScheduledJob[] {
  const { reconcileIntervalMs } = parseBatchSettings(env);
  const analytics = parseAnalyticsSettings(env);
  // all: every online mini-program's missing days; otherwise only what staff asked for.
  const figures = async (all: boolean) => {
    const { figuresDue } = await import('@/lib/analytics/job');
    await figuresPass(queue, () => figuresDue(db, Date.now(), all));
  };
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
    {
      name: 'versions.reconcile',
      // The console's record of each mini-program that may be stale is read again from the platform (and stored
      // messages left unprocessed are processed first). An interval's first run comes within a second of start.
      every: reconcileIntervalMs,
      run: async () => {
        const [reconciler, { defaultVersionDeps }] = await Promise.all([import('@/lib/versions/reconciler'), import('@/lib/versions/deps')]);
        await reconcilePass(queue, { due: () => reconciler.miniAppsToReconcile(db), beforePass: () => reconciler.reconcileStoredMessages(defaultVersionDeps()) }, log);
      },
    },
    {
      name: 'analytics.figures',
      // Every online mini-program's missing days.
      every: analytics.intervalMs,
      run: () => figures(true),
    },
    {
      name: 'analytics.figures.requested',
      // Only what staff asked for (today's real-time figures).
      every: FIGURE_REQUESTS_EVERY_MS,
      run: () => figures(false),
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
