// The figure job's schedule from the environment; a bad value stops the start naming the variable.
import { z } from 'zod';

const schema = z.object({
  ANALYTICS_INTERVAL_MS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return 3_600_000;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1000) {
        ctx.addIssue({ code: 'custom', message: `ANALYTICS_INTERVAL_MS must be an integer of at least 1000, got "${v}"` });
        return z.NEVER;
      }
      return n;
    }),
});

export interface AnalyticsSettings {
  /** How often the worker looks for mini-programs missing daily figures (default hourly: figures are daily). */
  intervalMs: number;
}

export function parseAnalyticsSettings(env: Record<string, string | undefined>): AnalyticsSettings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  return { intervalMs: parsed.data.ANALYTICS_INTERVAL_MS };
}
