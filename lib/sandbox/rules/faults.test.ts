import { expect, test } from 'vitest';
import { faultDelayMs, faultErrorCode, parseFaultsEnv, pickInjectedError, RpsWindow, rulesFor } from './faults';

test('SANDBOX_FAULTS accepts one rule or a list, with defaults', () => {
  expect(parseFaultsEnv(undefined)).toBeNull();
  expect(parseFaultsEnv('{"latencyMs":200}')).toEqual([{ method: '*', latencyMs: 200, jitterMs: 0, errorRate: 0, hang: false, oddAnswers: false }]);
  const list = parseFaultsEnv('[{"method":"alipay.open.mini.version.upload","errorRate":0.5,"errorSubCode":"isp.unknow-error"},{"rps":5}]')!;
  expect(list).toHaveLength(2);
  expect(list[1].rps).toBe(5);
  expect(() => parseFaultsEnv('{')).toThrow(/JSON/);
  expect(() => parseFaultsEnv('{"errorRate":2}')).toThrow(/errorRate/);
});

test('rules apply to their method or to all', () => {
  const rules = parseFaultsEnv('[{"method":"a.b.c"},{"method":"*"},{"method":"x.y"}]')!;
  expect(rulesFor('a.b.c', rules).map((r) => r.method)).toEqual(['a.b.c', '*']);
});

test('injected errors take the result code of their sub_code family', () => {
  expect(faultErrorCode('isp.unknow-error').code).toBe('20000');
  expect(faultErrorCode('aop.invalid-app-auth-token').code).toBe('20001');
  expect(faultErrorCode('isv.invalid-parameter').code).toBe('40002');
  expect(faultErrorCode('isv.missing-method').code).toBe('40001');
  expect(faultErrorCode('isv.insufficient-isv-permissions').code).toBe('40006');
  expect(faultErrorCode('SYSTEM_ERROR').code).toBe('40004');
});

test('latency is the fixed part plus up to the jitter', () => {
  const rules = parseFaultsEnv('[{"latencyMs":100,"jitterMs":50}]')!;
  expect(faultDelayMs(rules, () => 0)).toBe(100);
  expect(faultDelayMs(rules, () => 0.999)).toBe(150);
  expect(pickInjectedError(parseFaultsEnv('{"errorRate":0.3}')!, () => 0.2)).not.toBeNull();
  expect(pickInjectedError(parseFaultsEnv('{"errorRate":0.3}')!, () => 0.5)).toBeNull();
});

test('rate limiter: at most rps calls in any one-second window', () => {
  const limiter = new RpsWindow();
  expect([0, 100, 200].map((t) => limiter.overLimit('*', 2, t))).toEqual([false, false, true]);
  expect(limiter.overLimit('*', 2, 1001)).toBe(false);
  expect(limiter.overLimit('other', 2, 1001)).toBe(false);
});
