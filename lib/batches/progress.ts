// A batch's progress as the detail page shows it: counts, throughput and time left. Pure (the page passes `now`).
import type { ItemState } from '@/db/schema';

export interface ProgressItem {
  state: ItemState;
  /** ms since epoch; set when the worker first picked the item up. */
  startedAt: number | null;
  finishedAt: number | null;
}

export interface BatchProgress {
  total: number;
  succeeded: number;
  failed: number;
  skipped: number;
  cancelled: number;
  /** Not finished yet: waiting or running. */
  pending: number;
  /** Finished in any way (succeeded, failed, skipped, cancelled). */
  done: number;
  percent: number;
  successPercent: number;
  /** Items the worker finished per minute of active time (while some item ran); null until one has finished. */
  throughputPerMin: number | null;
  /** Estimated time left while the batch still has pending items; null when unknown or nothing is left. */
  etaMs: number | null;
  /** From the first item's start (or the batch's creation) to its end (or now). */
  elapsedMs: number;
  /** The part of that time in which at least one item was running: idle gaps (before a retry) do not count. */
  activeMs: number;
}

/** Length of the union of the intervals. */
function coveredMs(intervals: [number, number][]): number {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let curStart = -Infinity;
  let curEnd = -Infinity;
  for (const [a, b] of sorted) {
    if (a > curEnd) {
      if (curEnd > curStart) total += curEnd - curStart;
      curStart = a;
      curEnd = b;
    } else if (b > curEnd) curEnd = b;
  }
  if (curEnd > curStart) total += curEnd - curStart;
  return total;
}

/** Below this running time a rate is noise (one item finished 50 ms after the start is not 1,200 items/min). */
const MIN_ELAPSED_MS = 1000;

export function batchProgress(batch: { createdAt: number; finishedAt: number | null }, items: readonly ProgressItem[], now: number): BatchProgress {
  const c = { pending: 0, running: 0, succeeded: 0, failed: 0, skipped: 0, cancelled: 0 } satisfies Record<ItemState, number>;
  let firstStart: number | null = null;
  let lastFinish: number | null = null;
  // Only items the worker ran count for the rate: pre-flight skips and cancellations before a start cost nothing.
  let processed = 0;
  const intervals: [number, number][] = [];
  for (const i of items) {
    c[i.state]++;
    if (i.startedAt !== null) intervals.push([i.startedAt, i.finishedAt ?? now]);
    if (i.startedAt !== null && (firstStart === null || i.startedAt < firstStart)) firstStart = i.startedAt;
    if (i.startedAt !== null && i.finishedAt !== null && i.state !== 'pending' && i.state !== 'running') {
      processed++;
      if (lastFinish === null || i.finishedAt > lastFinish) lastFinish = i.finishedAt;
    }
  }
  const total = items.length;
  const pending = c.pending + c.running;
  const done = total - pending;
  const live = pending > 0;
  const start = firstStart ?? batch.createdAt;
  const end = live ? now : (batch.finishedAt ?? lastFinish ?? now);
  const elapsedMs = Math.max(0, end - start);
  // While items wait their turn the batch is working (the queue, the rate limit); only a finished batch is idle.
  if (live && firstStart !== null) intervals.push([lastFinish ?? firstStart, now]);
  const activeMs = Math.min(elapsedMs, coveredMs(intervals));
  const throughputPerMin = processed > 0 && activeMs >= MIN_ELAPSED_MS ? (processed * 60_000) / activeMs : null;
  const etaMs = live && throughputPerMin ? Math.round((pending / throughputPerMin) * 60_000) : null;
  const pct = (n: number) => (total ? Math.floor((n / total) * 100) : 100);
  return {
    total,
    succeeded: c.succeeded,
    failed: c.failed,
    skipped: c.skipped,
    cancelled: c.cancelled,
    pending,
    done,
    percent: pct(done),
    successPercent: total ? Math.floor((c.succeeded / total) * 100) : 0,
    throughputPerMin,
    etaMs,
    elapsedMs,
    activeMs,
  };
}

/** `1 小时 2 分` / `3 分 5 秒` / `12 秒` style parts, for the translator to join. */
export function durationParts(ms: number): { h: number; m: number; s: number } {
  const total = Math.max(0, Math.round(ms / 1000));
  return { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60), s: total % 60 };
}
