import { describe, expect, it } from 'vitest';
import { merchantApps } from '@/db/schema';
import type { BaseInfo } from '@/lib/alipay/base-info';
import { handleAuthorizationCallback } from '@/lib/authorization/callback';
import { createState } from '@/lib/authorization/state';
import { fakeAlipay, issued, ISV_APP_ID, refusal, setup } from '@/lib/authorization/testing/fixtures';
import { ActionError } from '@/lib/actions/result';
import { insertUser } from '@/lib/staff/data';
import { refreshMiniAppData, saveProfile, snapshotForPage } from './service';
import { profileSchema } from '@/lib/validation/profile';
import {
  invalidateSnapshot,
  isFresh,
  readSnapshot,
  refreshSnapshot,
  snapshotFresh,
  snapshotView,
  storeBaseInfo,
  storeOnlineVersion,
  SNAPSHOT_FRESH_MS,
  SNAPSHOT_MIN_INTERVAL_MS,
} from './snapshot';

const LIVE: BaseInfo = {
  appName: '青禾花坊',
  appEnglishName: undefined,
  appSlogan: '每天一束好花，送到您身边',
  appLogo: undefined,
  appDesc: undefined,
  servicePhone: undefined,
  serviceEmail: undefined,
  categoryNames: '零售_鲜花绿植',
  safeDomains: [],
  packageNames: [],
  registrationLimitRelease: undefined,
};
const at = (ms: number) => new Date(Date.UTC(2026, 11, 2, 10, 0, 0) + ms);

async function authorizedApp() {
  const s = setup();
  await handleAuthorizationCallback(
    { app_auth_code: 'c', state: createState(s.key, s.link.id, Date.now()) },
    { db: s.db, masterKey: s.key, cipher: s.cipher, isvAppId: ISV_APP_ID, exchange: async () => ({ tokens: [issued('2021000000002001')] }) },
  );
  return { ...s, app: s.db.select().from(merchantApps).get()! };
}

const calls = (exec: { mock: { calls: unknown[][] } }, method: string) => exec.mock.calls.filter((c) => c[0] === method).length;

describe('freshness', () => {
  it('counts a read as current for the freshness window only, and a missing read as stale', () => {
    expect(isFresh(null, at(0))).toBe(false);
    expect(isFresh(at(0), at(0))).toBe(true);
    expect(isFresh(at(0), at(SNAPSHOT_FRESH_MS - 1))).toBe(true);
    expect(isFresh(at(0), at(SNAPSHOT_FRESH_MS))).toBe(false);
    // A read from the future (clock moved back) is not trusted.
    expect(isFresh(at(1000), at(0))).toBe(false);
  });

  it('needs the online version too for the overview, only the base info for the profile', () => {
    const snap = { baseInfo: LIVE, fetchedAt: at(0), onlineVersion: null, onlineFetchedAt: null };
    expect(snapshotFresh(snap, 'baseInfo', at(1000))).toBe(true);
    expect(snapshotFresh(snap, 'overview', at(1000))).toBe(false);
    expect(snapshotFresh({ ...snap, onlineFetchedAt: at(0) }, 'overview', at(1000))).toBe(true);
  });
});

