import { z } from 'zod';

/** The inbox's query string; anything malformed falls back to defaults rather than failing. */
export const inboxQuerySchema = z.object({
  page: z.coerce.number().int().min(1).catch(1),
  pageSize: z.coerce.number().int().min(10).max(100).catch(20),
  type: z
    .string()
    .trim()
    .regex(/^[\w.]{1,60}$/)
    .optional()
    .catch(undefined),
  merchant: z.coerce.number().int().positive().optional().catch(undefined),
  unread: z
    .enum(['1', '0'])
    .optional()
    .catch(undefined)
    .transform((v) => v === '1'),
});
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

export const markReadSchema = z.object({ ids: z.array(z.coerce.number().int().positive()).min(1).max(200) });
export const markAllReadSchema = z.object({
  type: z
    .string()
    .trim()
    .regex(/^[\w.]{1,60}$/)
    .optional(),
  merchantId: z.coerce.number().int().positive().optional(),
});
