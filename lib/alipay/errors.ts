import { subCodeMessage } from './sub-code-messages';

export interface AlipayErrorDetails {
  method: string;
  code: string;
  msg: string;
  subCode?: string;
  subMsg?: string;
  traceId?: string;
}

/** The platform answered and refused: any result code other than 10000. */
export class AlipayError extends Error {
  readonly method: string;
  readonly code: string;
  readonly msg: string;
  readonly subCode?: string;
  readonly subMsg?: string;
  readonly traceId?: string;
  /** Chinese text fit to show a user. */
  readonly userMessage: string;

  constructor(details: AlipayErrorDetails) {
    super(`${details.method} failed: ${details.code} ${details.msg}${details.subCode ? ` (${details.subCode}: ${details.subMsg ?? ''})` : ''}`);
    this.name = 'AlipayError';
    this.method = details.method;
    this.code = details.code;
    this.msg = details.msg;
    this.subCode = details.subCode;
    this.subMsg = details.subMsg;
    this.traceId = details.traceId;
    this.userMessage = subCodeMessage(details.code, details.subCode, details.subMsg);
  }
}

export type AlipayTransportErrorKind = 'timeout' | 'network' | 'invalid-sign' | 'bad-response';

const TRANSPORT_MESSAGES: Record<AlipayTransportErrorKind, string> = {
  timeout: '连接支付宝超时，操作结果未知，请稍后刷新查看',
  network: '无法连接支付宝，请检查网络后重试',
  'invalid-sign': '支付宝返回的数据签名校验失败，请检查支付宝公钥配置',
  'bad-response': '支付宝返回了无法识别的数据，请稍后重试',
};

/** No trustworthy answer from the platform: it timed out, could not be reached, or answered unsigned or garbled. */
export class AlipayTransportError extends Error {
  readonly method: string;
  readonly kind: AlipayTransportErrorKind;
  readonly traceId?: string;
  readonly httpStatus?: number;
  readonly userMessage: string;

  constructor(
    method: string,
    kind: AlipayTransportErrorKind,
    detail: string,
    options: { cause?: unknown; traceId?: string; httpStatus?: number } = {},
  ) {
    super(`${method}: ${kind}: ${detail}`, { cause: options.cause });
    this.name = 'AlipayTransportError';
    this.method = method;
    this.kind = kind;
    this.traceId = options.traceId;
    this.httpStatus = options.httpStatus;
    this.userMessage = TRANSPORT_MESSAGES[kind];
  }
}

const TRANSIENT_SUB_CODES = new Set(['SYSTEM_LIMIT', 'isp.unknow-error']);

/**
 * Whether trying again later may succeed. A timeout counts as transient, but the call may have taken effect:
 * callers of non-idempotent methods (upload, audit.apply) should re-read state before retrying.
 */
export function isTransient(err: unknown): boolean {
  if (err instanceof AlipayError) return err.code === '20000' || (err.subCode !== undefined && TRANSIENT_SUB_CODES.has(err.subCode));
  if (err instanceof AlipayTransportError) {
    return err.kind === 'timeout' || err.kind === 'network' || (err.kind === 'bad-response' && (err.httpStatus ?? 0) >= 500);
  }
  return false;
}

/** A user-facing Chinese message for any error coming out of lib/alipay. */
export function alipayUserMessage(err: unknown): string {
  if (err instanceof AlipayError || err instanceof AlipayTransportError) return err.userMessage;
  return '调用支付宝时发生未知错误，请稍后重试';
}
