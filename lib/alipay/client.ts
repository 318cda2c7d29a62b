// One alipay-sdk instance per settings, and the single place where a gateway call becomes either a parsed,
// typed result or an AlipayError / AlipayTransportError.
import 'server-only';
import crypto from 'node:crypto';
import { AlipayFormData, AlipayRequestError, AlipaySdk, type AlipaySdkCommonResult, type IRequestOption } from 'alipay-sdk';
import type { z } from 'zod';
import { AlipayError, AlipayTransportError } from './errors';
import { extractObjectText } from './response-text';
import { getAlipaySettings, type AlipaySettings } from './settings';

export interface UploadFile {
  /** The multipart field name, e.g. `first_screen_shot`, `app_logo`. */
  field: string;
  fileName: string;
  content: Buffer;
}

export interface AlipayRequest {
  /** The merchant's token, for calls made on a merchant's behalf. */
  appAuthToken?: string;
  /** Business fields (snake_case), sent as the biz_content JSON. */
  bizContent?: Record<string, unknown>;
  /** Top-level parameters (snake_case), for the methods that take them instead of biz_content. */
  fields?: Record<string, string | undefined>;
  /** Image parts; when present the request is sent as multipart/form-data. */
  files?: UploadFile[];
}

export interface AlipayClient {
  readonly appId: string;
  /** Calls `method` and returns the response parsed by `schema` (keys camelCased); throws on any failure. */
  call<S extends z.ZodType>(method: string, schema: S, request?: AlipayRequest): Promise<z.output<S>>;
}

export type ExecFn = (method: string, params: Record<string, unknown>, options: IRequestOption) => Promise<AlipaySdkCommonResult>;

class ResponseSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResponseSignatureError';
  }
}

/**
 * alipay-sdk's own check assumes the method's response key (an `error_response` fails it) and crashes on an
 * unsigned body; this one verifies whichever key is present, over the exact inner text.
 */
class VerifyingAlipaySdk extends AlipaySdk {
  override checkResponseSign(responseDataRaw: string, responseKey: string, serverSign: string | undefined): void {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(responseDataRaw) as Record<string, unknown>;
    } catch {
      throw new ResponseSignatureError('the response is not JSON');
    }
    const key = parsed[responseKey] !== undefined ? responseKey : 'error_response';
    const signedText = extractObjectText(responseDataRaw, key);
    if (signedText === undefined) throw new ResponseSignatureError(`the response has no ${key} object`);
    if (!serverSign) {
      // Alipay's own SDKs accept an unsigned refusal (e.g. for an unknown app id): it carries nothing to act on.
      const code = (parsed[key] as { code?: unknown }).code;
      if (code !== undefined && String(code) !== '10000') return;
      throw new ResponseSignatureError('the response is not signed');
    }
    const valid = crypto.createVerify('RSA-SHA256').update(signedText, 'utf8').verify(this.config.alipayPublicKey, serverSign, 'base64');
    if (!valid) throw new ResponseSignatureError('the response signature does not match the Alipay public key');
  }
}

function toTransportError(method: string, err: unknown): AlipayTransportError | undefined {
  if (err instanceof ResponseSignatureError) return new AlipayTransportError(method, 'invalid-sign', err.message, { cause: err });
  if (!(err instanceof AlipayRequestError)) return undefined;
  const cause = err.cause as { name?: string; code?: string } | undefined;
  // alipay-sdk words request-phase failures this way; later ones (status, JSON) also carry a cause.
  if (err.message.startsWith('HttpClient Request error') && cause) {
    const timedOut = /Timeout/i.test(cause.name ?? '') || cause.code === 'ETIMEDOUT' || cause.code === 'UND_ERR_CONNECT_TIMEOUT';
    return new AlipayTransportError(method, timedOut ? 'timeout' : 'network', cause.code ?? cause.name ?? 'request failed', { cause: err });
  }
  const status = /status: (\d+)/.exec(err.message);
  return new AlipayTransportError(method, 'bad-response', err.message.slice(0, 200), {
    cause: err,
    traceId: err.traceId,
    httpStatus: status ? Number(status[1]) : undefined,
  });
}

function definedEntries(record: Record<string, string | undefined> = {}): Array<[string, string]> {
  return Object.entries(record).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '');
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `yyyy-MM-dd HH:mm:ss` in Beijing time (UTC+8, no DST), whatever the process's zone: the platform reads the
 * request timestamp that way (contract §2), while alipay-sdk would format the local time.
 */
