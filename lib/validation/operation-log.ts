import { z } from 'zod';

/** The Operation log page's query string; anything malformed falls back to defaults rather than failing. */
export const operationLogQuerySchema = z.object({
  page: z.coerce.number().int().min(1).catch(1),
  pageSize: z.coerce.number().int().min(10).max(100).catch(20),
  actor: z.string().trim().max(200).optional().catch(undefined),
  action: z.string().trim().max(100).optional().catch(undefined),
  target: z.string().trim().max(100).optional().catch(undefined),
  result: z.enum(['ok', 'error', 'refused']).optional().catch(undefined),
  /** A day range in Beijing time (YYYY-MM-DD, both days included). */
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
});
export type OperationLogQuery = z.infer<typeof operationLogQuerySchema>;
