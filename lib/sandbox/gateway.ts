// The OpenAPI v2 gateway (contract §2): reads the parameters, checks the common ones and the RSA2 signature, applies
// faults, resolves the merchant token, runs the method in one write transaction and answers with a signed response.
import 'server-only';
import { desc, lt } from 'drizzle-orm';
import { resolveMerchantToken } from './authorization';
import { inWriteTransaction, type SandboxContext } from './context';
import { requestLog } from './db/schema';
import { businessError, GatewayError, invalidArgument, missingArgument, systemError } from './errors';
import { loadFaults } from './fault-store';
import { oddAnswer } from './rules/odd-answers';
import { newTraceId } from './ids';
import { findMethod } from './methods/registry';
import type { MethodCall } from './methods/types';
import { rsa2Sign, rsa2Verify, signContent } from './protocol/sign';
import { parseBeijing } from './protocol/time';
import { applyDueInfoReviews, runDueReviews } from './review';
import { DEFAULT_FAULT_SUB_CODE, faultDelayMs, faultErrorCode, pickInjectedError, rulesFor, type FaultRule } from './rules/faults';
import { BUNDLE_IDS, DEFAULT_BUNDLE_ID } from './version-store';

export const TIMESTAMP_WINDOW_MS = 15 * 60_000;
/** A hanging request is let go after this long, in case the client never gives up. */
export const HANG_CAP_MS = 10 * 60_000;
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Common parameters (alipay-sdk puts these in the URL); everything else except biz_content is a business field. */
const COMMON_PARAMS = new Set([
  'app_id',
  'method',
  'format',
  'charset',
  'sign_type',
  'sign',
  'timestamp',
  'version',
  'notify_url',
  'return_url',
  'auth_token',
  'app_auth_token',
  'app_cert_sn',
  'alipay_root_cert_sn',
  'ws_service_url',
  'biz_content',
  'encrypt_type',
]);

interface ParsedRequest {
  params: Record<string, string>;
  files: Record<string, Buffer>;
}

/** What the request log records about a call, filled in as the call is understood. */
interface CallState {
  method?: string;
  appId?: string;
  authAppId?: string;
}

interface Outcome {
  /** `<method>_response`, or `error_response` when no method can be tied to the request. */
  key: string;
  body: Record<string, unknown>;
}

async function readRequest(req: Request): Promise<ParsedRequest> {
  const params: Record<string, string> = {};
  const files: Record<string, Buffer> = {};
  for (const [k, v] of new URL(req.url).searchParams) params[k] = v;
  if (req.method !== 'POST') return { params, files };
  if (Number(req.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) throw invalidArgument('isv.invalid-parameter', '请求体过大');
  const type = (req.headers.get('content-type') ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await req.formData();
    } catch {
      throw invalidArgument('isv.invalid-parameter', 'multipart 请求体格式错误');
    }
    for (const [k, v] of form) {
      if (typeof v === 'string') params[k] = v;
      else files[k] = Buffer.from(await v.arrayBuffer());
    }
  } else {
    for (const [k, v] of new URLSearchParams(await req.text())) params[k] = v;
  }
  return { params, files };
}

function withinWindow(timestamp: string, now: number): boolean {
  // Always Beijing time (§2), whatever this process's zone: a client sending its server's UTC time is refused.
  const t = parseBeijing(timestamp);
  return t !== null && Math.abs(now - t) <= TIMESTAMP_WINDOW_MS;
}

