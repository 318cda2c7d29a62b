import { describe, expect, it } from 'vitest';
import { merchantApps, pageCodes, qrRoutePages } from '@/db/schema';
import { ActionError } from '@/lib/actions/result';
import { handleAuthorizationCallback } from '@/lib/authorization/callback';
import { createState } from '@/lib/authorization/state';
import { fakeAlipay, issued, ISV_APP_ID, refusal, setup } from '@/lib/authorization/testing/fixtures';
import { insertUser } from '@/lib/staff/data';
import { bindRouteSchema, pageCodeSchema } from '@/lib/validation/codes';
import { zipCodes } from './images';
import { bindFromTab, generateFromTab, loadRoutes } from './service';
import JSZip from 'jszip';
import { zhText } from '@/lib/testing/text';

const actor = { id: 1, email: 'op@x.cn' };

async function authorizedApp() {
  const s = setup();
  insertUser(s.db, { email: actor.email, name: 'op', role: 'operator', passwordHash: 'x' });
  await handleAuthorizationCallback(
    { app_auth_code: 'c', state: createState(s.key, s.link.id, Date.now()) },
    { db: s.db, masterKey: s.key, cipher: s.cipher, isvAppId: ISV_APP_ID, exchange: async () => ({ tokens: [issued('2021000000004001')] }) },
  );
  return { ...s, app: s.db.select().from(merchantApps).get()! };
}

async function refusedWith(p: Promise<unknown>): Promise<ActionError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ActionError);
  return e as ActionError;
}

const ONLINE = { appVersionInfos: [{ appVersion: '1.0.2', versionStatus: 'RELEASE' }] };
const IMAGES = { qrCodeUrl: 'https://img.example/s.png', qrCodeUrlCircleWhite: 'https://img.example/w.png', qrCodeUrlCircleBlue: 'https://img.example/b.png' };

describe('page codes', () => {
  it('refuses on the page field when nothing is online, without asking for a code', async () => {
    const { db, cipher, app } = await authorizedApp();
    const { exec, client } = fakeAlipay({ 'alipay.open.mini.version.list.query': { appVersionInfos: [] }, 'alipay.open.app.qrcode.create': IMAGES });
    const e = await refusedWith(generateFromTab(db, actor, pageCodeSchema.parse({ merchantAppId: app.id, urlParam: 'pages/index/index', describe: '桌码' }), { cipher, client }));
    expect(e).toMatchObject({ message: 'codes.errors.noOnline', options: { field: 'urlParam' } });
    expect(exec.mock.calls.map((c) => c[0])).not.toContain('alipay.open.app.qrcode.create');
    expect(db.select().from(pageCodes).all()).toEqual([]);
  });

  it('sends the page, query, size and colour as the platform wants them, and keeps the three images in the history', async () => {
    const { db, cipher, app } = await authorizedApp();
    const { exec, client } = fakeAlipay({ 'alipay.open.mini.version.list.query': ONLINE, 'alipay.open.app.qrcode.create': IMAGES });
    const input = pageCodeSchema.parse({ merchantAppId: app.id, urlParam: '/pages/shop/shop', queryParam: 'table=8', describe: '8 号桌', size: 'l', color: '#00bfff' });
    const result = await generateFromTab(db, actor, input, { cipher, client });
    expect(exec.mock.calls.find((c) => c[0] === 'alipay.open.app.qrcode.create')![1].bizContent).toMatchObject({
      url_param: 'pages/shop/shop',
      query_param: 'table=8',
      describe: '8 号桌',
      size: 'l',
      color: '0x00BFFF',
    });
    expect(result).toMatchObject({ onlineVersion: '1.0.2', qrCodeUrl: IMAGES.qrCodeUrl });
    expect(db.select().from(pageCodes).all()).toMatchObject([
      { id: result.id, urlParam: 'pages/shop/shop', describe: '8 号桌', circleBlueUrl: IMAGES.qrCodeUrlCircleBlue, actorEmail: actor.email, batchId: null },
    ]);
  });

  it('zips a batch’s images in a folder per merchant and lists what could not be fetched', async () => {
    const code = { ...{ qrCodeUrl: 'https://img/1', circleWhiteUrl: 'https://img/2', circleBlueUrl: null }, describe: '首页/推广' };
    const zip = await zipCodes(
      [
        { merchantName: '青禾花坊', authAppId: '2021001', code },
        { merchantName: '鹿鸣:茶室', authAppId: '2021002', code: { ...code, circleWhiteUrl: 'https://img/broken' } },
      ],
      async (url) => {
        if (url.endsWith('broken')) throw new Error('404');
        return { bytes: Buffer.from(url), type: 'image/png' };
      },
    );
    const names = Object.keys((await JSZip.loadAsync(zip)).files).sort();
    expect(names).toEqual(
      ['失败清单.txt', '青禾花坊_2021001/', '青禾花坊_2021001/首页_推广-square.png', '青禾花坊_2021001/首页_推广-white.png', '鹿鸣_茶室_2021002/', '鹿鸣_茶室_2021002/首页_推广-square.png'].sort(),
    );
  });
});

