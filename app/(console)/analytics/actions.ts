'use server';
import { z } from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { ActionError, type ActionResult } from '@/lib/actions/result';
import { requestRefresh } from '@/lib/analytics/data';
import { findMerchantApp } from '@/lib/authorization/data';

const refreshSchema = z.object({ merchantAppId: z.coerce.number().int().positive() });

// Reading figures is a viewer's right, so asking for fresh ones is too: the worker fetches them under its rate limit.
const refresh = defineAction({
  name: 'analytics.refresh',
  role: 'viewer',
  schema: refreshSchema,
  target: (i) => ({ type: 'merchantApp', id: i.merchantAppId }),
  run: async ({ merchantAppId }, { db }) => {
    if (!findMerchantApp(db, merchantAppId)) throw new ActionError('analytics.errors.notFound');
    requestRefresh(db, merchantAppId, new Date());
    return null;
  },
});

export async function refreshFigures(raw: z.input<typeof refreshSchema>): Promise<ActionResult<null>> {
  return refresh(raw);
}