function checkCommon(ctx: SandboxContext, p: Record<string, string>): void {
  if (!p.app_id) throw missingArgument('isv.missing-app-id', '缺少 app_id 参数');
  if (!p.sign) throw missingArgument('isv.missing-signature', '缺少签名参数 sign');
  if (!p.sign_type) throw missingArgument('isv.missing-signature-type', '缺少签名类型参数 sign_type');
  if (!p.timestamp) throw missingArgument('isv.missing-timestamp', '缺少时间戳参数 timestamp');
  if (!p.version) throw missingArgument('isv.missing-version', '缺少版本参数 version');
  if (p.sign_type !== 'RSA2') throw invalidArgument('isv.invalid-signature-type', `不支持的签名类型 ${p.sign_type}，请使用 RSA2`);
  if (p.charset && p.charset.toLowerCase() !== 'utf-8') throw invalidArgument('isv.invalid-charset', `不支持的字符集 ${p.charset}，请使用 utf-8`);
  if (p.format && p.format.toUpperCase() !== 'JSON') throw invalidArgument('isv.invalid-format', `不支持的格式 ${p.format}，请使用 JSON`);
  if (p.version !== '1.0') throw invalidArgument('isv.invalid-version', `不支持的接口版本 ${p.version}，请使用 1.0`);
  if (!withinWindow(p.timestamp, ctx.now())) {
    throw invalidArgument('isv.invalid-timestamp', `时间戳 ${p.timestamp} 不合法或与网关时间相差超过 15 分钟（格式 yyyy-MM-dd HH:mm:ss，北京时间）`);
  }
  if (p.app_id !== ctx.identity.appId) throw invalidArgument('isv.invalid-app-id', `无效的 AppID 参数 ${p.app_id}`);
}

function checkSignature(ctx: SandboxContext, p: Record<string, string>): void {
  const content = signContent(p, ['sign']);
  if (!rsa2Verify(content, p.sign, ctx.identity.isvPublicKeyPem)) {
    throw invalidArgument('isv.invalid-signature', `验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：${content}`);
  }
}

function decodeBizContent(p: Record<string, string>): Record<string, unknown> {
  if (!p.biz_content) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(p.biz_content);
  } catch {
    throw invalidArgument('isv.invalid-parameter', 'biz_content 不是合法的 JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalidArgument('isv.invalid-parameter', 'biz_content 必须是 JSON 对象');
  return parsed as Record<string, unknown>;
}

function businessFields(p: Record<string, string>, biz: Record<string, unknown>) {
  const raw: Record<string, unknown> = { ...biz };
  for (const [k, v] of Object.entries(p)) if (!COMMON_PARAMS.has(k)) raw[k] = v;
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === null || v === undefined) continue;
    fields[k] = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return { raw, fields };
}

/** Resolves on the first of: the delay passing, or the client going away. */
function sleep(ms: number, signal: AbortSignal | null): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

async function delayAndHang(rules: FaultRule[], signal: AbortSignal | null): Promise<void> {
  const delay = faultDelayMs(rules);
  if (delay > 0) await sleep(delay, signal);
  if (rules.some((r) => r.hang)) {
    await sleep(HANG_CAP_MS, signal);
    throw systemError('isp.unknow-error', '（故障注入）请求被挂起，直到客户端超时断开');
  }
}

function checkRateAndErrors(ctx: SandboxContext, rules: FaultRule[]): void {
  const now = ctx.now();
  for (const r of rules) {
    if (r.rps && ctx.rpsWindow.overLimit(r.method, r.rps, now)) {
      throw businessError('SYSTEM_LIMIT', `调用频率超过限制（沙箱限流：${r.method === '*' ? '全部接口' : r.method} 每秒 ${r.rps} 次）`);
    }
  }
  const injected = pickInjectedError(rules);
  if (injected) {
    const subCode = injected.errorSubCode ?? DEFAULT_FAULT_SUB_CODE;
    throw new GatewayError(faultErrorCode(subCode).code, subCode, injected.errorSubMsg ?? '（故障注入）模拟的平台错误');
  }
}

function isWellFormedMethod(method: string): boolean {
  return /^[a-z][a-z0-9]*(\.[a-z0-9]+)+$/i.test(method) && method.length <= 128;
}

