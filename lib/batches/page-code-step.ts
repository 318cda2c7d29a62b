// The page-code batch's one step: the same page code generated for each merchant through the Codes tab's service,
// recorded in each mini-program's code history under the batch. Generating again is harmless, so an outstanding
// call is simply repeated; the history keeps one row per (batch, mini-program).
import { generateOnPlatform, NothingOnlineError } from '@/lib/codes/service';
import { findBatchPageCode } from '@/lib/codes/data';
import { findBatch } from './data';
import type { StepContext, StepResult } from './steps';

export async function pageCodeStep(ctx: StepContext): Promise<StepResult> {
  if (ctx.params.operation !== 'pageCode') throw new Error('pageCode outside its batch');
  const fields = ctx.params.params;
  const { merchantAppId, batchId } = ctx.item;
  const recorded = merchantAppId !== null && findBatchPageCode(ctx.db, batchId, merchantAppId);
  if (recorded) return { kind: 'advance', result: { recovered: true, pageCodeId: recorded.id } };
  const batch = findBatch(ctx.db, batchId);
  ctx.save({ callOutstanding: true, attempts: ctx.item.attempts + 1, request: JSON.stringify({ method: 'qrcode.create', ...fields }) });
  await ctx.limiter.acquire();
  try {
    const result = await generateOnPlatform({
      db: ctx.db,
      client: ctx.client,
      scope: { appAuthToken: ctx.app.appAuthToken },
      merchantAppId,
      fields,
      actor: { id: batch?.createdById ?? null, email: batch?.createdByEmail ?? `batch #${batchId}` },
      batchId,
    });
    return { kind: 'advance', result: { pageCodeId: result.id, onlineVersion: result.onlineVersion, qrCodeUrl: result.qrCodeUrl } };
  } catch (e) {
    if (e instanceof NothingOnlineError) return { kind: 'fail', subCode: 'NO_ONLINE_VERSION', message: '小程序还没有线上版本，小程序码打开的是线上版本', messageParams: null };
    throw e;
  }
}
