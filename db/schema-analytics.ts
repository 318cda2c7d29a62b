// Data analysis (contract §4 "Data analysis"): the platform's figures, fetched by the worker and kept here so pages
// read the console's own tables and history survives. Re-exported from db/schema.ts.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { merchantApps } from './schema-core';

/** One mini-program's summary.query figures for one Beijing date; (app, date) is the key, so a re-fetch overwrites. */
export const miniAppDailyStats = sqliteTable(
  'mini_app_daily_stats',
  {
    merchantAppId: integer('merchant_app_id')
      .notNull()
      .references(() => merchantApps.id, { onDelete: 'cascade' }),
    /** Beijing date `yyyy-MM-dd` (sorts as text). */
    reportDate: text('report_date').notNull(),
    appPv: integer('app_pv').notNull().default(0),
    appUv: integer('app_uv').notNull().default(0),
    newUserCnt: integer('new_user_cnt').notNull().default(0),
    launchCnt: integer('launch_cnt').notNull().default(0),
    shareCnt: integer('share_cnt').notNull().default(0),
    shareUserCnt: integer('share_user_cnt').notNull().default(0),
    userCntDst: integer('user_cnt_dst').notNull().default(0),
    userCnt7d: integer('user_cnt_7_d').notNull().default(0),
    userCnt30d: integer('user_cnt_30_d').notNull().default(0),
    avgStayTimePerUser: integer('avg_stay_time_per_user').notNull().default(0),
    avgStayTimePerVisit: integer('avg_stay_time_per_visit').notNull().default(0),
    fetchedAt: integer('fetched_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.merchantAppId, t.reportDate] }),
    // The fleet view sums a date range over every mini-program.
    index('mini_app_daily_stats_date_idx').on(t.reportDate, t.merchantAppId, t.appUv),
  ],
);
export type MiniAppDailyStat = typeof miniAppDailyStats.$inferSelect;
export type NewMiniAppDailyStat = typeof miniAppDailyStats.$inferInsert;

export const REALTIME_KINDS = ['trend', 'areas', 'pages'] as const;
export type RealtimeKind = (typeof REALTIME_KINDS)[number];

/** The latest answer of a real-time method (today's hourly trend, visits by area, by page), as parsed JSON. */
export const miniAppRealtimeStats = sqliteTable(
  'mini_app_realtime_stats',
  {
    merchantAppId: integer('merchant_app_id')
      .notNull()
      .references(() => merchantApps.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: REALTIME_KINDS }).notNull(),
    /** Beijing date the snapshot belongs to: yesterday's snapshot is not shown as today's. */
    reportDate: text('report_date').notNull(),
    data: text('data').notNull(),
    fetchedAt: integer('fetched_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.merchantAppId, t.kind] })],
);
export type MiniAppRealtimeStat = typeof miniAppRealtimeStats.$inferSelect;

/** Staff asked for fresh figures of a mini-program: the worker's next sweep fetches them and removes the row. */
export const analyticsRefreshRequests = sqliteTable('analytics_refresh_requests', {
  merchantAppId: integer('merchant_app_id')
    .primaryKey()
    .references(() => merchantApps.id, { onDelete: 'cascade' }),
  requestedAt: integer('requested_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
});
