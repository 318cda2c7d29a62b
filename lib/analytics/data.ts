// Data analysis: the console's stored figures. Writes come from the worker's figure job; pages read only these.
import 'server-only';
import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import {
  analyticsRefreshRequests,
  merchantApps,
  merchants,
  miniAppDailyStats,
  miniAppRealtimeStats,
  miniAppVersions,
  type MiniAppDailyStat,
  type NewMiniAppDailyStat,
  type RealtimeKind,
} from '@/db/schema';

/** Stores one day's figures; fetching a day again replaces its row (one row per mini-program and date). */
export function upsertDailyStat(db: Db, row: NewMiniAppDailyStat): void {
  const { merchantAppId: _a, reportDate: _d, ...figures } = row;
  db.insert(miniAppDailyStats)
    .values(row)
    .onConflictDoUpdate({ target: [miniAppDailyStats.merchantAppId, miniAppDailyStats.reportDate], set: figures })
    .run();
}

export function saveRealtime(db: Db, merchantAppId: number, kind: RealtimeKind, reportDate: string, data: unknown, at: Date): void {
  const values = { merchantAppId, kind, reportDate, data: JSON.stringify(data), fetchedAt: at };
  db.insert(miniAppRealtimeStats)
    .values(values)
    .onConflictDoUpdate({ target: [miniAppRealtimeStats.merchantAppId, miniAppRealtimeStats.kind], set: { reportDate, data: values.data, fetchedAt: at } })
    .run();
}

export function requestRefresh(db: Db, merchantAppId: number, at: Date): void {
  db.insert(analyticsRefreshRequests)
    .values({ merchantAppId, requestedAt: at })
    .onConflictDoUpdate({ target: analyticsRefreshRequests.merchantAppId, set: { requestedAt: at } })
    .run();
}

export function pendingRefresh(db: Db, merchantAppId: number): Date | null {
  return db.select().from(analyticsRefreshRequests).where(eq(analyticsRefreshRequests.merchantAppId, merchantAppId)).get()?.requestedAt ?? null;
}

export function refreshRequests(db: Db, limit: number): number[] {
  return db
    .select({ id: analyticsRefreshRequests.merchantAppId })
    .from(analyticsRefreshRequests)
    .orderBy(asc(analyticsRefreshRequests.requestedAt))
    .limit(limit)
    .all()
    .map((r) => r.id);
}

/** Removes a request once served, unless staff asked again after the job started. */
export function clearRefresh(db: Db, merchantAppId: number, startedAt: Date): void {
  db.delete(analyticsRefreshRequests)
    .where(and(eq(analyticsRefreshRequests.merchantAppId, merchantAppId), lte(analyticsRefreshRequests.requestedAt, startedAt)))
    .run();
}

/** Mini-programs the platform has figures for: authorized, and online now or at some time (by the console's records). */
export function miniAppsWithFigures(db: Db): { merchantAppId: number; firstOnline: Date | null }[] {
  return db
    .select({ merchantAppId: merchantApps.id, firstOnline: sql<number | null>`min(${miniAppVersions.gmtOnline})` })
    .from(miniAppVersions)
    .innerJoin(merchantApps, eq(merchantApps.id, miniAppVersions.merchantAppId))
    .where(and(eq(merchantApps.status, 'authorized'), sql`(${miniAppVersions.status} = 'RELEASE' OR ${miniAppVersions.gmtOnline} IS NOT NULL)`))
    .groupBy(merchantApps.id)
    .all()
    .map((r) => ({ merchantAppId: r.merchantAppId, firstOnline: r.firstOnline === null ? null : new Date(Number(r.firstOnline)) }));
}

/** The dates stored per mini-program from `from` on. */
export function storedDates(db: Db, from: string, merchantAppIds?: number[]): Map<number, Set<string>> {
  const rows = db
    .select({ id: miniAppDailyStats.merchantAppId, date: miniAppDailyStats.reportDate })
    .from(miniAppDailyStats)
    .where(and(gte(miniAppDailyStats.reportDate, from), merchantAppIds ? inArray(miniAppDailyStats.merchantAppId, merchantAppIds) : undefined))
    .all();
  const out = new Map<number, Set<string>>();
  for (const r of rows) {
    let set = out.get(r.id);
    if (!set) out.set(r.id, (set = new Set()));
    set.add(r.date);
  }
  return out;
}

