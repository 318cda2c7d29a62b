// Data analysis through lib/alipay against the sandbox (contract §4 "Data analysis"): figures only once online,
// exactly by the contract's rule; tolerant reading; bad input refused with INVALID_PARAMETER.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryHourlyTrend, queryPageVisits, querySummary, queryVisitsByArea } from '@/lib/alipay/data-analysis';
import { clientFromExec } from '@/lib/alipay/client';
import { beijingCompact, expectedDay } from './data-rule';
import { expectRefusal, onlineVersion } from './flows';
import { startContractSandbox, type ContractSandbox, type Merchant } from './harness';

let t: ContractSandbox;
let online: Merchant;
let offline: Merchant;

const dashed = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

beforeAll(async () => {
  t = await startContractSandbox({ reviewMode: 'auto' });
  t.sandbox.control.updateSettings({ grayOptional: true });
  online = await t.newMerchant();
  offline = await t.newMerchant();
  await onlineVersion(t.client, online.scope, '0.0.1');
}, 30_000);
afterAll(() => t.close());

describe('summary.query', () => {
  it('gives the rule’s figures for a day the mini-program was live, and zeros before it went online', async () => {
    // As if it went online three days ago: live on D-3 … D, so yesterday is its third live day.
    t.sandbox.control.backdateRelease(online.appId, 3);
    const now = Date.now();
    const yesterday = beijingCompact(now, 1);
    const s = await querySummary({ ...online.scope, date: dashed(yesterday) }, t.client);
    const e = expectedDay(online.appId, yesterday, 3);
    expect(s).toMatchObject({
      appPv: e.app_pv,
      appUv: e.app_uv,
      newUserCnt: e.new_user_cnt,
      launchCnt: e.launch_cnt,
      shareCnt: e.share_cnt,
      shareUserCnt: e.share_user_cnt,
      avgStayTimePerVisit: e.avg_stay_time_per_visit,
      avgStayTimePerUser: e.avg_stay_time_per_user,
    });
    const days = [3, 2, 1].map((ago, i) => expectedDay(online.appId, beijingCompact(now, ago), i + 1));
    // Cumulative users sum the new users of every live day; the first live day's users are all new.
    expect(days[0].new_user_cnt).toBe(days[0].app_uv);
    expect(s.userCntDst).toBe(days.reduce((n, d) => n + d.new_user_cnt, 0));
    expect(s.launchCntDst).toBe(days.reduce((n, d) => n + d.launch_cnt, 0));
    expect(s.userCnt7d).toBe(Math.round(0.6 * days.reduce((n, d) => n + d.app_uv, 0)));
    expect(s.userCnt30d).toBe(Math.round(0.45 * days.reduce((n, d) => n + d.app_uv, 0)));
    // Before it went online: every figure 0.
    const before = await querySummary({ ...online.scope, date: dashed(beijingCompact(now, 5)) }, t.client);
    expect(Object.values(before).every((v) => v === 0)).toBe(true);
  });

  it('answers zeros for today and for a mini-program never online', async () => {
    const today = await querySummary({ ...online.scope, date: dashed(beijingCompact(Date.now(), 0)) }, t.client);
    expect(today.appUv).toBe(0);
    const never = await querySummary({ ...offline.scope, date: dashed(beijingCompact(Date.now(), 1)) }, t.client);
    expect(Object.values(never).every((v) => v === 0)).toBe(true);
  });

  it('refuses a malformed date with INVALID_PARAMETER', async () => {
    await expectRefusal(querySummary({ ...online.scope, date: '2026-13-01' }, t.client), 'INVALID_PARAMETER');
  });
});

describe('real-time methods', () => {
  it('trend rows follow the hours so far; areas and pages never add up to more than the totals', async () => {
    const trend = await queryHourlyTrend(online.scope, t.client);
    const hour = new Date(Date.now() + 8 * 3600_000).getUTCHours();
    expect(trend).toHaveLength(hour);
    trend.forEach((r, i) => expect(r.reportTime).toMatch(new RegExp(` ${String(i).padStart(2, '0')}:00:00$`)));
    const visits = await queryVisitsByArea(online.scope, t.client);
    expect(visits.areaDetailList).toHaveLength(9);
    expect(visits.areaDetailList.at(-1)).toMatchObject({ areaName: '其他', areaCode: '' });
    expect(visits.areaDetailList.reduce((s, a) => s + a.areaPv, 0)).toBeLessThanOrEqual(visits.appPv);
    const pages = await queryPageVisits(online.scope, t.client);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.reduce((s, p) => s + p.pagePv, 0)).toBeLessThanOrEqual(visits.appPv + 1);
    // Not online: nothing.
    expect(await queryHourlyTrend(offline.scope, t.client)).toEqual([]);
    expect((await queryVisitsByArea(offline.scope, t.client)).appUv).toBe(0);
  });

  it('refuses an unknown time unit', async () => {
    const { AlipayError } = await import('@/lib/alipay/errors');
    const err = await t.client.call('alipay.open.mini.data.visittrend.query', (await import('zod')).z.object({}), { appAuthToken: online.appAuthToken, bizContent: { time_unit: 'DAY' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AlipayError);
    expect((err as InstanceType<typeof AlipayError>).subCode).toBe('INVALID_PARAMETER');
  });
});

describe('tolerant reading (§8)', () => {
  it('defaults missing figures to 0 and accepts numbers sent as strings', async () => {
    const client = clientFromExec('app', async () => ({ code: '10000', msg: 'Success', appUv: '12', extra: { x: 1 } }) as never);
    const s = await querySummary({ appAuthToken: 'tok', date: '2026-01-02' }, client);
    expect(s.appUv).toBe(12);
    expect(s.appPv).toBe(0);
    expect(s.userCnt7d).toBe(0);
  });
});