async function answer(ctx: SandboxContext, req: Request, state: CallState): Promise<Outcome> {
  const parsed = await readRequest(req);
  const p = parsed.params;
  state.appId = p.app_id;
  const method = p.method;
  if (!method) throw missingArgument('isv.missing-method', '缺少方法名参数 method');
  if (!isWellFormedMethod(method)) throw invalidArgument('isv.invalid-method', `不存在的方法名 ${method}`);
  state.method = method;
  const key = `${method.replaceAll('.', '_')}_response`;
  try {
    const faults = rulesFor(method, loadFaults(ctx));
    await delayAndHang(faults, req.signal);
    checkCommon(ctx, p);
    const spec = findMethod(method);
    if (!spec) throw invalidArgument('isv.invalid-method', `不存在的方法名 ${method}`);
    checkSignature(ctx, p);
    checkRateAndErrors(ctx, faults);
    const biz = decodeBizContent(p);
    const { raw, fields } = businessFields(p, biz);
    // Due audit decisions and info reviews land before the call, so a poll never sees a stale state.
    runDueReviews(ctx);
    applyDueInfoReviews(ctx);
    const result = inWriteTransaction(ctx, () => {
      const merchant = spec.merchant ? resolveMerchantToken(ctx, p.app_id, p.app_auth_token) : null;
      state.authAppId = merchant?.authAppId;
      const bundleId = fields.bundle_id || DEFAULT_BUNDLE_ID;
      if (spec.merchant && !BUNDLE_IDS.includes(bundleId)) throw businessError('BUNDLE_ID_NOT_EXIST', `客户端 ${bundleId} 不存在`);
      const call: MethodCall = { ctx, now: ctx.now(), isvAppId: p.app_id, fields, raw, files: parsed.files, merchant, bundleId };
      return spec.handle(call);
    });
    const odd = faults.some((f) => f.oddAnswers);
    return { key, body: { code: '10000', msg: 'Success', ...(odd ? oddAnswer(method, result) : result) } };
  } catch (e) {
    if (e instanceof GatewayError) return { key, body: errorBody(e) };
    throw e;
  }
}

function errorBody(e: GatewayError): Record<string, unknown> {
  return { code: e.code, msg: e.msg, sub_code: e.subCode, sub_msg: e.subMsg };
}

/** The inner object is signed exactly as emitted: the text between its braces is what alipay-sdk verifies. */
function signedJson(ctx: SandboxContext, outcome: Outcome): string {
  const inner = JSON.stringify(outcome.body);
  const sign = rsa2Sign(inner, ctx.identity.alipayPrivateKeyPem);
  return `{${JSON.stringify(outcome.key)}:${inner},"sign":${JSON.stringify(sign)}}`;
}

function log(ctx: SandboxContext, traceId: string, state: CallState, outcome: Outcome, latencyMs: number): void {
  const b = outcome.body;
  try {
    ctx.db
      .insert(requestLog)
      .values({
        at: ctx.now(),
        traceId,
        method: state.method ?? null,
        appId: state.appId ?? null,
        authAppId: state.authAppId ?? null,
        code: String(b.code),
        subCode: (b.sub_code as string | undefined) ?? null,
        subMsg: (b.sub_msg as string | undefined)?.slice(0, 500) ?? null,
        latencyMs: Math.round(latencyMs),
      })
      .run();
  } catch (e) {
    // The log is a convenience: a busy database must not turn an answered call into a failure.
    console.error('[sandbox] request log write failed', e);
  }
}

export async function handleGateway(ctx: SandboxContext, req: Request): Promise<Response> {
  const started = performance.now();
  const traceId = newTraceId();
  const state: CallState = {};
  let outcome: Outcome;
  try {
    outcome = await answer(ctx, req, state);
  } catch (e) {
    if (e instanceof GatewayError) outcome = { key: 'error_response', body: errorBody(e) };
    else {
      console.error('[sandbox] gateway failure', e);
      outcome = { key: state.method ? `${state.method.replaceAll('.', '_')}_response` : 'error_response', body: errorBody(systemError('isp.unknow-error', '系统繁忙，请稍后再试')) };
    }
  }
  log(ctx, traceId, state, outcome, performance.now() - started);
  return new Response(signedJson(ctx, outcome), {
    status: 200,
    headers: { 'content-type': 'application/json;charset=utf-8', trace_id: traceId },
  });
}

export function listRequests(ctx: SandboxContext, limit = 100) {
  return ctx.db.select().from(requestLog).orderBy(desc(requestLog.id)).limit(limit).all();
}

/** Keeps the request log bounded. */
export function pruneRequestLog(ctx: SandboxContext, keep = 5000): void {
  const newest = ctx.db.select({ id: requestLog.id }).from(requestLog).orderBy(desc(requestLog.id)).limit(1).get();
  if (newest && newest.id > keep) ctx.db.delete(requestLog).where(lt(requestLog.id, newest.id - keep)).run();
}
