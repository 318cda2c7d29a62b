// alipay.open.mini.data.* (contract §4 "Data analysis"): figures synthesized by the rule in rules/data-figures.ts,
// from the mini-program's release history only. Bad input → 40004 INVALID_PARAMETER (sandbox rule).
import { eq } from 'drizzle-orm';
import { versions } from '../db/schema';
import { businessError } from '../errors';
import { formatBeijing } from '../protocol/time';
import { areaRows, beijingDay, liveDays, pageRows, parseReportDate, realtimeToday, summaryFigures, TEMPLATE_PAGES } from '../rules/data-figures';
import { merchantOf, type MethodCall, type MethodTable } from './types';

const invalid = (why: string) => businessError('INVALID_PARAMETER', why);

function history(call: MethodCall) {
  const appId = merchantOf(call).appId;
  // Deleted versions were never online (only development and rejected versions can be deleted), so all rows count.
  const spans = call.ctx.db
    .select({ status: versions.status, gmtOnline: versions.gmtOnline, gmtOffline: versions.gmtOffline })
    .from(versions)
    .where(eq(versions.appId, appId))
    .all();
  return { appId, live: liveDays(spans, call.now) };
}

export const dataAnalysisMethods: MethodTable = {
  'alipay.open.mini.data.summary.query': {
    merchant: true,
    handle(call) {
      const text = call.fields.report_date;
      if (!text) throw invalid('参数 report_date 不能为空');
      const day = parseReportDate(text);
      if (day === null) throw invalid('参数 report_date 格式应为 yyyyMMdd');
      const { appId, live } = history(call);
      return summaryFigures(appId, day, live, beijingDay(call.now));
    },
  },
  'alipay.open.mini.data.visit.query': {
    merchant: true,
    handle(call) {
      const scope = call.fields.data_scope || 'APP_SUMMARY';
      if (scope !== 'APP_SUMMARY' && scope !== 'AREA_DETAIL') throw invalid('参数 data_scope 只能是 APP_SUMMARY 或 AREA_DETAIL');
      const province = call.fields.province_code || undefined;
      if (province !== undefined && !/^\d{6}$/.test(province)) throw invalid('参数 province_code 应为 6 位行政区划代码');
      const { appId, live } = history(call);
      const today = realtimeToday(appId, live, call.now);
      const totals = { app_pv: today.pv, app_uv: today.uv };
      if (scope === 'APP_SUMMARY') return totals;
      return { ...totals, area_detail_list: today.live ? areaRows(appId, today.pv, today.uv, province) : [] };
    },
  },
  'alipay.open.mini.data.visittrend.query': {
    merchant: true,
    handle(call) {
      const unit = call.fields.time_unit || 'HOUR';
      if (unit !== 'HOUR') throw invalid('参数 time_unit 只能是 HOUR');
      const { appId, live } = history(call);
      const today = realtimeToday(appId, live, call.now);
      const start = today.today * 86_400_000 - 8 * 3600_000;
      return {
        app_visit_trend_data_list_response: today.live
          ? today.rows.map((r) => ({ report_time: formatBeijing(start + r.hour * 3600_000), app_pv: r.app_pv, app_uv: r.app_uv }))
          : [],
      };
    },
  },
  'alipay.open.mini.data.page.query': {
    merchant: true,
    handle(call) {
      const { appId, live } = history(call);
      const today = realtimeToday(appId, live, call.now);
      return { page_visit_data_list_response: today.live ? pageRows(appId, TEMPLATE_PAGES, today.pv, today.uv) : [] };
    },
  },
};
