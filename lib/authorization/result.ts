// The outcome of a callback, carried to the result page as a signed value so that the page cannot be made to show
// a success (or anything else) that did not happen.
import type { CallbackOutcome } from './callback';
import { signValue, verifyValue } from './signed';

const PURPOSE = 'authorize-result';
const TTL_MS = 60 * 60_000;

export interface ResultData {
  o: CallbackOutcome['kind'];
  m?: number;
  a?: { id: string; n: string | null }[];
  msg?: string;
}

export function signResult(masterKey: Buffer, outcome: CallbackOutcome, now: number): string {
  const data: ResultData = { o: outcome.kind };
  if ('merchantId' in outcome) data.m = outcome.merchantId;
  if ('apps' in outcome) data.a = outcome.apps.slice(0, 20).map((a) => ({ id: a.authAppId, n: a.appName?.slice(0, 30) ?? null }));
  if (outcome.kind === 'platform-error') data.msg = outcome.message.slice(0, 200);
  return signValue(masterKey, PURPOSE, data, now + TTL_MS);
}

export function readResult(masterKey: Buffer, value: string | undefined, now: number): ResultData | null {
  if (!value) return null;
  const v = verifyValue<ResultData>(masterKey, PURPOSE, value, now);
  return v.ok ? v.data : null;
}