describe('ordinary-QR rules', () => {
  const routes = (list: { routeGroup: string; routeUrl: string; mode: string }[]) => ({ qrCodeRouteGroups: list, totalItems: list.length });

  it('refuses an overlapping rule before sending, naming the rule it overlaps', async () => {
    const { db, cipher, app } = await authorizedApp();
    const { exec, client } = fakeAlipay({
      'alipay.open.mini.qrcode.query': routes([{ routeGroup: 'g1', routeUrl: 'https://shop.example.com/t/', mode: 'FUZZY' }]),
      'alipay.open.mini.qrcode.bind': { routeGroup: 'g2' },
    });
    const e = await refusedWith(bindFromTab(db, actor, bindRouteSchema.parse({ merchantAppId: app.id, routeUrl: 'https://shop.example.com/t/8', mode: 'FUZZY', pageRedirection: 'pages/a/a' }), { cipher, client }));
    expect(e).toMatchObject({ message: 'codes.errors.overlap', options: { field: 'routeUrl', params: { url: 'https://shop.example.com/t/', mode: 'FUZZY' } } });
    expect(exec.mock.calls.map((c) => c[0])).not.toContain('alipay.open.mini.qrcode.bind');
  });

  it('refuses a 21st rule before sending', async () => {
    const { db, cipher, app } = await authorizedApp();
    const twenty = Array.from({ length: 20 }, (_, i) => ({ routeGroup: `g${i}`, routeUrl: `https://s.example.com/${i}`, mode: 'EXACT' }));
    const { exec, client } = fakeAlipay({
      'alipay.open.mini.qrcode.query': (biz) => ({ qrCodeRouteGroups: twenty.slice((Number(biz.page_no) - 1) * 10, Number(biz.page_no) * 10), totalItems: 20 }),
      'alipay.open.mini.qrcode.bind': { routeGroup: 'x' },
    });
    const e = await refusedWith(bindFromTab(db, actor, bindRouteSchema.parse({ merchantAppId: app.id, routeUrl: 'https://s.example.com/new', mode: 'EXACT', pageRedirection: 'pages/a/a' }), { cipher, client }));
    expect(e).toMatchObject({ message: 'codes.errors.routeLimit', options: { field: 'routeUrl', params: { limit: 20 } } });
    expect(exec.mock.calls.filter((c) => c[0] === 'alipay.open.mini.qrcode.query')).toHaveLength(2);
    expect(exec.mock.calls.map((c) => c[0])).not.toContain('alipay.open.mini.qrcode.bind');
  });

  it('explains a template prerequisite on the URL field, and keeps the page of an accepted rule', async () => {
    const { db, cipher, app } = await authorizedApp();
    let refuse = true;
    let bound = false;
    const pattern = { routeGroup: 'p1', routeUrl: 'https://qr.example.com/p/{0}', mode: 'PATTERN' };
    const { client } = fakeAlipay({
      'alipay.open.mini.qrcode.query': () => routes(bound ? [{ routeGroup: 'g9', routeUrl: 'https://qr.example.com/a', mode: 'EXACT' }, pattern] : [pattern]),
      'alipay.open.mini.qrcode.bind': () => {
        if (refuse) return refusal('40004', 'TEMPLATE_NOT_HAVE_HOST', '模板未配置');
        bound = true;
        return { routeGroup: 'g9' };
      },
    });
    const input = bindRouteSchema.parse({ merchantAppId: app.id, routeUrl: 'https://qr.example.com/a', mode: 'EXACT', pageRedirection: 'pages/a/a' });
    const e = await refusedWith(bindFromTab(db, actor, input, { cipher, client }));
    expect(e.options).toMatchObject({ field: 'routeUrl', params: { prerequisite: 'TEMPLATE_NOT_HAVE_HOST' } });
    expect(zhText(e)).toContain('模板');
    expect(zhText(e, 'en')).toContain('template');
    expect(db.select().from(qrRoutePages).all()).toEqual([]);

    refuse = false;
    expect(await bindFromTab(db, actor, input, { cipher, client })).toEqual({ routeGroup: 'g9' });
    expect(await loadRoutes(db, app.id, { cipher, client })).toMatchObject([
      { routeGroup: 'g9', mode: 'EXACT', pageRedirection: 'pages/a/a', createdBy: actor.email },
      { routeGroup: 'p1', mode: 'PATTERN', pageRedirection: null, createdBy: null },
    ]);
  });
});
