// The sandbox's synthesized data-analysis figures (contract §4 "Data analysis", sandbox rule): deterministic per
// mini-program M and Beijing date D, with no stored figures — only the release history says on which days M was live.
import crypto from 'node:crypto';

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3600_000;

/** Days since 1970-01-01 of the Beijing date `ms` falls on. */
export function beijingDay(ms: number): number {
  return Math.floor((ms + BEIJING_OFFSET_MS) / DAY_MS);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `yyyyMMdd` of a Beijing day number. */
export function compactDate(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}

/** A `yyyyMMdd` or `yyyy-MM-dd` date as a day number, or null when malformed. */
export function parseReportDate(text: string): number | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = m.slice(1).map(Number);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

/** h(s): the first 4 bytes of SHA-256(s) as a big-endian unsigned integer, / 2^32. */
export function h(s: string): number {
  return crypto.createHash('sha256').update(s, 'utf8').digest().readUInt32BE(0) / 2 ** 32;
}

/** A version's time online, for deciding the live days. */
export interface ReleaseSpan {
  status: string;
  gmtOnline: number | null;
  gmtOffline: number | null;
}

/** The Beijing days on which some version was RELEASE at any time of the day, in order. */
export function liveDays(spans: readonly ReleaseSpan[], now: number): number[] {
  const days = new Set<number>();
  for (const s of spans) {
    if (s.gmtOnline === null) continue;
    const end = s.status === 'RELEASE' ? now : s.gmtOffline !== null && s.gmtOffline >= s.gmtOnline ? s.gmtOffline : s.gmtOnline;
    for (let d = beijingDay(s.gmtOnline); d <= beijingDay(end); d++) days.add(d);
  }
  return [...days].sort((a, b) => a - b);
}

export interface DailyFigures {
  app_pv: number;
  app_uv: number;
  new_user_cnt: number;
  launch_cnt: number;
  share_cnt: number;
  share_user_cnt: number;
  avg_stay_time_per_visit: number;
  avg_stay_time_per_user: number;
}

const ZERO_DAY: DailyFigures = { app_pv: 0, app_uv: 0, new_user_cnt: 0, launch_cnt: 0, share_cnt: 0, share_user_cnt: 0, avg_stay_time_per_visit: 0, avg_stay_time_per_user: 0 };

/** The day's own figures of M on D (zeros when M was not live on D). */
export function dailyFigures(appId: string, day: number, live: readonly number[]): DailyFigures {
  const n = live.filter((d) => d <= day).length;
  if (!live.includes(day)) return { ...ZERO_DAY };
  const key = (name: string) => h(`${appId}|${compactDate(day)}|${name}`);
  const scale = 200 + Math.floor(1800 * h(appId));
  const ramp = Math.min(1, n / 14);
  const weekday = new Date(day * DAY_MS).getUTCDay();
  const wk = weekday === 0 || weekday === 6 ? 1.25 : 1;
  const uv = Math.max(1, Math.round(scale * ramp * wk * (0.8 + 0.4 * key('uv'))));
  const pv = Math.round(uv * (2.5 + 2 * key('pv')));
  const launch = Math.round(uv * (1.1 + 0.5 * key('launch')));
  const fresh = n === 1 ? uv : Math.round(uv * (0.15 + 0.25 * key('new')));
  const shareUsers = Math.round(uv * 0.03 * (0.5 + key('share')));
  const shares = shareUsers + Math.round(shareUsers * key('sharecnt'));
  const stayVisit = 20 + Math.floor(100 * key('stay'));
  return {
    app_pv: pv,
    app_uv: uv,
    new_user_cnt: fresh,
    launch_cnt: launch,
    share_cnt: shares,
    share_user_cnt: shareUsers,
    avg_stay_time_per_visit: stayVisit,
    avg_stay_time_per_user: Math.round((stayVisit * launch) / uv),
  };
}

/** summary.query's answer for M on D: the day's figures plus the cumulative and 7/30-day ones. */
export function summaryFigures(appId: string, day: number, live: readonly number[], today: number) {
  const zero = { ...ZERO_DAY, launch_cnt_dst: 0, share_cnt_dst: 0, share_user_cnt_dst: 0, user_cnt_dst: 0, user_cnt_7_d: 0, user_cnt_30_d: 0 };
  // Daily figures are final the next day: today and later answer zeros.
  if (day >= today || !live.includes(day)) return zero;
  const upTo = live.filter((d) => d <= day).map((d) => dailyFigures(appId, d, live));
  const sum = (f: (x: DailyFigures) => number, rows: DailyFigures[]) => rows.reduce((s, x) => s + f(x), 0);
  const window = (days: number) => live.filter((d) => d <= day && d > day - days).map((d) => dailyFigures(appId, d, live));
  return {
    ...dailyFigures(appId, day, live),
    launch_cnt_dst: sum((x) => x.launch_cnt, upTo),
    share_cnt_dst: sum((x) => x.share_cnt, upTo),
    share_user_cnt_dst: sum((x) => x.share_user_cnt, upTo),
    user_cnt_dst: sum((x) => x.new_user_cnt, upTo),
    user_cnt_7_d: Math.round(0.6 * sum((x) => x.app_uv, window(7))),
    user_cnt_30_d: Math.round(0.45 * sum((x) => x.app_uv, window(30))),
  };
}

/** The fixed hourly curve w0…w23 (sums to 1): low at night, peaks around 12:00 and 20:00. */
const RAW_CURVE = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.2, 2.5, 3.8, 4.2, 4.6, 5.6, 6.8, 5.8, 4.6, 4.2, 4.4, 5, 6, 7.2, 7.8, 6.4, 4.2, 2];
const CURVE_SUM = RAW_CURVE.reduce((s, x) => s + x, 0);
export const HOURLY_CURVE: readonly number[] = RAW_CURVE.map((x) => x / CURVE_SUM);

