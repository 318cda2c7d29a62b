// The sandbox's clock work: due audit decisions, info reviews and message deliveries. All state is in SQLite, so a
// restarted process simply picks up where the last one stopped.
import type { SandboxContext } from './context';
import { pruneRequestLog } from './gateway';
import { deliverDueMessages } from './outbox';
import { applyDueInfoReviews, runDueReviews } from './review';

const PRUNE_EVERY_MS = 60_000;

export function createTicker(ctx: SandboxContext, opts: { intervalMs: number; fetch: typeof fetch }) {
  let timer: NodeJS.Timeout | null = null;
  let delivering: Promise<number> | null = null;
  let lastPrune = 0;

  /** One delivery round at a time per process; a second caller shares the round in flight. */
  function deliver(): Promise<number> {
    delivering ??= deliverDueMessages(ctx, opts.fetch).finally(() => {
      delivering = null;
    });
    return delivering;
  }

  function tick(): void {
    try {
      runDueReviews(ctx);
      applyDueInfoReviews(ctx);
      if (ctx.now() - lastPrune > PRUNE_EVERY_MS) {
        lastPrune = ctx.now();
        pruneRequestLog(ctx);
      }
    } catch (e) {
      console.error('[sandbox] tick failed', e);
    }
    void deliver().catch((e) => console.error('[sandbox] delivery failed', e));
  }

  return {
    deliver,
    start(): void {
      if (timer) return;
      timer = setInterval(tick, opts.intervalMs);
      timer.unref();
      tick();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },
    /** Runs a tick soon when started (after the current write transaction has committed). */
    wake(): void {
      if (timer) setTimeout(tick, 0).unref();
    },
  };
}
