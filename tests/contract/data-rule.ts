// The contract's synthesized-figures rule (§4 "Data analysis"), transcribed on the test side from the contract text
// alone, so tests compare the sandbox (and the console's pages) with the rule rather than with the sandbox's own code.
// Only what a mini-program's consecutive live days need: it went online `liveDaysBefore` days before D.
import crypto from 'node:crypto';

const h = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest().readUInt32BE(0) / 4294967296;

/** `yyyyMMdd` of the Beijing date `daysAgo` days before the Beijing date of `now`. */
export function beijingCompact(now: number, daysAgo: number): string {
  const d = new Date(now + 8 * 3600_000 - daysAgo * 86_400_000);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

export interface ExpectedDay {
  app_pv: number;
  app_uv: number;
  new_user_cnt: number;
  launch_cnt: number;
  share_cnt: number;
  share_user_cnt: number;
  avg_stay_time_per_visit: number;
  avg_stay_time_per_user: number;
}

/** The figures of M on D (`yyyyMMdd`) when D is its n-th live day (n = 1 on the first). */
export function expectedDay(m: string, d: string, n: number): ExpectedDay {
  const k = (name: string) => h(`${m}|${d}|${name}`);
  const S = 200 + Math.floor(1800 * h(m));
  const ramp = Math.min(1, n / 14);
  const dow = new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8)))).getUTCDay();
  const wk = dow === 0 || dow === 6 ? 1.25 : 1;
  const uv = Math.max(1, Math.round(S * ramp * wk * (0.8 + 0.4 * k('uv'))));
  const launch = Math.round(uv * (1.1 + 0.5 * k('launch')));
  const shareUsers = Math.round(uv * 0.03 * (0.5 + k('share')));
  const stay = 20 + Math.floor(100 * k('stay'));
  return {
    app_uv: uv,
    app_pv: Math.round(uv * (2.5 + 2 * k('pv'))),
    launch_cnt: launch,
    new_user_cnt: n === 1 ? uv : Math.round(uv * (0.15 + 0.25 * k('new'))),
    share_user_cnt: shareUsers,
    share_cnt: shareUsers + Math.round(shareUsers * k('sharecnt')),
    avg_stay_time_per_visit: stay,
    avg_stay_time_per_user: Math.round((stay * launch) / uv),
  };
}
