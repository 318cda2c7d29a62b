// The funnel's stages and the attention groups by name, with the merchants list's query schema: no database code,
// so the list's client components can import it. Their SQL is in ./stages.ts.
import { z } from 'zod';

/** Cumulative: a merchant in a stage has reached it, so it is also counted in every earlier stage. */
export const FUNNEL_STAGES = ['recorded', 'linkSent', 'authorized', 'instantiated', 'inAudit', 'online'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export const ATTENTION_STAGES = ['rejected', 'auditWaiting', 'authLost'] as const;
export type AttentionStage = (typeof ATTENTION_STAGES)[number];

export const MERCHANT_STAGES = [...FUNNEL_STAGES, ...ATTENTION_STAGES] as const;
export type MerchantStage = (typeof MERCHANT_STAGES)[number];

/** Audits waiting longer than this many hours need a person (the drift page's default too). */
export const DEFAULT_WAIT_HOURS = 24;

/** The merchants list's `?stage=&reason=&hours=` (anything malformed is dropped, not an error). */
export const stageQuerySchema = z.object({
  stage: z.enum(MERCHANT_STAGES).optional().catch(undefined),
  reason: z.string().max(500).optional().catch(undefined),
  hours: z.coerce.number().int().min(1).max(24 * 365).optional().catch(undefined),
});