// ── Reads for the pages ──────────────────────────────────────────────────────────────────────────────────────

export function dailyStats(db: Db, merchantAppId: number, from: string, to: string): MiniAppDailyStat[] {
  return db
    .select()
    .from(miniAppDailyStats)
    .where(and(eq(miniAppDailyStats.merchantAppId, merchantAppId), gte(miniAppDailyStats.reportDate, from), lte(miniAppDailyStats.reportDate, to)))
    .orderBy(asc(miniAppDailyStats.reportDate))
    .all();
}

export function realtimeStats(db: Db, merchantAppId: number): { kind: RealtimeKind; reportDate: string; data: unknown; fetchedAt: Date }[] {
  return db
    .select()
    .from(miniAppRealtimeStats)
    .where(eq(miniAppRealtimeStats.merchantAppId, merchantAppId))
    .all()
    .map((r) => ({ kind: r.kind, reportDate: r.reportDate, data: JSON.parse(r.data) as unknown, fetchedAt: r.fetchedAt }));
}

export interface FleetDay {
  date: string;
  pv: number;
  uv: number;
  newUsers: number;
  apps: number;
}

/** The fleet's sums per day over [from, to]. */
export function fleetDaily(db: Db, from: string, to: string): FleetDay[] {
  return db
    .select({
      date: miniAppDailyStats.reportDate,
      pv: sql<number>`sum(${miniAppDailyStats.appPv})`,
      uv: sql<number>`sum(${miniAppDailyStats.appUv})`,
      newUsers: sql<number>`sum(${miniAppDailyStats.newUserCnt})`,
      apps: sql<number>`sum(${miniAppDailyStats.appUv} > 0)`,
    })
    .from(miniAppDailyStats)
    .where(and(gte(miniAppDailyStats.reportDate, from), lte(miniAppDailyStats.reportDate, to)))
    .groupBy(miniAppDailyStats.reportDate)
    .orderBy(asc(miniAppDailyStats.reportDate))
    .all()
    .map((r) => ({ date: r.date, pv: Number(r.pv), uv: Number(r.uv), newUsers: Number(r.newUsers), apps: Number(r.apps) }));
}

export interface RankedApp {
  merchantAppId: number;
  authAppId: string;
  appName: string | null;
  merchantId: number;
  merchantName: string;
  /** Daily users summed over the range (users counted once per day they came). */
  uv: number;
  pv: number;
}

/** Mini-programs with figures in [from, to], ranked by users: the top (`desc`) or the bottom (`asc`). */
export function rankApps(db: Db, from: string, to: string, order: 'asc' | 'desc', limit: number): RankedApp[] {
  const uv = sql<number>`sum(${miniAppDailyStats.appUv})`;
  return db
    .select({
      merchantAppId: merchantApps.id,
      authAppId: merchantApps.authAppId,
      appName: merchantApps.appName,
      merchantId: merchants.id,
      merchantName: merchants.name,
      uv,
      pv: sql<number>`sum(${miniAppDailyStats.appPv})`,
    })
    .from(miniAppDailyStats)
    .innerJoin(merchantApps, eq(merchantApps.id, miniAppDailyStats.merchantAppId))
    .innerJoin(merchants, eq(merchants.id, merchantApps.merchantId))
    .where(and(gte(miniAppDailyStats.reportDate, from), lte(miniAppDailyStats.reportDate, to)))
    .groupBy(merchantApps.id)
    .orderBy(order === 'desc' ? desc(uv) : asc(uv), asc(merchantApps.id))
    .limit(limit)
    .all()
    .map((r) => ({ ...r, uv: Number(r.uv), pv: Number(r.pv) }));
}
