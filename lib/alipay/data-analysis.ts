// Data analysis (contract §4 "Data analysis"), read tolerantly (§8): a missing figure is 0, a missing list empty,
// numbers may come as strings, unknown fields are ignored.
import 'server-only';
import { z } from 'zod';
import { getAlipayClient, type AlipayClient } from './client';
import { integer, list, merchantRequest, optionalText, type MerchantScope } from './common';

const figure = integer.nullish().transform((v) => v ?? 0);

const summarySchema = z.object({
  appPv: figure,
  appUv: figure,
  newUserCnt: figure,
  launchCnt: figure,
  launchCntDst: figure,
  shareCnt: figure,
  shareCntDst: figure,
  shareUserCnt: figure,
  shareUserCntDst: figure,
  userCntDst: figure,
  userCnt7D: figure,
  userCnt30D: figure,
  avgStayTimePerUser: figure,
  avgStayTimePerVisit: figure,
});

export interface DailySummary {
  appPv: number;
  appUv: number;
  newUserCnt: number;
  launchCnt: number;
  launchCntDst: number;
  shareCnt: number;
  shareCntDst: number;
  shareUserCnt: number;
  shareUserCntDst: number;
  userCntDst: number;
  userCnt7d: number;
  userCnt30d: number;
  avgStayTimePerUser: number;
  avgStayTimePerVisit: number;
}

/** `yyyy-MM-dd` → `yyyyMMdd`, the form the sibling resource.data.query documents. */
const compact = (date: string) => date.replaceAll('-', '');

/** The daily overview of one Beijing date (`yyyy-MM-dd`); final only from the next day on. */
export async function querySummary(input: MerchantScope & { date: string }, client: AlipayClient = getAlipayClient()): Promise<DailySummary> {
  const raw = await client.call('alipay.open.mini.data.summary.query', summarySchema, merchantRequest(input, { report_date: compact(input.date) }));
  // alipay-sdk camel-cases `user_cnt_7_d` as `userCnt7D`; named plainly here.
  const { userCnt7D, userCnt30D, ...rest } = raw;
  return { ...rest, userCnt7d: userCnt7D, userCnt30d: userCnt30D };
}

const areaSchema = z.object({ areaCode: optionalText, areaName: optionalText, areaPv: figure, areaUv: figure });
const visitSchema = z.object({ appPv: figure, appUv: figure, areaDetailList: list(areaSchema) });
export type VisitsToday = z.output<typeof visitSchema>;

/** Today's visits so far, with one row per province (or per city of `provinceCode`). */
export function queryVisitsByArea(input: MerchantScope & { provinceCode?: string }, client: AlipayClient = getAlipayClient()): Promise<VisitsToday> {
  return client.call('alipay.open.mini.data.visit.query', visitSchema, merchantRequest(input, { data_scope: 'AREA_DETAIL', province_code: input.provinceCode }));
}

const trendSchema = z
  .object({ appVisitTrendDataListResponse: list(z.object({ reportTime: optionalText, appPv: figure, appUv: figure })) })
  .transform((r) => r.appVisitTrendDataListResponse);
export type TrendRow = z.output<typeof trendSchema>[number];

/** Today's visits per completed hour (`reportTime` is the hour's start, Beijing time). */
export function queryHourlyTrend(input: MerchantScope, client: AlipayClient = getAlipayClient()): Promise<TrendRow[]> {
  return client.call('alipay.open.mini.data.visittrend.query', trendSchema, merchantRequest(input, { time_unit: 'HOUR' }));
}

const pagesSchema = z
  .object({ pageVisitDataListResponse: list(z.object({ url: optionalText, pagePv: figure, pageUv: figure })) })
  .transform((r) => r.pageVisitDataListResponse);
export type PageRow = z.output<typeof pagesSchema>[number];

/** Visits per page path. */
export function queryPageVisits(input: MerchantScope, client: AlipayClient = getAlipayClient()): Promise<PageRow[]> {
  return client.call('alipay.open.mini.data.page.query', pagesSchema, merchantRequest(input));
}
