// Receiving Alipay's asynchronous notifications (`notify_type`, e.g. open_app_auth_notify) and messages
// (`msg_method`, v1.1): verify, refuse replays, store once, then hand to the handler registered for the kind.
import 'server-only';
import crypto from 'node:crypto';
import { BodyTooLarge, readBytesCapped } from '@/lib/http/body';
import { AlipaySdk } from 'alipay-sdk';
import { getDb, type Db } from '@/db';
import { markNotificationFailed, markNotificationProcessed, storeNotification } from './data';
import { getAlipaySettings, type AlipaySettings } from './settings';

export const NOTIFICATION_KINDS = {
  authorized: 'open_app_auth_notify',
  authorizationCancelled: 'alipay.open.auth.appauth.cancelled',
  auditPassed: 'alipay.open.mini.version.audit.passed',
  auditRejected: 'alipay.open.mini.version.audit.rejected',
} as const;

export type NotificationParams = Record<string, string>;

export interface VerifiedNotification {
  /** The stored row's id. */
  id: number;
  kind: string;
  notifyId: string;
  authAppId: string | null;
  /** Every parameter as received and verified, tokens included: keep it in memory only. */
  params: NotificationParams;
  /** biz_content parsed, when it is a JSON object. */
  bizContent: Record<string, unknown> | null;
}

export type NotificationHandler = (notification: VerifiedNotification, context: { db: Db }) => Promise<void> | void;

export type RefusalReason = 'unsigned' | 'invalid-sign' | 'unsupported-sign-type' | 'wrong-app' | 'no-kind' | 'no-notify-id';

/**
 * `ok` is answered `success`. A duplicate (a notify_id already stored) is `ok` too, without being processed again:
 * the platform redelivers until it hears `success` (contract §2), so `fail` would only make it keep trying.
 */
export type NotificationOutcome =
  | { ok: true; notification: VerifiedNotification; duplicate?: false }
  | { ok: true; duplicate: true; notifyId: string }
  | { ok: false; reason: RefusalReason };

export interface NotificationContext {
  db: Db;
  /** The ISV app id the notification must be addressed to. */
  appId: string;
  verifySignature: (params: NotificationParams) => boolean;
}

// On globalThis: the server's bootstrap and its route handlers are separate bundles sharing one process.
const g = globalThis as unknown as { __alipayNotificationHandlers?: Map<string, NotificationHandler> };
const handlers = (g.__alipayNotificationHandlers ??= new Map<string, NotificationHandler>());

/** Sets the function that processes verified notifications of one kind (the last registration wins). */
export function registerNotificationHandler(kind: string, handler: NotificationHandler): void {
  handlers.set(kind, handler);
}

export function unregisterNotificationHandler(kind: string): void {
  handlers.delete(kind);
}

/** Verifies with alipay-sdk's checkNotifySign over raw (already form-decoded) values, as the platform signs them. */
export function createNotificationVerifier(settings: Pick<AlipaySettings, 'appId' | 'privateKey' | 'alipayPublicKey'>) {
  const sdk = new AlipaySdk({
    appId: settings.appId,
    privateKey: settings.privateKey,
    alipayPublicKey: settings.alipayPublicKey,
    signType: 'RSA2',
    keyType: 'PKCS8',
  });
  return (params: NotificationParams): boolean => sdk.checkNotifySignV2(params);
}

let defaultContext: NotificationContext | undefined;

export function getNotificationContext(): NotificationContext {
  if (!defaultContext) {
    const settings = getAlipaySettings();
    defaultContext = { db: getDb(), appId: settings.appId, verifySignature: createNotificationVerifier(settings) };
  }
  return defaultContext;
}

// The authorization code is single-use, but once exchanged it is still a credential name: keep only its fingerprint.
const SECRET_KEYS = new Set(['app_auth_token', 'app_refresh_token', 'app_auth_code', 'auth_code']);

