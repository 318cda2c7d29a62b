import { describe, expect, test } from 'vitest';
import { AlipayError, AlipayTransportError } from '@/lib/alipay/errors';
import { retryDecision } from './retry';

const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };
const refusal = new AlipayError({ method: 'alipay.open.mini.version.upload', code: '40004', msg: 'Business Failed', subCode: 'INVALID_VERSION' });
const unavailable = new AlipayError({ method: 'alipay.open.mini.version.upload', code: '20000', msg: 'Service Currently Unavailable', subCode: 'isp.unknow-error' });
const limited = new AlipayError({ method: 'm', code: '40004', msg: 'Business Failed', subCode: 'SYSTEM_LIMIT' });
const timeout = new AlipayTransportError('m', 'timeout', 'UND_ERR_HEADERS_TIMEOUT');

describe('retryDecision', () => {
  test('never retries a business refusal', () => {
    expect(retryDecision(refusal, 1, policy)).toEqual({ retry: false });
  });

  test('retries transient failures (platform unavailable, rate limit, timeout) with growing backoff', () => {
    const mid = () => 0.5;
    expect(retryDecision(unavailable, 1, policy, mid)).toEqual({ retry: true, delayMs: 75 });
    expect(retryDecision(limited, 2, policy, mid)).toEqual({ retry: true, delayMs: 150 });
    expect(retryDecision(timeout, 3, policy, mid)).toEqual({ retry: true, delayMs: 300 });
  });

  test('stops once the attempts are used up', () => {
    expect(retryDecision(timeout, 4, policy)).toEqual({ retry: false });
  });

  test('the delay stays within [half, full] of the capped exponential', () => {
    for (const r of [0, 0.999]) {
      const d = retryDecision(unavailable, 3, { ...policy, maxDelayMs: 250 }, () => r);
      expect(d.retry && d.delayMs).toBeGreaterThanOrEqual(125);
      expect(d.retry && d.delayMs).toBeLessThanOrEqual(250);
    }
  });

  test('an unknown error (a bug) is not retried here', () => {
    expect(retryDecision(new Error('boom'), 1, policy)).toEqual({ retry: false });
  });
});
