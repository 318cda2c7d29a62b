// Batch worker settings from the environment, parsed once; a bad value stops the start naming the variable.
import { z } from 'zod';

const positiveInt = (name: string, fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a positive integer, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const schema = z.object({
  BATCH_CONCURRENCY: positiveInt('BATCH_CONCURRENCY', 8),
  BATCH_RPS: positiveInt('BATCH_RPS', 20),
  BATCH_BUILD_POLL_MS: positiveInt('BATCH_BUILD_POLL_MS', 1000),
  RECONCILE_INTERVAL_MS: positiveInt('RECONCILE_INTERVAL_MS', 30_000),
});

export interface BatchSettings {
  concurrency: number;
  rps: number;
  buildPollMs: number;
  /** How often the worker reads the platform for mini-programs whose versions are in motion. */
  reconcileIntervalMs: number;
}

export function parseBatchSettings(env: Record<string, string | undefined>): BatchSettings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  const d = parsed.data;
  return { concurrency: d.BATCH_CONCURRENCY, rps: d.BATCH_RPS, buildPollMs: d.BATCH_BUILD_POLL_MS, reconcileIntervalMs: d.RECONCILE_INTERVAL_MS };
}
