import { platformText, platformTextZh, type PlatformText } from './sub-code-messages';

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
  /** Text fit to show a user, as a catalogue key: rendered in the reader's language. */
  readonly text: PlatformText;
  /** The same in Chinese, for logs and plain-text columns. */
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
    this.text = platformText(details.code, details.subCode, details.subMsg);
    this.userMessage = platformTextZh(this.text);
  }
}

export type AlipayTransportErrorKind = 'timeout' | 'network' | 'invalid-sign' | 'bad-response';


/** No trustworthy answer from the platform: it timed out, could not be reached, or answered unsigned or garbled. */
export class AlipayTransportError extends Error {
  readonly method: string;
  readonly kind: AlipayTransportErrorKind;
  readonly traceId?: string;
  readonly httpStatus?: number;
  readonly text: PlatformText;
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
    this.text = { key: `platform.transport.${kind}` };
    this.userMessage = platformTextZh(this.text);
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

/** What to tell a user about any error coming out of lib/alipay, as a catalogue key (see PlatformText). */
export function alipayErrorText(err: unknown): PlatformText {
  if (err instanceof AlipayError || err instanceof AlipayTransportError) return err.text;
  return { key: 'platform.unknown' };
}

/** The same in Chinese, for logs and plain-text columns. */
export const alipayUserMessage = (err: unknown): string => platformTextZh(alipayErrorText(err));

/** A platform text as a parameter of another message (`{ message }`), translated when shown. */
export const alipayTextParam = (err: unknown) => {
  const { key, params } = alipayErrorText(err);
  return params ? { t: key, params } : { t: key };
};
