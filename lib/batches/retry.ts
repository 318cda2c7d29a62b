// What to do after a failed call: transient failures are tried again with backoff, business refusals never.
import { isTransient } from '@/lib/alipay/errors';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/** `attempts` counts the calls already made for this step, the failed one included. */
export function retryDecision(err: unknown, attempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY, random: () => number = Math.random): RetryDecision {
  if (!isTransient(err) || attempts >= policy.maxAttempts) return { retry: false };
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  // Equal jitter (half fixed, half random): many merchants hitting the same outage do not retry in step.
  return { retry: true, delayMs: Math.round(exp / 2 + random() * (exp / 2)) };
}
