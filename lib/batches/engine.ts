// Runs one batch item as far as it can go now: step after step until it finishes, fails, or has to wait (a build
// in progress, a transient failure's backoff). Every transition is written to the item before the next call, so
// the function can be called again at any time — after a crash, twice by mistake — and carries on from the row.
import { LRUCache } from 'lru-cache';
import type { Db } from '@/db';
import type { Batch, BatchItem, BatchStep } from '@/db/schema';
import type { AlipayClient } from '@/lib/alipay/client';
import { alipayErrorText, AlipayError, AlipayTransportError, isTransient } from '@/lib/alipay/errors';
import { storeParams } from '@/lib/messages/text';
import { findMerchantApp } from '@/lib/authorization/data';
import { findMerchant } from '@/lib/merchants/data';
import type { VersionDeps } from '@/lib/versions/deps';
import type { OperationSource } from '@/lib/versions/service';
import { findBatch, findItem, refreshBatch, updateItem } from './data';
import { parseParams } from './operations';
import type { RateLimiter } from './rate-limit';
import { DEFAULT_RETRY_POLICY, retryDecision, type RetryPolicy } from './retry';
import { STEP_HANDLERS, itemMessage, type ItemText, type StepContext, type StepResult } from './steps';
import { TokenUnavailableError, type TokenSource } from './token-source';

export interface EngineDeps {
  db: Db;
  client: AlipayClient;
  tokens: TokenSource;
  limiter: RateLimiter;
  retry?: RetryPolicy;
  buildPollMs?: number;
  maxBuildPolls?: number;
  /** How often a release wave's merchant in audit looks at its record again. */
  auditPollMs?: number;
  /** Called once, by whichever item finished the batch last. */
  onBatchClosed?(batch: Batch): void;
  now?: () => Date;
}

/** Every call the version lifecycle makes for a batch waits for the batch's rate limit first. */
export function throttled(client: AlipayClient, limiter: RateLimiter): AlipayClient {
  return {
    appId: client.appId,
    async call(method, schema, request) {
      await limiter.acquire();
      return client.call(method, schema, request);
    },
  };
}

const throttledClients = new WeakMap<AlipayClient, { limiter: RateLimiter; client: AlipayClient }>();
function throttledOnce(client: AlipayClient, limiter: RateLimiter): AlipayClient {
  const cached = throttledClients.get(client);
  if (cached && cached.limiter === limiter) return cached.client;
  const made = throttled(client, limiter);
  throttledClients.set(client, { limiter, client: made });
  return made;
}

/** What a cancelled item had already done on the platform, so nobody thinks nothing happened. */
function cancelledMessage(item: BatchItem, nextStep: BatchStep): ItemText {
  const reached = item.appVersion && (item.attempts > 0 || nextStep !== 'upload') ? item.appVersion : null;
  return reached ? itemMessage('batches.engine.cancelledAfter', { step: nextStep, version: reached }) : itemMessage('batches.engine.cancelledBefore', { step: nextStep });
}

export type ItemOutcome = { kind: 'done' } | { kind: 'wait'; delayMs: number };

const TERMINAL = new Set<BatchItem['state']>(['succeeded', 'failed', 'skipped', 'cancelled']);

function errorSubCode(e: unknown): string {
  if (e instanceof AlipayError) return e.subCode ?? e.code;
  if (e instanceof AlipayTransportError) return `TRANSPORT_${e.kind.toUpperCase().replace('-', '_')}`;
  return 'INTERNAL_ERROR';
}

/** A platform failure as an item's message: a catalogue key, so each reader sees it in their language. */
function platformItemText(e: unknown): { message: string; messageParams: string | null } {
  const { key, params } = alipayErrorText(e);
  return { message: key, messageParams: storeParams(params) };
}

function finish(deps: EngineDeps, item: BatchItem, patch: Partial<BatchItem>): ItemOutcome {
  updateItem(deps.db, item.id, { ...patch, finishedAt: new Date() });
  const closed = refreshBatch(deps.db, item.batchId);
  if (closed) deps.onBatchClosed?.(closed);
  return { kind: 'done' };
}

/** Marks an item failed for a reason outside the platform (e.g. a bug that exhausted the queue's retries). */
export function failItem(deps: Pick<EngineDeps, 'db' | 'onBatchClosed'>, itemId: number, subCode: string, message: string): void {
  const item = findItem(deps.db, itemId);
  if (!item || TERMINAL.has(item.state)) return;
  finish(deps as EngineDeps, item, { state: 'failed', subCode, message, callOutstanding: false });
}

// A batch's parameters never change once it is created; every run of every item would parse the same JSON again
// (an audit form carries megabytes of screenshots), so the last few parsed ones are kept, keyed by their text.
const parsedParams = new LRUCache<string, ReturnType<typeof parseParams>>({ max: 20 });

function paramsOf(batch: Batch): ReturnType<typeof parseParams> {
  const key = `${batch.operation}\n${batch.params}`;
  let parsed = parsedParams.get(key);
  if (!parsed) {
    parsed = parseParams(batch.operation, JSON.parse(batch.params));
    parsedParams.set(key, parsed);
  }
  return parsed;
}

