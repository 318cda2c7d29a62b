// Outgoing notifications and messages (contract §2 "Async notifications", §6): signed, stored, then delivered by
// form POST. Only the plain body `success` counts as delivered; otherwise retried MAX_RETRIES times with a doubling
// delay and then given up. Rows are claimed atomically, so two processes never deliver the same message twice.
import { and, desc, eq, inArray, lt, lte, or } from 'drizzle-orm';
import { currentSettings, type SandboxContext } from './context';
import { messages, type Message } from './db/schema';
import { newNotifyId } from './ids';
import { rsa2Sign, signContent } from './protocol/sign';
import { formatBeijing } from './protocol/time';

export const MAX_RETRIES = 5;
const DELIVERY_TIMEOUT_MS = 10_000;
const CLAIM_MS = 60_000;
const BATCH = 20;

function signParams(ctx: SandboxContext, params: Record<string, string>): Record<string, string> {
  const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== '' && v != null));
  const signed = { ...clean, sign_type: 'RSA2' };
  return { ...signed, sign: rsa2Sign(signContent(signed, ['sign', 'sign_type']), ctx.identity.alipayPrivateKeyPem) };
}

function insert(ctx: SandboxContext, name: string, authAppId: string | null, notifyId: string, params: Record<string, string>): void {
  const settings = currentSettings(ctx);
  const now = ctx.now();
  ctx.db
    .insert(messages)
    .values({
      notifyId,
      name,
      authAppId,
      payload: JSON.stringify(signParams(ctx, params)),
      targetUrl: settings.notifyUrl,
      status: settings.messageDelivery === 'on' ? 'pending' : 'dropped',
      nextAt: now,
      createdAt: now,
    })
    .run();
  ctx.wake();
}

/** A message (§6): alipay.open.mini.version.audit.passed, …audit.rejected, alipay.open.auth.appauth.cancelled. */
export function enqueueMessage(ctx: SandboxContext, msgMethod: string, authAppId: string | null, bizContent: Record<string, unknown>): void {
  const notifyId = newNotifyId();
  insert(ctx, msgMethod, authAppId, notifyId, {
    msg_method: msgMethod,
    app_id: ctx.identity.appId,
    utc_timestamp: String(ctx.now()),
    version: '1.1',
    charset: 'utf-8',
    notify_id: notifyId,
    biz_content: JSON.stringify(bizContent),
  });
}

/** A notification in the older notify_type form (open_app_auth_notify, §3). */
export function enqueueNotify(ctx: SandboxContext, notifyType: string, authAppId: string, fields: Record<string, string>, bizContent: Record<string, unknown>): void {
  const notifyId = newNotifyId();
  insert(ctx, notifyType, authAppId, notifyId, {
    notify_type: notifyType,
    notify_id: notifyId,
    notify_time: formatBeijing(ctx.now()),
    app_id: ctx.identity.appId,
    auth_app_id: authAppId,
    charset: 'utf-8',
    version: '1.0',
    ...fields,
    biz_content: JSON.stringify(bizContent),
  });
}

export function retryDelayMs(baseMs: number, attempts: number): number {
  return baseMs * 2 ** Math.max(0, attempts - 1);
}

function claimDue(ctx: SandboxContext, now: number): Message[] {
  return ctx.sqlite
    .transaction(() => {
      const due = ctx.db
        .select()
        .from(messages)
        .where(
          or(
            and(inArray(messages.status, ['pending', 'retrying']), lte(messages.nextAt, now)),
            // A process that died mid-delivery leaves its claim behind; it expires.
            and(eq(messages.status, 'sending'), lt(messages.lockedUntil, now)),
          ),
        )
        .orderBy(messages.nextAt)
        .limit(BATCH)
        .all();
      for (const m of due) ctx.db.update(messages).set({ status: 'sending', lockedUntil: now + CLAIM_MS }).where(eq(messages.id, m.id)).run();
      return due;
    })
    .immediate();
}

async function post(url: string, payload: string, fetchImpl: typeof fetch): Promise<string | null> {
  const params = JSON.parse(payload) as Record<string, string>;
  try {
    const res = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    const body = await res.text();
    return body === 'success' ? null : `HTTP ${res.status}: ${body.slice(0, 200) || '(empty body)'}`;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Delivers every due message once; returns how many were delivered. */
export async function deliverDueMessages(ctx: SandboxContext, fetchImpl: typeof fetch = fetch): Promise<number> {
  const due = claimDue(ctx, ctx.now());
  const { messageRetryBaseMs } = currentSettings(ctx);
  let delivered = 0;
  await Promise.all(
    due.map(async (m) => {
      const error = await post(m.targetUrl, m.payload, fetchImpl);
      const attempts = m.attempts + 1;
      const now = ctx.now();
      if (!error) {
        delivered++;
        ctx.db.update(messages).set({ status: 'delivered', attempts, deliveredAt: now, lockedUntil: null, lastError: null }).where(eq(messages.id, m.id)).run();
        return;
      }
      const givenUp = attempts > MAX_RETRIES;
      ctx.db
        .update(messages)
        .set({
          status: givenUp ? 'given_up' : 'retrying',
          attempts,
          lastError: error,
          lockedUntil: null,
          nextAt: givenUp ? now : now + retryDelayMs(messageRetryBaseMs, attempts),
        })
        .where(eq(messages.id, m.id))
        .run();
    }),
  );
  return delivered;
}

/** Puts a given-up, dropped or retrying message back in line for an immediate delivery. */
export function redeliverMessage(ctx: SandboxContext, id: number): boolean {
  const now = ctx.now();
  const r = ctx.db
    .update(messages)
    .set({ status: 'pending', nextAt: now, lockedUntil: null, targetUrl: currentSettings(ctx).notifyUrl })
    .where(and(eq(messages.id, id), inArray(messages.status, ['given_up', 'dropped', 'retrying'])))
    .run();
  if (r.changes) ctx.wake();
  return r.changes > 0;
}

export function listMessages(ctx: SandboxContext, limit = 100) {
  return ctx.db
    .select()
    .from(messages)
    .orderBy(desc(messages.id))
    .limit(limit)
    .all()
    .map((m) => ({
      id: m.id,
      notifyId: m.notifyId,
      name: m.name,
      authAppId: m.authAppId,
      params: JSON.parse(m.payload) as Record<string, string>,
      targetUrl: m.targetUrl,
      status: m.status,
      attempts: m.attempts,
      nextAt: m.nextAt,
      lastError: m.lastError,
      createdAt: m.createdAt,
      deliveredAt: m.deliveredAt,
    }));
}
