// The sandbox's injected faults as the console sees them: latency, platform errors, throttling and hangs.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queryCategories } from '@/lib/alipay/base-info';
import { createAlipayClient } from '@/lib/alipay/client';
import { AlipayError, AlipayTransportError, isTransient } from '@/lib/alipay/errors';
import { listVersions } from '@/lib/alipay/versions';
import { startContractSandbox, type ContractSandbox, type Merchant } from './harness';

let t: ContractSandbox;
let m: Merchant;
beforeAll(async () => {
  t = await startContractSandbox();
  m = await t.newMerchant();
});
afterEach(() => t.resetPlatform());
afterAll(() => t.close());

describe('fault injection', () => {
  it('adds the configured latency to the named method only', async () => {
    t.sandbox.control.setFaults([{ method: 'alipay.open.mini.category.query', latencyMs: 800 }]);
    const started = Date.now();
    await queryCategories({}, t.client);
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    const quickStart = Date.now();
    await listVersions(m.scope, t.client);
    expect(Date.now() - quickStart).toBeLessThan(800);
    const [logged] = t.sandbox.control.listRequests(5).filter((r) => r.method === 'alipay.open.mini.category.query');
    expect(logged.latencyMs).toBeGreaterThanOrEqual(800);
  });

  it('surfaces an injected sub_code as an AlipayError, transient when it is a platform fault', async () => {
    t.sandbox.control.setFaults([{ method: 'alipay.open.mini.version.list.query', errorRate: 1, errorSubCode: 'isp.unknow-error' }]);
    const fault = await listVersions(m.scope, t.client).catch((e: unknown) => e);
    expect(fault).toBeInstanceOf(AlipayError);
    expect(fault).toMatchObject({ code: '20000', subCode: 'isp.unknow-error', userMessage: '支付宝服务暂时不可用，请稍后重试' });
    expect(isTransient(fault)).toBe(true);

    t.sandbox.control.setFaults([{ method: 'alipay.open.mini.version.list.query', errorRate: 1, errorSubCode: 'CAN_NOT_ONLINE_WITHOUT_GRAY' }]);
    const business = await listVersions(m.scope, t.client).catch((e: unknown) => e);
    expect(business).toMatchObject({ code: '40004', subCode: 'CAN_NOT_ONLINE_WITHOUT_GRAY' });
    expect(isTransient(business)).toBe(false);
    await expect(queryCategories({}, t.client)).resolves.toEqual(expect.any(Array));
  });

  it('throttles above the requests-per-second limit with SYSTEM_LIMIT', async () => {
    t.sandbox.control.setFaults([{ method: '*', rps: 2 }]);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => queryCategories({}, t.client)));
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as AlipayError);
    expect(refused.length).toBeGreaterThan(0);
    for (const err of refused) {
      expect(err).toMatchObject({ code: '40004', subCode: 'SYSTEM_LIMIT', userMessage: '调用太频繁，已被支付宝限流，请稍后重试' });
      expect(isTransient(err)).toBe(true);
    }
  });

  it('ends a hanging call with the client timeout', async () => {
    t.sandbox.control.setFaults([{ method: 'alipay.open.mini.version.list.query', hang: true }]);
    const impatient = createAlipayClient({ ...t.settings, timeoutMs: 500 });
    const started = Date.now();
    const err = await listVersions(m.scope, impatient).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(err).toBeInstanceOf(AlipayTransportError);
    expect(err).toMatchObject({ kind: 'timeout', method: 'alipay.open.mini.version.list.query' });
    expect((err as AlipayTransportError).userMessage).toMatch(/超时/);
    expect(isTransient(err)).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(500);
    expect(elapsed).toBeLessThan(5000);
    t.sandbox.control.setFaults([]);
    await expect(listVersions(m.scope, impatient)).resolves.toEqual([]);
  });
});