describe('snapshot store', () => {
  it('keeps base info and online version apart, shows the oldest read and marks a part stale without losing it', async () => {
    const { db, app } = await authorizedApp();
    expect(readSnapshot(db, app.id)).toEqual({ baseInfo: null, fetchedAt: null, onlineVersion: null, onlineFetchedAt: null });
    storeOnlineVersion(db, app.id, '1.0.0', at(0));
    expect(readSnapshot(db, app.id)).toMatchObject({ baseInfo: null, onlineVersion: '1.0.0', onlineFetchedAt: at(0) });
    storeBaseInfo(db, app.id, LIVE, at(5000));
    expect(readSnapshot(db, app.id)).toEqual({ baseInfo: LIVE, fetchedAt: at(5000), onlineVersion: '1.0.0', onlineFetchedAt: at(0) });

    const view = snapshotView([{ app, snapshot: readSnapshot(db, app.id) }], 'overview', at(6000));
    expect(view).toEqual({ merchantAppIds: [app.id], part: 'overview', fetchedAt: at(5000).toISOString(), stale: false });

    invalidateSnapshot(db, app.id, 'baseInfo');
    const after = readSnapshot(db, app.id);
    expect(after.baseInfo).toEqual(LIVE);
    expect(snapshotView([{ app, snapshot: after }], 'baseInfo', at(6000)).stale).toBe(true);
  });

  it('reads the platform into the snapshot, and not again within the minimum interval', async () => {
    const { db, cipher, app } = await authorizedApp();
    const { exec, client } = fakeAlipay({
      'alipay.open.mini.baseinfo.query': LIVE,
      'alipay.open.mini.version.list.query': { appVersionInfos: [{ appVersion: '1.2.0', versionStatus: 'RELEASE' }] },
    });
    const first = await refreshSnapshot(db, app.id, 'overview', { cipher, client, now: at(0) });
    expect(first).toMatchObject({ baseInfo: { appName: '青禾花坊' }, onlineVersion: '1.2.0', fetchedAt: at(0), onlineFetchedAt: at(0) });
    await refreshSnapshot(db, app.id, 'overview', { cipher, client, now: at(SNAPSHOT_MIN_INTERVAL_MS - 1) });
    expect(calls(exec, 'alipay.open.mini.baseinfo.query')).toBe(1);
    await refreshSnapshot(db, app.id, 'overview', { cipher, client, now: at(SNAPSHOT_MIN_INTERVAL_MS) });
    expect(calls(exec, 'alipay.open.mini.baseinfo.query')).toBe(2);
    expect(calls(exec, 'alipay.open.mini.version.list.query')).toBe(2);
  });

  it('keeps the stored data when a read fails, and answers with the platform text', async () => {
    const { db, cipher, app } = await authorizedApp();
    storeBaseInfo(db, app.id, LIVE, at(0));
    const { client } = fakeAlipay({ 'alipay.open.mini.baseinfo.query': refusal('40004', 'isp.unknow-error', '系统繁忙') });
    const error = await refreshMiniAppData(db, app.id, 'baseInfo', { cipher, client, now: at(SNAPSHOT_FRESH_MS * 2) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect(readSnapshot(db, app.id)).toEqual({ baseInfo: LIVE, fetchedAt: at(0), onlineVersion: null, onlineFetchedAt: null });
  });
});

describe('a page\'s snapshot', () => {
  it('reads the platform only for a mini-program never read, and renders what is stored otherwise', async () => {
    const { db, cipher, app } = await authorizedApp();
    const { exec, client } = fakeAlipay({
      'alipay.open.mini.baseinfo.query': LIVE,
      'alipay.open.mini.version.list.query': { appVersionInfos: [] },
    });
    const first = await snapshotForPage(db, app.id, 'overview', { cipher, client, now: at(0) });
    expect(first).toMatchObject({ baseInfo: { appName: '青禾花坊' }, onlineVersion: null, onlineFetchedAt: at(0) });
    const calls0 = exec.mock.calls.length;
    // Long past the freshness window: still rendered from the store; the browser's refresh reads the platform.
    const later = await snapshotForPage(db, app.id, 'overview', { cipher, client, now: at(SNAPSHOT_FRESH_MS * 10) });
    expect(later.fetchedAt).toEqual(at(0));
    expect(exec.mock.calls.length).toBe(calls0);
  });

  it('renders without the platform data when the first read fails', async () => {
    const { db, cipher, app } = await authorizedApp();
    const { client } = fakeAlipay({ 'alipay.open.mini.baseinfo.query': refusal('40004', 'isp.unknow-error', '系统繁忙') });
    expect(await snapshotForPage(db, app.id, 'baseInfo', { cipher, client, now: at(0) })).toEqual({ baseInfo: null, fetchedAt: null, onlineVersion: null, onlineFetchedAt: null });
  });
});

describe('saving from an older snapshot', () => {
  it('does not send back a field the form left as shown when the platform has changed it since', async () => {
    const { db, cipher, app } = await authorizedApp();
    const user = insertUser(db, { email: 'op@x.cn', name: 'op', role: 'operator', passwordHash: 'x' });
    const newer = { ...LIVE, appDesc: '提供花束与绿植的在线预订、同城配送和节日定制服务。', servicePhone: '0571-88886666', appSlogan: '平台上刚改过的简介文字' };
    const { exec, client } = fakeAlipay({
      'alipay.open.mini.baseinfo.query': newer,
      'alipay.open.mini.version.list.query': { appVersionInfos: [] },
      'alipay.open.mini.category.query': { miniCategoryList: [] },
      'alipay.open.mini.baseinfo.modify': { modifyStatus: 'EFFECTIVE' },
    });
    const shown = { appName: LIVE.appName, appEnglishName: '', appSlogan: LIVE.appSlogan, appDesc: newer.appDesc, servicePhone: newer.servicePhone, serviceEmail: '', categoryIds: [] };
    const input = profileSchema.parse({ merchantAppId: app.id, ...shown, servicePhone: '0571-88889999', categoryIds: ['1002_100203'], nameLocked: false, startedFrom: { ...shown, categoryIds: ['1002_100203'] } });
    const result = await saveProfile(db, { id: user.id, email: 'op@x.cn' }, input, { cipher, client, now: at(0) });
    expect(result.changed).toEqual(['servicePhone']);
    const modify = exec.mock.calls.find((c) => c[0] === 'alipay.open.mini.baseinfo.modify')!;
    const form = modify[2].formData as { fields: { name: string; value: string }[] } | undefined;
    const sent = form ? Object.fromEntries(form.fields.map((f) => [f.name, f.value])) : (modify[1] as Record<string, unknown>);
    expect(sent).not.toHaveProperty('app_slogan');
    expect(sent).toMatchObject({ service_phone: '0571-88889999' });
    // The page's snapshot is what the platform answered after the save.
    expect(readSnapshot(db, app.id)).toMatchObject({ baseInfo: { appSlogan: '平台上刚改过的简介文字' }, fetchedAt: at(0) });
  });
});