export function beijingTimestamp(now = Date.now()): string {
  const d = new Date(now + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function execArguments(request: AlipayRequest): [Record<string, unknown>, IRequestOption] {
  const fields = definedEntries(request.fields);
  // alipay-sdk 4.14 lets a `timestamp` parameter override its own (local-time) one; it travels in the URL.
  fields.push(['timestamp', beijingTimestamp()]);
  if (request.appAuthToken) fields.push(['app_auth_token', request.appAuthToken]);
  if (request.files?.length) {
    // alipay-sdk signs the form's fields and sends app_auth_token (and the other common parameters) in the URL.
    const formData = new AlipayFormData();
    for (const [name, value] of fields) formData.addField(name, value);
    for (const file of request.files) formData.addFile(file.field, file.fileName, file.content);
    return [{}, { formData, validateSign: true }];
  }
  const params: Record<string, unknown> = Object.fromEntries(fields);
  const bizContent = request.bizContent && Object.fromEntries(Object.entries(request.bizContent).filter(([, v]) => v !== undefined));
  if (bizContent && Object.keys(bizContent).length > 0) params.bizContent = bizContent;
  return [params, { validateSign: true }];
}

// Request values that must not reach logs: isv.invalid-signature's sub_msg echoes the whole signed string.
const SECRET_BIZ_FIELDS = ['app_auth_token', 'refresh_token', 'code'];

function scrubSecrets(text: string | undefined, request: AlipayRequest): string | undefined {
  if (!text) return text;
  const secrets = [request.appAuthToken, ...SECRET_BIZ_FIELDS.map((k) => request.bizContent?.[k])].filter(
    (v): v is string => typeof v === 'string' && v.length > 0,
  );
  return secrets.reduce((out, secret) => out.replaceAll(secret, '***'), text);
}

function describeIssues(error: z.ZodError): string {
  // Paths and expectations only: values may hold tokens.
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/** A client over any `exec` with alipay-sdk's shape; tests pass a fake one. */
export function clientFromExec(appId: string, exec: ExecFn): AlipayClient {
  return {
    appId,
    async call(method, schema, request = {}) {
      let result: AlipaySdkCommonResult;
      try {
        result = await exec(method, ...execArguments(request));
      } catch (err) {
        throw toTransportError(method, err) ?? err;
      }
      const code = String(result.code ?? '');
      if (code !== '10000') {
        if (!code) throw new AlipayTransportError(method, 'bad-response', 'the response has no code', { traceId: result.traceId });
        throw new AlipayError({
          method,
          code,
          msg: String(result.msg ?? ''),
          subCode: result.subCode ?? result.sub_code,
          subMsg: scrubSecrets(result.subMsg ?? result.sub_msg, request),
          traceId: result.traceId,
        });
      }
      const parsed = schema.safeParse(result);
      if (!parsed.success) {
        throw new AlipayTransportError(method, 'bad-response', describeIssues(parsed.error), { traceId: result.traceId });
      }
      return parsed.data;
    },
  };
}

/** A client for the given settings: RSA2 with a PKCS#8 key, responses verified with the platform key. */
export function createAlipayClient(settings: AlipaySettings): AlipayClient {
  const sdk = new VerifyingAlipaySdk({
    appId: settings.appId,
    privateKey: settings.privateKey,
    alipayPublicKey: settings.alipayPublicKey,
    gateway: settings.gateway,
    timeout: settings.timeoutMs,
    signType: 'RSA2',
    keyType: 'PKCS8',
  });
  // alipay-sdk keeps the keys as PEM text, which OpenSSL parses again on every signature (half its cost); node's
  // sign and verify take the parsed KeyObject just as well.
  const keys = sdk.config as unknown as { privateKey: string | crypto.KeyObject; alipayPublicKey?: string | crypto.KeyObject };
  keys.privateKey = crypto.createPrivateKey(keys.privateKey as string);
  if (keys.alipayPublicKey) keys.alipayPublicKey = crypto.createPublicKey(keys.alipayPublicKey as string);
  return clientFromExec(settings.appId, (method, params, options) => sdk.exec(method, params, options));
}

let defaultClient: AlipayClient | undefined;

/** The process-wide client for the configured settings, created on first use. */
export function getAlipayClient(): AlipayClient {
  defaultClient ??= createAlipayClient(getAlipaySettings());
  return defaultClient;
}

export function resetAlipayClientForTests(): void {
  defaultClient = undefined;
}
