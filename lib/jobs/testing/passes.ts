// A test's batch worker with the schedule's queue passes (lib/jobs/schedule.ts) running beside it under its lease,
// as the worker's process runs them, with the test's own notion of what is due.
import type { BatchWorker } from '../batch-worker';
import { figuresPass, reconcilePass } from '../queue-passes';
import { startScheduler, type ScheduledJob } from '../scheduler';

export function withPasses(
  w: BatchWorker,
  passes: { reconcileDue?: () => number[]; figuresDue?: (all: boolean) => Array<{ merchantAppId: number; realtime: boolean }> },
): BatchWorker {
  const jobs: ScheduledJob[] = [];
  const { reconcileDue, figuresDue } = passes;
  // Each second: the scheduler's shortest interval.
  if (reconcileDue) jobs.push({ name: 'versions.reconcile', every: 1000, run: () => reconcilePass(w, { due: reconcileDue }, () => {}) });
  if (figuresDue) jobs.push({ name: 'analytics.figures', every: 1000, run: () => figuresPass(w, () => figuresDue(true)) });
  const scheduler = startScheduler(jobs, { lease: w.lease, log: () => {} });
  return {
    ...w,
    stop: () => {
      scheduler.stop();
      return w.stop();
    },
  };
}
