// The figure job: a day fetched twice is stored once, a stored day is not asked again, staff's refresh brings today's
// real-time figures, and in the worker the calls keep to the batches' requests-per-second limit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { analyticsRefreshRequests, merchantApps, miniAppDailyStats, miniAppRealtimeStats, miniAppVersions } from '@/db/schema';
import { clientFromExec, type AlipayClient } from '@/lib/alipay/client';
import { staticTokenSource } from '@/lib/batches/token-source';
import { insertMerchant } from '@/lib/merchants/data';
import { createBatchWorker } from '@/lib/jobs/batch-worker';
import { withPasses } from '@/lib/jobs/testing/passes';
import { memoryDb } from '@/lib/testing/memory-db';
import { dailyStats, requestRefresh, upsertDailyStat } from './data';
import { addDays, beijingDate } from './dates';
import { fetchFigures, figuresDue, WINDOW_DAYS } from './job';

const DAY = 86_400_000;
let db: Db;
let calls: { method: string; at: number; date?: string }[];

const client: AlipayClient = clientFromExec('isv', async (method, params) => {
  const biz = params.bizContent as Record<string, unknown> | undefined;
  calls.push({ method, at: Date.now(), date: biz?.report_date as string | undefined });
  if (method.endsWith('summary.query')) return { code: '10000', msg: 'Success', appUv: 7, appPv: '21', userCnt7D: 30 } as never;
  if (method.endsWith('visittrend.query')) return { code: '10000', msg: 'Success', appVisitTrendDataListResponse: [{ reportTime: '2026-12-02 00:00:00', appPv: 3, appUv: 1 }] } as never;
  if (method.endsWith('visit.query')) return { code: '10000', msg: 'Success', appPv: 3, appUv: 1, areaDetailList: [{ areaCode: '310000', areaName: '上海市', areaPv: 3, areaUv: 1 }] } as never;
  return { code: '10000', msg: 'Success', pageVisitDataListResponse: [{ url: 'pages/index/index', pagePv: 3, pageUv: 1 }] } as never;
});
const tokens = staticTokenSource(new Map([['2021001', { appAuthToken: 'tok', subject: { merchant: { name: 'm', phone: '', email: null, contact: '' }, miniApp: { appId: '2021001', name: 'x' } } }]]));

function onlineApp(daysOnline: number): number {
  const m = insertMerchant(db, { name: '知味小馆', contactName: '王', mobile: '13800000001', industry: 'catering' });
  const app = db.insert(merchantApps).values({ merchantId: m.id, authAppId: '2021001', appName: '知味', status: 'authorized', authorizedAt: new Date() }).returning().get();
  db.insert(miniAppVersions).values({ merchantAppId: app.id, authAppId: app.authAppId, appVersion: '0.0.1', status: 'RELEASE', gmtOnline: new Date(Date.now() - daysOnline * DAY) }).run();
  return app.id;
}

const stored = () => db.select({ n: count() }).from(miniAppDailyStats).get()!.n;

beforeEach(() => {
  db = memoryDb();
  calls = [];
});

describe('fetchFigures', () => {
  it('fetches each day of the window once, oldest first, and stores it once however often it runs', async () => {
    const id = onlineApp(5);
    const first = await fetchFigures({ db, client, tokens }, { merchantAppId: id, realtime: false });
    // Online since 5 days ago (Beijing): that day through yesterday.
    expect(first.days).toBe(5);
    const yesterday = addDays(beijingDate(Date.now()), -1);
    expect(calls.map((c) => c.date)).toEqual([4, 3, 2, 1, 0].map((ago) => addDays(yesterday, -ago).replaceAll('-', '')));
    expect(dailyStats(db, id, '2000-01-01', yesterday).at(-1)).toMatchObject({ reportDate: yesterday, appUv: 7, appPv: 21, userCnt7d: 30, newUserCnt: 0 });

    calls = [];
    const again = await fetchFigures({ db, client, tokens }, { merchantAppId: id, realtime: false });
    expect(again.days).toBe(0);
    expect(calls).toEqual([]);
    expect(stored()).toBe(5);
    // Storing a day again replaces it: still one row.
    upsertDailyStat(db, { merchantAppId: id, reportDate: yesterday, appUv: 9, fetchedAt: new Date() });
    expect(stored()).toBe(5);
    expect(dailyStats(db, id, yesterday, yesterday)[0].appUv).toBe(9);
    expect(figuresDue(db, Date.now(), true)).toEqual([]);
  });

  it('never reaches back more than the window', async () => {
    onlineApp(400);
    const [job] = figuresDue(db, Date.now(), true);
    expect((await fetchFigures({ db, client, tokens }, job)).days).toBe(WINDOW_DAYS);
  });

  it('a refresh request brings today’s real-time figures and is then answered', async () => {
    const id = onlineApp(1);
    requestRefresh(db, id, new Date());
    expect(figuresDue(db, Date.now(), false)).toEqual([{ merchantAppId: id, realtime: true }]);
    await fetchFigures({ db, client, tokens }, { merchantAppId: id, realtime: false });
    expect(db.select().from(miniAppRealtimeStats).all().map((r) => r.kind).sort()).toEqual(['areas', 'pages', 'trend']);
    expect(db.select().from(analyticsRefreshRequests).all()).toEqual([]);
  });
});

describe('in the worker', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'figures-queue-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps to the requests-per-second limit and stores every day once', async () => {
    const id = onlineApp(12);
    const rps = 8;
    const worker = withPasses(
      createBatchWorker({
        db,
        queueFile: path.join(dir, 'queue.db'),
        client,
        tokens,
        concurrency: 4,
        rps,
        sweepMs: 30,
        figures: async (job, c) => void (await fetchFigures({ db, client: c, tokens }, job)),
      }),
      { figuresDue: (all) => figuresDue(db, Date.now(), all) },
    );
    await worker.ready;
    const started = Date.now();
    while (stored() < 12 && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 50));
    await worker.stop();
    expect(stored()).toBe(12);
    const summaries = calls.filter((c) => c.method.endsWith('summary.query'));
    expect(summaries).toHaveLength(12);
    // A token bucket of `rps` tokens refilled at `rps` per second: over any span, at most rps + rps × span calls
    // (unthrottled, the 12 calls would take a few milliseconds).
    const span = (summaries.at(-1)!.at - summaries[0].at) / 1000;
    expect(summaries.length).toBeLessThanOrEqual(rps + rps * span + 1);
    expect(span).toBeGreaterThanOrEqual((12 - rps - 1) / rps);
    expect(dailyStats(db, id, '2000-01-01', '2999-01-01')).toHaveLength(12);
  }, 20_000);
});
