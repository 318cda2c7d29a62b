// Runs the worker's scheduled jobs (lib/jobs/schedule.ts) with croner. Every run first takes the worker lease, so
// when the server and `npm run worker` both run, exactly one process does the work and the other stands by.
import { Cron } from 'croner';

export interface ScheduledJob {
  name: string;
  /** A croner pattern (a leading seconds field is allowed), or an interval in milliseconds; absent: only at start. */
  every?: string | number;
  /** Also run once when the scheduler starts (true), or this many seconds after. */
  atStart?: boolean | number;
  /** Seconds to wait before each new try of a failed run at start (a job failing on schedule waits for its next tick). */
  retryAtStart?: readonly number[];
  run(): unknown;
}

export interface SchedulerLease {
  /** Takes or renews the lease; false while another process holds it. */
  tryAcquire(): boolean;
}

export type RunOutcome = 'ran' | 'failed' | 'standby' | 'busy';

export interface Scheduler {
  /** One run of a job now, under the lease, as its schedule would (exported for tests and the worker's start). */
  run(name: string): Promise<RunOutcome>;
  /** When each job runs next (for the log). */
  next(name: string): Date | null;
  stop(): void;
}

/** A croner pattern for an interval in milliseconds: each second, held back to at most one run per interval. */
function cronFor(every: string | number): { pattern: string; interval?: number } {
  if (typeof every === 'string') return { pattern: every };
  return { pattern: '* * * * * *', interval: Math.max(1, Math.round(every / 1000)) };
}

export function startScheduler(jobs: readonly ScheduledJob[], opts: { lease: SchedulerLease; log(message: string): void }): Scheduler {
  const running = new Set<string>();
  const crons = new Map<string, Cron>();
  const retries = new Set<Cron>();
  let stopped = false;

  async function run(job: ScheduledJob): Promise<RunOutcome> {
    // A run still going when the next tick comes is not doubled.
    if (running.has(job.name)) return 'busy';
    if (!opts.lease.tryAcquire()) return 'standby';
    running.add(job.name);
    try {
      await job.run();
      return 'ran';
    } catch (e) {
      opts.log(`scheduled job ${job.name} failed: ${e instanceof Error ? e.message : String(e)}`);
      return 'failed';
    } finally {
      running.delete(job.name);
    }
  }

  async function runAtStart(job: ScheduledJob, attempt: number): Promise<void> {
    const outcome = await run(job);
    if (stopped || outcome === 'ran' || outcome === 'busy') return;
    // Standing by: try again later, in case the other process goes away before the job ever ran.
    const delays = job.retryAtStart ?? [];
    const delayS = outcome === 'standby' ? 5 : delays[attempt];
    if (delayS === undefined) return;
    later(delayS, () => void runAtStart(job, outcome === 'standby' ? attempt : attempt + 1));
  }

  function later(seconds: number, fn: () => void): void {
    const once = new Cron(new Date(Date.now() + seconds * 1000), () => {
      retries.delete(once);
      if (!stopped) fn();
    });
    retries.add(once);
  }

  for (const job of jobs) {
    if (job.every !== undefined) {
      const { pattern, interval } = cronFor(job.every);
      crons.set(job.name, new Cron(pattern, { interval }, () => void run(job)));
    }
    if (job.atStart === true) void runAtStart(job, 0);
    else if (typeof job.atStart === 'number') later(job.atStart, () => void runAtStart(job, 0));
  }

  const byName = (name: string) => {
    const job = jobs.find((j) => j.name === name);
    if (!job) throw new Error(`no scheduled job named ${name}`);
    return job;
  };

  return {
    run: (name) => run(byName(name)),
    next: (name) => crons.get(name)?.nextRun() ?? null,
    stop() {
      stopped = true;
      for (const c of [...crons.values(), ...retries]) c.stop();
      crons.clear();
      retries.clear();
    },
  };
}
