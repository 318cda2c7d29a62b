import { describe, expect, it } from 'vitest';
import { AlipayError, AlipayTransportError, alipayUserMessage, isTransient } from './errors';

const refusal = (code: string, subCode?: string) => new AlipayError({ method: 'alipay.open.mini.version.online', code, msg: 'x', subCode });

describe('AlipayError', () => {
  it('carries the platform fields and a user message', () => {
    const err = new AlipayError({
      method: 'alipay.open.mini.version.online',
      code: '40004',
      msg: 'Business Failed',
      subCode: 'CAN_NOT_ONLINE_WITHOUT_GRAY',
      subMsg: '请先灰度',
      traceId: 't-1',
    });
    expect(err).toMatchObject({ method: 'alipay.open.mini.version.online', code: '40004', subCode: 'CAN_NOT_ONLINE_WITHOUT_GRAY', traceId: 't-1' });
    expect(err.userMessage).toBe('请先灰度发布，再全量上架');
    expect(err.message).toContain('CAN_NOT_ONLINE_WITHOUT_GRAY');
  });
});

describe('isTransient', () => {
  it('is true for platform faults, throttling, timeouts and network failures', () => {
    expect(isTransient(refusal('20000', 'isp.unknow-error'))).toBe(true);
    expect(isTransient(refusal('40004', 'SYSTEM_LIMIT'))).toBe(true);
    expect(isTransient(new AlipayTransportError('m', 'timeout', 'x'))).toBe(true);
    expect(isTransient(new AlipayTransportError('m', 'network', 'x'))).toBe(true);
    expect(isTransient(new AlipayTransportError('m', 'bad-response', 'x', { httpStatus: 502 }))).toBe(true);
  });

  it('is false for business refusals, bad tokens, signature failures and unknown errors', () => {
    expect(isTransient(refusal('40004', 'ROUTE_OVER_LIMIT'))).toBe(false);
    expect(isTransient(refusal('20001', 'aop.invalid-app-auth-token'))).toBe(false);
    expect(isTransient(refusal('40002', 'isv.invalid-signature'))).toBe(false);
    expect(isTransient(new AlipayTransportError('m', 'invalid-sign', 'x'))).toBe(false);
    expect(isTransient(new AlipayTransportError('m', 'bad-response', 'x'))).toBe(false);
    expect(isTransient(new Error('boom'))).toBe(false);
  });
});

describe('alipayUserMessage', () => {
  it('gives a Chinese text for every error', () => {
    expect(alipayUserMessage(new AlipayTransportError('m', 'timeout', 'x'))).toMatch(/超时/);
    expect(alipayUserMessage(new Error('boom'))).toMatch(/支付宝/);
  });
});
