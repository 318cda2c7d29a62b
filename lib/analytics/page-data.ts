// What the data-analysis pages show, from the console's own tables only (the worker fetched them).
import 'server-only';
import type { Db } from '@/db';
import type { PageRow, TrendRow, VisitsToday } from '@/lib/alipay/data-analysis';
import { hasOnlineVersion } from '@/lib/versions/data';
import { dailyStats, fleetDaily, pendingRefresh, rankApps, realtimeStats } from './data';
import { addDays, beijingDate, dateRange } from './dates';

export interface DayFigures {
  date: string;
  pv: number;
  uv: number;
  newUsers: number;
  launches: number;
  shares: number;
  stayPerUser: number;
  stayPerVisit: number;
}

export interface AppAnalytics {
  yesterday: string;
  /** Null when yesterday's figures have not been fetched. */
  summary: DayFigures | null;
  /** Stored days of the last 30, oldest first (missing days are absent, not zero). */
  trend: DayFigures[];
  hourly: TrendRow[];
  areas: VisitsToday['areaDetailList'];
  pages: PageRow[];
  realtimeAt: string | null;
  dailyAt: string | null;
  refreshPending: boolean;
  online: boolean;
}

export function loadAppAnalytics(db: Db, merchantAppId: number, now: number): AppAnalytics {
  const yesterday = addDays(beijingDate(now), -1);
  const rows = dailyStats(db, merchantAppId, dateRange(yesterday, 30)[0], yesterday);
  const trend = rows.map((r) => ({
    date: r.reportDate,
    pv: r.appPv,
    uv: r.appUv,
    newUsers: r.newUserCnt,
    launches: r.launchCnt,
    shares: r.shareCnt,
    stayPerUser: r.avgStayTimePerUser,
    stayPerVisit: r.avgStayTimePerVisit,
  }));
  const today = beijingDate(now);
  // A snapshot from an earlier day is not today's: shown as none.
  const realtime = realtimeStats(db, merchantAppId).filter((r) => r.reportDate === today);
  const of = <T>(kind: string, fallback: T) => (realtime.find((r) => r.kind === kind)?.data as T | undefined) ?? fallback;
  const latestDaily = rows.reduce<Date | null>((m, r) => (!m || r.fetchedAt > m ? r.fetchedAt : m), null);
  const online = hasOnlineVersion(db, merchantAppId);
  return {
    yesterday,
    summary: trend.find((d) => d.date === yesterday) ?? null,
    trend,
    hourly: of<TrendRow[]>('trend', []),
    areas: of<VisitsToday>('areas', { appPv: 0, appUv: 0, areaDetailList: [] }).areaDetailList,
    pages: of<PageRow[]>('pages', []),
    realtimeAt: realtime.length ? realtime.reduce((m, r) => (r.fetchedAt > m ? r.fetchedAt : m), realtime[0].fetchedAt).toISOString() : null,
    dailyAt: latestDaily?.toISOString() ?? null,
    refreshPending: pendingRefresh(db, merchantAppId) !== null,
    online,
  };
}

export const FLEET_RANGES = [7, 30] as const;

export function loadFleetAnalytics(db: Db, days: (typeof FLEET_RANGES)[number], now: number) {
  const to = addDays(beijingDate(now), -1);
  const from = dateRange(to, days)[0];
  const daily = fleetDaily(db, from, to);
  const top = rankApps(db, from, to, 'desc', 10);
  // With few mini-programs the two lists would repeat each other: the bottom list leaves out those already on top.
  const bottom = rankApps(db, from, to, 'asc', 10).filter((b) => !top.some((x) => x.merchantAppId === b.merchantAppId));
  return {
    from,
    to,
    days,
    daily,
    totals: daily.reduce((s, d) => ({ pv: s.pv + d.pv, uv: s.uv + d.uv, newUsers: s.newUsers + d.newUsers }), { pv: 0, uv: 0, newUsers: 0 }),
    activeApps: Math.max(0, ...daily.map((d) => d.apps)),
    top,
    bottom,
  };
}