/** Tokens are replaced by a fingerprint in what is stored, so the table (and pages showing it) never hold them. */
export function tokenFingerprint(token: string): string {
  return `sha256:${crypto.createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
}

function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.has(k) && typeof v === 'string' ? tokenFingerprint(v) : redactSecrets(v)]),
    );
  }
  return value;
}

function parseBizContent(raw: string | undefined): Record<string, unknown> | null {
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function authAppIdOf(params: NotificationParams, biz: Record<string, unknown> | null): string | null {
  const detail = biz?.detail as Record<string, unknown> | undefined;
  const candidates = [biz?.auth_app_id, biz?.mini_app_id, detail?.auth_app_id, params.auth_app_id];
  const found = candidates.find((c) => typeof c === 'string' && c.length > 0);
  return (found as string | undefined) ?? null;
}

/** What is stored: every parameter but the signature, biz_content as an object, tokens fingerprinted. */
function storedPayload(params: NotificationParams, biz: Record<string, unknown> | null): string {
  const rest: Record<string, unknown> = { ...params };
  delete rest.sign;
  if (biz) rest.biz_content = biz;
  return JSON.stringify(redactSecrets(rest));
}

// Only the kind and notify_id are ever logged, trimmed: the rest may hold tokens or attacker-chosen text.
function forLog(value: string | undefined): string {
  return (value ?? '-').replace(/[^\w.:-]/g, '?').slice(0, 80);
}

function refuse(reason: RefusalReason, params: NotificationParams): NotificationOutcome {
  console.warn(`[alipay] notification refused (${reason}): ${forLog(params.notify_type ?? params.msg_method)} ${forLog(params.notify_id)}`);
  return { ok: false, reason };
}

/**
 * Verifies and stores one notification. `ok` means it is stored and the platform may be told `success`; a
 * refusal writes nothing. A failing handler does not undo the row: the error is kept on it for a later retry,
 * since a redelivery would be refused as a replay.
 */
export async function receiveNotification(params: NotificationParams, context: NotificationContext): Promise<NotificationOutcome> {
  if (!params.sign) return refuse('unsigned', params);
  if (params.sign_type && params.sign_type !== 'RSA2') return refuse('unsupported-sign-type', params);
  if (!context.verifySignature(params)) return refuse('invalid-sign', params);
  if (params.app_id !== context.appId) return refuse('wrong-app', params);
  const kind = params.notify_type || params.msg_method;
  if (!kind) return refuse('no-kind', params);
  const notifyId = params.notify_id;
  if (!notifyId) return refuse('no-notify-id', params);

  const bizContent = parseBizContent(params.biz_content);
  const authAppId = authAppIdOf(params, bizContent);
  const row = storeNotification(context.db, { notifyId, kind, authAppId, payload: storedPayload(params, bizContent) });
  if (!row) {
    console.info(`[alipay] notification already received: ${forLog(kind)} ${forLog(notifyId)}`);
    return { ok: true, duplicate: true, notifyId };
  }

  const notification: VerifiedNotification = { id: row.id, kind, notifyId, authAppId, params, bizContent };
  console.info(`[alipay] notification stored: ${forLog(kind)} ${forLog(notifyId)}`);
  await dispatch(notification, context.db);
  return { ok: true, notification };
}

async function dispatch(notification: VerifiedNotification, db: Db): Promise<void> {
  const handler = handlers.get(notification.kind);
  if (!handler) return;
  try {
    await handler(notification, { db });
    markNotificationProcessed(db, notification.id, new Date());
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.error(`[alipay] notification handler failed: ${forLog(notification.kind)} ${forLog(notification.notifyId)}`);
    markNotificationFailed(db, notification.id, message);
  }
}

/** A form notification is a few kB; anything past this is refused unread (the proxy checks the declared length). */
export const NOTIFICATION_MAX_BYTES = 64 * 1024;

/** Reads the form body of a notification POST; null when it is not a form, too large, or repeats a parameter. */
export async function readNotificationParams(request: Request): Promise<NotificationParams | null> {
  const contentType = request.headers.get('content-type') ?? '';
  let entries: Array<[string, FormDataEntryValue]>;
  let body: Uint8Array;
  try {
    body = await readBytesCapped(request, NOTIFICATION_MAX_BYTES);
  } catch (e) {
    if (e instanceof BodyTooLarge) return null;
    throw e;
  }
  if (contentType.includes('application/x-www-form-urlencoded')) {
    entries = [...new URLSearchParams(new TextDecoder().decode(body)).entries()];
  } else if (contentType.includes('multipart/form-data')) {
    try {
      entries = [...(await new Response(body as BodyInit, { headers: { 'content-type': contentType } }).formData()).entries()];
    } catch {
      return null;
    }
  } else {
    return null;
  }
  const params: NotificationParams = {};
  for (const [key, value] of entries) {
    if (typeof value !== 'string' || Object.hasOwn(params, key)) return null;
    params[key] = value;
  }
  return params;
}
