// The figure job (run by the worker, lib/jobs/batch-worker.ts, under the batches' rate limit): for each mini-program
// with figures it fetches every day of its window not stored yet, one summary.query per day, and — when staff asked
// for it — today's real-time figures. A day stored once is never fetched again (daily figures are final the next
// day, contract §4), and a day fetched twice is stored once.
import 'server-only';
import type { Db } from '@/db';
import type { AlipayClient } from '@/lib/alipay/client';
import { queryHourlyTrend, queryPageVisits, querySummary, queryVisitsByArea } from '@/lib/alipay/data-analysis';
import { TokenUnavailableError, type TokenSource } from '@/lib/batches/token-source';
import { findMerchantApp } from '@/lib/authorization/data';
import { clearRefresh, miniAppsWithFigures, pendingRefresh, refreshRequests, saveRealtime, storedDates, upsertDailyStat } from './data';
import { addDays, beijingDate, dateRange } from './dates';

/** How far back a mini-program's figures are fetched: the fleet view's longest range. */
export const WINDOW_DAYS = 30;

export interface FiguresJob {
  merchantAppId: number;
  /** Also fetch today's real-time figures (staff asked for them). */
  realtime: boolean;
}

/** The days to fetch for one mini-program: from its first day online (or the window's start) to yesterday. */
export function windowOf(firstOnline: Date | null, now: number): string[] {
  const yesterday = addDays(beijingDate(now), -1);
  const first = firstOnline ? beijingDate(firstOnline.getTime()) : yesterday;
  const all = dateRange(yesterday, WINDOW_DAYS);
  // The console's copy of the online time may be later than the platform's: yesterday is always asked.
  return all.filter((d) => d >= (first < yesterday ? first : yesterday));
}

/**
 * One pass's jobs: mini-programs staff asked about first, then (`all`) those missing days in their window. Without
 * `all` only the requests are read, which is cheap enough for every sweep of the worker.
 */
export function figuresDue(db: Db, now: number, all: boolean, limit = 500): FiguresJob[] {
  const jobs = new Map<number, FiguresJob>();
  for (const id of refreshRequests(db, limit)) jobs.set(id, { merchantAppId: id, realtime: true });
  if (!all) return [...jobs.values()];
  const apps = miniAppsWithFigures(db);
  const stored = storedDates(db, dateRange(addDays(beijingDate(now), -1), WINDOW_DAYS)[0]);
  for (const app of apps) {
    if (jobs.size >= limit) break;
    if (jobs.has(app.merchantAppId)) continue;
    const have = stored.get(app.merchantAppId);
    if (windowOf(app.firstOnline, now).some((d) => !have?.has(d))) jobs.set(app.merchantAppId, { merchantAppId: app.merchantAppId, realtime: false });
  }
  return [...jobs.values()];
}

export interface FiguresDeps {
  db: Db;
  /** Already rate-limited (the worker's). */
  client: AlipayClient;
  tokens: TokenSource;
  now?: () => number;
}

export interface FiguresOutcome {
  days: number;
  realtime: boolean;
  /** Why nothing was fetched (a catalog key), e.g. the authorization was cancelled. */
  skipped?: string;
}

export async function fetchFigures(deps: FiguresDeps, job: FiguresJob): Promise<FiguresOutcome> {
  const startedAt = new Date((deps.now ?? Date.now)());
  try {
    return await fetchFor(deps, job, startedAt);
  } finally {
    // Served or failed, a request is answered once: a failing platform is not asked again on every sweep (the
    // daily figures are retried by the next scheduled pass anyway).
    clearRefresh(deps.db, job.merchantAppId, startedAt);
  }
}

async function fetchFor(deps: FiguresDeps, job: FiguresJob, startedAt: Date): Promise<FiguresOutcome> {
  const now = deps.now ?? Date.now;
  // A request made while a scheduled job for the same mini-program was queued rides on that job.
  const realtime = job.realtime || pendingRefresh(deps.db, job.merchantAppId) !== null;
  const app = findMerchantApp(deps.db, job.merchantAppId);
  if (!app) return { days: 0, realtime: false, skipped: 'authorization.appNotFound' };
  let token: string;
  try {
    token = (await deps.tokens.open({ merchantAppId: app.id, authAppId: app.authAppId })).appAuthToken;
  } catch (e) {
    if (!(e instanceof TokenUnavailableError)) throw e;
    return { days: 0, realtime: false, skipped: e.reason };
  }
  const first = miniAppsWithFigures(deps.db).find((a) => a.merchantAppId === app.id)?.firstOnline ?? null;
  const window = windowOf(first, startedAt.getTime());
  const have = storedDates(deps.db, window[0], [app.id]).get(app.id);
  let days = 0;
  // Oldest first: if the platform fails midway, the next pass resumes where this one stopped.
  for (const date of window.filter((d) => !have?.has(d))) {
    const s = await querySummary({ appAuthToken: token, date }, deps.client);
    upsertDailyStat(deps.db, {
      merchantAppId: app.id,
      reportDate: date,
      appPv: s.appPv,
      appUv: s.appUv,
      newUserCnt: s.newUserCnt,
      launchCnt: s.launchCnt,
      shareCnt: s.shareCnt,
      shareUserCnt: s.shareUserCnt,
      userCntDst: s.userCntDst,
      userCnt7d: s.userCnt7d,
      userCnt30d: s.userCnt30d,
      avgStayTimePerUser: s.avgStayTimePerUser,
      avgStayTimePerVisit: s.avgStayTimePerVisit,
      fetchedAt: new Date(now()),
    });
    days++;
  }
  if (realtime) {
    const scope = { appAuthToken: token };
    const today = beijingDate(startedAt.getTime());
    const [trend, areas, pages] = [await queryHourlyTrend(scope, deps.client), await queryVisitsByArea(scope, deps.client), await queryPageVisits(scope, deps.client)];
    const at = new Date(now());
    saveRealtime(deps.db, app.id, 'trend', today, trend, at);
    saveRealtime(deps.db, app.id, 'areas', today, areas, at);
    saveRealtime(deps.db, app.id, 'pages', today, pages, at);
  }
  return { days, realtime };
}