/** Today's real-time view: one row per completed Beijing hour, and totals including the current hour's elapsed share. */
export function realtimeToday(appId: string, live: readonly number[], now: number) {
  const today = beijingDay(now);
  const daily = dailyFigures(appId, today, live);
  const sinceMidnight = now + BEIJING_OFFSET_MS - today * DAY_MS;
  const hour = Math.floor(sinceMidnight / 3600_000);
  const elapsed = (sinceMidnight - hour * 3600_000) / 3600_000;
  const rows = [];
  for (let i = 0; i < hour; i++) {
    rows.push({ hour: i, app_pv: Math.round(daily.app_pv * HOURLY_CURVE[i]), app_uv: Math.round(daily.app_uv * HOURLY_CURVE[i]) });
  }
  const pv = rows.reduce((s, r) => s + r.app_pv, 0) + Math.round(daily.app_pv * HOURLY_CURVE[hour] * elapsed);
  const uv = rows.reduce((s, r) => s + r.app_uv, 0) + Math.round(daily.app_uv * HOURLY_CURVE[hour] * elapsed);
  return { today, live: live.includes(today), rows, pv, uv };
}

/** The 8 provinces the sandbox reports, each with a few cities; everything else is "其他". */
export const AREAS: ReadonlyArray<{ code: string; name: string; cities: ReadonlyArray<{ code: string; name: string }> }> = [
  { code: '310000', name: '上海市', cities: [{ code: '310100', name: '上海市' }] },
  { code: '110000', name: '北京市', cities: [{ code: '110100', name: '北京市' }] },
  { code: '440000', name: '广东省', cities: [{ code: '440100', name: '广州市' }, { code: '440300', name: '深圳市' }, { code: '440600', name: '佛山市' }] },
  { code: '330000', name: '浙江省', cities: [{ code: '330100', name: '杭州市' }, { code: '330200', name: '宁波市' }, { code: '330300', name: '温州市' }] },
  { code: '320000', name: '江苏省', cities: [{ code: '320100', name: '南京市' }, { code: '320500', name: '苏州市' }, { code: '320200', name: '无锡市' }] },
  { code: '510000', name: '四川省', cities: [{ code: '510100', name: '成都市' }, { code: '510700', name: '绵阳市' }] },
  { code: '420000', name: '湖北省', cities: [{ code: '420100', name: '武汉市' }, { code: '420500', name: '宜昌市' }] },
  { code: '370000', name: '山东省', cities: [{ code: '370100', name: '济南市' }, { code: '370200', name: '青岛市' }] },
];

/** Splits totals over weighted rows, rounding each down (rows never add up to more than the totals). */
export function split<T>(items: readonly T[], weight: (item: T) => number, pv: number, uv: number) {
  const weights = items.map(weight);
  const total = weights.reduce((s, w) => s + w, 0);
  return items.map((item, i) => ({ item, pv: Math.floor((pv * weights[i]) / total), uv: Math.floor((uv * weights[i]) / total) }));
}

export function areaRows(appId: string, pv: number, uv: number, provinceCode?: string) {
  const row = (code: string, name: string, f: { pv: number; uv: number }) => ({ area_code: code, area_name: name, area_pv: f.pv, area_uv: f.uv });
  const provinces = split([...AREAS.map((a) => ({ code: a.code, name: a.name })), { code: '', name: '其他' }], (a) => 0.2 + h(`${appId}|${a.code}`), pv, uv);
  if (provinceCode === undefined) return provinces.map((p) => row(p.item.code, p.item.name, p));
  const province = AREAS.find((a) => a.code === provinceCode);
  if (!province) return [row('', '其他', { pv: 0, uv: 0 })];
  const share = provinces.find((p) => p.item.code === provinceCode)!;
  return split(province.cities, (c) => 0.2 + h(`${appId}|${c.code}`), share.pv, share.uv).map((c) => row(c.item.code, c.item.name, c));
}

/** The page list every sandbox template declares (its versions' pages), home page first. */
export const TEMPLATE_PAGES = ['pages/index/index', 'pages/menu/menu', 'pages/order/order', 'pages/member/member', 'pages/about/about'] as const;

/** The first page weighs three times its own `0.2 + h(M|path)`, the others that weight once. */
export function pageRows(appId: string, pages: readonly string[], pv: number, uv: number) {
  return split(pages, (p) => (p === pages[0] ? 3 : 1) * (0.2 + h(`${appId}|${p}`)), pv, uv).map((r) => ({ url: r.item, page_pv: r.pv, page_uv: r.uv }));
}