/**
 * A paused batch (a release plan held by staff or a gate): the item leaves the queue where it stands; resuming the
 * batch schedules it again (the worker picks up items not enqueued).
 */
function parked(deps: EngineDeps, item: BatchItem): ItemOutcome {
  updateItem(deps.db, item.id, { enqueuedAt: null });
  return { kind: 'done' };
}

export async function processItem(deps: EngineDeps, itemId: number): Promise<ItemOutcome> {
  let item = findItem(deps.db, itemId);
  if (!item || TERMINAL.has(item.state)) return { kind: 'done' };
  const batch = findBatch(deps.db, item.batchId);
  if (!batch) return { kind: 'done' };
  if (batch.status === 'cancelled') return finish(deps, item, { state: 'cancelled', ...cancelledMessage(item, item.step) });
  if (batch.status === 'paused') return parked(deps, item);

  const parsed = paramsOf(batch);
  if (!parsed.ok) return finish(deps, item, { state: 'failed', subCode: 'INVALID_PARAMS', message: parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ') });

  let app;
  try {
    app = await deps.tokens.open(item);
  } catch (e) {
    if (e instanceof TokenUnavailableError) return finish(deps, item, { state: 'failed', subCode: 'AUTHORIZATION_UNAVAILABLE', message: e.reason });
    throw e;
  }

  if (item.state === 'pending') item = updateItem(deps.db, item.id, { state: 'running', startedAt: item.startedAt ?? new Date() });
  const steps = JSON.parse(item.steps) as BatchStep[];
  const retry = deps.retry ?? DEFAULT_RETRY_POLICY;
  const opened = app;
  const versions: VersionDeps = {
    db: deps.db,
    client: throttledOnce(deps.client, deps.limiter),
    operable: (merchantAppId) => {
      const row = findMerchantApp(deps.db, merchantAppId);
      if (!row || merchantAppId !== item!.merchantAppId) throw new Error(`mini-program #${merchantAppId} is not this item's`);
      return { app: row, merchant: findMerchant(deps.db, row.merchantId)!, appAuthToken: opened.appAuthToken };
    },
    now: deps.now ?? (() => new Date()),
  };
  const source: OperationSource = { kind: 'batch', batchId: batch.id };

  const ctx: StepContext = {
    db: deps.db,
    client: deps.client,
    limiter: deps.limiter,
    app,
    versions,
    actor: { id: batch.createdById, email: batch.createdByEmail },
    source,
    params: parsed.value,
    item,
    save(patch) {
      ctx.item = updateItem(deps.db, ctx.item.id, patch);
    },
    buildPollMs: deps.buildPollMs ?? 1000,
    maxBuildPolls: deps.maxBuildPolls ?? 300,
    auditPollMs: deps.auditPollMs,
  };

  for (;;) {
    const step = ctx.item.step;
    let result: StepResult;
    const triesBefore = ctx.item.stepAttempts;
    try {
      result = await STEP_HANDLERS[step](ctx);
    } catch (e) {
      if (!(e instanceof AlipayError || e instanceof AlipayTransportError)) throw e;
      // A build is polled, not sent: its transient failures only delay the next poll.
      // A failed read (before anything was sent) is a try of the step too, so a platform that stays down ends it.
      if (ctx.item.stepAttempts === triesBefore && step !== 'build') ctx.save({ stepAttempts: ctx.item.stepAttempts + 1 });
      const decision = step === 'build' && isTransient(e) ? retryDecision(e, 1, retry) : retryDecision(e, ctx.item.stepAttempts, retry);
      if (decision.retry) {
        ctx.save({ subCode: errorSubCode(e), ...platformItemText(e) });
        return { kind: 'wait', delayMs: decision.delayMs };
      }
      // A refusal means the platform did nothing; a transient failure out of attempts leaves the outcome unknown.
      return finish(deps, ctx.item, { state: 'failed', subCode: errorSubCode(e), ...platformItemText(e), callOutstanding: isTransient(e) });
    }
    if (result.kind === 'wait') return result;
    if (result.kind === 'fail') return finish(deps, ctx.item, { state: 'failed', subCode: result.subCode, message: result.message, messageParams: result.messageParams, callOutstanding: false });

    const next = steps[steps.indexOf(step) + 1];
    const done = { callOutstanding: false, stepAttempts: 0, result: result.result === undefined ? null : JSON.stringify(result.result), subCode: null, message: null };
    if (!next) return finish(deps, ctx.item, { ...done, state: 'succeeded' });
    ctx.save({ ...done, step: next });
    // Taken out meanwhile (a release plan skipped this merchant): its own row says so, nothing more is sent.
    if (ctx.item.state === 'cancelled') return { kind: 'done' };
    const status = findBatch(deps.db, item.batchId)?.status;
    if (status === 'cancelled') return finish(deps, ctx.item, { state: 'cancelled', ...cancelledMessage(ctx.item, next) });
    if (status === 'paused') return parked(deps, ctx.item);
  }
}
