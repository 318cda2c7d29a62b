// Base info, categories, members and QR codes, through lib/alipay against the sandbox.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { modifyBaseInfo, queryBaseInfo, queryCategories } from '@/lib/alipay/base-info';
import { bindQrRoute, createQrCode, listQrRoutes, unbindQrRoute } from '@/lib/alipay/codes';
import { deleteMember, inviteMember, listMembers, MEMBER_LIMITS, type MemberRole } from '@/lib/alipay/members';
import { PLAIN_CATEGORY, solidPng, squarePng, startContractSandbox, TEMPLATE_ID, type ContractSandbox, type Merchant } from './harness';
import { expectRefusal, onlineVersion } from './flows';
import { uploadVersion } from '@/lib/alipay/versions';

let t: ContractSandbox;
beforeAll(async () => {
  t = await startContractSandbox();
});
afterEach(() => t.resetPlatform());
afterAll(() => t.close());

/** The served sandbox's copy of an image URL the platform returned (its host is the sandbox's configured one). */
const served = (imageUrl: string) => {
  const u = new URL(imageUrl);
  return new URL(u.pathname + u.search, t.url);
};

/** A merchant whose mini-program has a service phone: every change must leave a phone or an e-mail. */
async function merchantWithContact(): Promise<Merchant> {
  const m = await t.newMerchant();
  await modifyBaseInfo({ ...m.scope, servicePhone: '0571-88886666' }, t.client);
  return m;
}

describe('base info', () => {
  it('modifies fields and the logo at once while never online, and reads them back', async () => {
    const m = await t.newMerchant();
    const logo = await squarePng('logo', 96);
    await expect(
      modifyBaseInfo(
        {
          ...m.scope,
          appEnglishName: 'QingheFlowers',
          appSlogan: '每天一束好花送到你身边',
          appDesc: '提供花束、绿植的在线预订与同城配送服务，支持预约送达时间',
          miniCategoryIds: [PLAIN_CATEGORY],
          servicePhone: '0571-88886666',
          serviceEmail: 'service@qinghe.example.com',
          appLogo: { fileName: 'logo.png', content: logo },
        },
        t.client,
      ),
    ).resolves.toEqual({ modifyStatus: 'EFFECTIVE' });
    const info = await queryBaseInfo(m.scope, t.client);
    expect(info).toMatchObject({
      appName: m.appName,
      appEnglishName: 'QingheFlowers',
      appSlogan: '每天一束好花送到你身边',
      servicePhone: '0571-88886666',
      serviceEmail: 'service@qinghe.example.com',
      categoryNames: '零售_鲜花绿植',
    });
    expect(info.safeDomains).toEqual(expect.any(Array));
    const image = await fetch(served(info.appLogo!));
    expect(Buffer.from(await image.arrayBuffer()).equals(logo)).toBe(true);
  });

  it('renames a mini-program, but not to a name another one uses', async () => {
    const m = await merchantWithContact();
    const other = await t.newMerchant();
    await modifyBaseInfo({ ...m.scope, appName: `${m.appName}花艺` }, t.client);
    expect((await queryBaseInfo(m.scope, t.client)).appName).toBe(`${m.appName}花艺`);
    await expectRefusal(modifyBaseInfo({ ...m.scope, appName: other.appName }, t.client), 'MINI_APP_NAME_DUPLICATE');
  });

  it('refuses invalid changes', async () => {
    const bare = await t.newMerchant();
    await expectRefusal(modifyBaseInfo({ ...bare.scope, appSlogan: '每天一束好花送到你身边' }, t.client), 'SERVICE_TEL_AND_MAIL_BOTH_BLANK');
    const m = await merchantWithContact();
    await expectRefusal(modifyBaseInfo({ ...m.scope }, t.client), 'MODIFY_PARAMS_ARE_BLANK');
    await expectRefusal(modifyBaseInfo({ ...m.scope, appName: '青禾@花' }, t.client), 'INVALID_MINI_APP_NAME');
    await expectRefusal(modifyBaseInfo({ ...m.scope, appName: '青' }, t.client), 'INVALID_MINI_APP_NAME_LENGTH');
    // baseinfo.modify: 3–30 characters each counting one (§4); the per-field sensitive codes of rev 2.
    await expectRefusal(modifyBaseInfo({ ...m.scope, appName: '青'.repeat(31) }, t.client), 'INVALID_MINI_APP_NAME_LENGTH');
    await expectRefusal(modifyBaseInfo({ ...m.scope, appName: '青禾赌博花店' }, t.client), 'MINI_APP_NAME_SENSITIVE');
    await expectRefusal(modifyBaseInfo({ ...m.scope, appEnglishName: 'Qinghe Flowers' }, t.client), 'INVALID_MINI_APP_EN_NAME');
    await expectRefusal(modifyBaseInfo({ ...m.scope, serviceEmail: 'help@' }, t.client), 'INVALID_MINI_APP_SERVICE_EMAIL');
    await expectRefusal(modifyBaseInfo({ ...m.scope, appSlogan: '花' }, t.client), 'INVALID_MINI_APP_SLOGAN_LENGTH');
    await expectRefusal(modifyBaseInfo({ ...m.scope, appDesc: '卖花' }, t.client), 'INVALID_MINI_APP_DESC_LENGTH');
    await expectRefusal(modifyBaseInfo({ ...m.scope, miniCategoryIds: ['1002_999999'] }, t.client), 'INVALID_CATEGOTY');
    await expectRefusal(modifyBaseInfo({ ...m.scope, servicePhone: 'x' }, t.client), 'INVALID_MINI_APP_SERVICE_PHONE');
    await expectRefusal(modifyBaseInfo({ ...m.scope, appLogo: { fileName: 'l.png', content: solidPng(30, 20) } }, t.client), 'LOGO_HEIGHT_NOT_EQUAL_WIDTH');
    await expectRefusal(modifyBaseInfo({ ...m.scope, appLogo: { fileName: 'l.gif', content: Buffer.from('GIF89a') } }, t.client), 'INVALID_LOGO_EXT');
  });

  it('a 10000 with an undocumented modify_status is a success, the value kept raw (§4, §8)', async () => {
    const m = await merchantWithContact();
    t.sandbox.control.setFaults([{ method: 'alipay.open.mini.baseinfo.modify', oddAnswers: true }]);
    await expect(modifyBaseInfo({ ...m.scope, appSlogan: '好花好草好心情每天都在' }, t.client)).resolves.toEqual({ modifyStatus: 'PENDING_REVIEW' });
    expect((await queryBaseInfo(m.scope, t.client)).appSlogan).toBe('好花好草好心情每天都在');
  });

  it('waits for the platform review once online, and freezes the name', async () => {
    const m = await merchantWithContact();
    await onlineVersion(t.client, m.scope, '1.0.0');
    await expectRefusal(modifyBaseInfo({ ...m.scope, appName: `${m.appName}新` }, t.client), 'CANNOT_MODIFY_NAME_AFTER_ONLINE');
    await expect(modifyBaseInfo({ ...m.scope, appSlogan: '好花好草好心情每天都在' }, t.client)).resolves.toEqual({ modifyStatus: 'AUDITING' });
    await new Promise((r) => setTimeout(r, 100));
    expect((await queryBaseInfo(m.scope, t.client)).appSlogan).toBe('好花好草好心情每天都在');
  });
});

describe('alipay.open.mini.category.query', () => {
  it('returns the category tree, without special-licence ones when filtered', async () => {
    const all = await queryCategories({}, t.client);
    expect(all).toContainEqual(expect.objectContaining({ categoryId: '100203', categoryName: '鲜花绿植', parentCategoryId: '1002', hasChild: false }));
    expect(all).toContainEqual(expect.objectContaining({ categoryId: '1002', hasChild: true }));
    expect(all.find((c) => c.categoryId === '100101')).toMatchObject({ needLicense: true, needOutDoorPic: true });
    const filtered = await queryCategories({ isFilter: true }, t.client);
    expect(filtered.some((c) => c.needSpecialLicense)).toBe(false);
    expect(filtered.length).toBeLessThan(all.length);
  });
});

describe('members', () => {
  it('invites, lists with the person’s answer, and deletes', async () => {
    const m = await t.newMerchant();
    const dev = t.sandbox.control.createMerchantAccount({ name: '开发者小周' });
    const tester = t.sandbox.control.createMerchantAccount({ name: '体验员小吴' });
    await inviteMember({ ...m.scope, logonId: dev.logonId, role: 'DEVELOPER' }, t.client);
    await inviteMember({ ...m.scope, logonId: tester.logonId, role: 'EXPERIENCER' }, t.client);
    expect(await listMembers({ ...m.scope, role: 'DEVELOPER' }, t.client)).toMatchObject([
      { userId: dev.userId, nickName: '开发者小周', role: 'DEVELOPER', status: 'INVITED' },
    ]);
    // Masked as the platform does: never the account as typed.
    const [invited] = await listMembers({ ...m.scope, role: 'DEVELOPER' }, t.client);
    expect(invited.logonId).not.toBe(dev.logonId);
    expect(invited.logonId).toBe(`${dev.logonId.slice(0, 3)}***${dev.logonId.slice(dev.logonId.indexOf('@'))}`);
    t.sandbox.control.respondInvitation({ appId: m.appId, userId: dev.userId, role: 'DEVELOPER', accept: true });
    t.sandbox.control.respondInvitation({ appId: m.appId, userId: tester.userId, role: 'EXPERIENCER', accept: false });
    const [joined] = await listMembers({ ...m.scope, role: 'DEVELOPER' }, t.client);
    expect(joined).toMatchObject({ status: 'VALID' });
    expect(joined.gmtJoin).toBeTruthy();
    expect(await listMembers({ ...m.scope, role: 'EXPERIENCER' }, t.client)).toMatchObject([{ status: 'REFUSED' }]);

    await expectRefusal(inviteMember({ ...m.scope, logonId: dev.logonId, role: 'DEVELOPER' }, t.client), 'DEVELOPER_ALREADY_EXSIT');
    // Refused earlier: delete first, then invite again.
    await expectRefusal(inviteMember({ ...m.scope, logonId: tester.logonId, role: 'EXPERIENCER' }, t.client), 'EXPERIENCER_ALREADY_REFUSED');
    await deleteMember({ ...m.scope, userId: tester.userId, role: 'EXPERIENCER' }, t.client);
    await inviteMember({ ...m.scope, logonId: tester.logonId, role: 'EXPERIENCER' }, t.client);
    await expectRefusal(inviteMember({ ...m.scope, logonId: tester.logonId, role: 'EXPERIENCER' }, t.client), 'EXPERIENCER_ALREADY_EXIST');

    await deleteMember({ ...m.scope, userId: dev.userId, role: 'DEVELOPER' }, t.client);
    expect(await listMembers({ ...m.scope, role: 'DEVELOPER' }, t.client)).toEqual([]);
    await expectRefusal(deleteMember({ ...m.scope, userId: dev.userId, role: 'DEVELOPER' }, t.client), 'ROLE_NOT_EXSIT');
  });

  it('refuses bad invitations', async () => {
    const m = await t.newMerchant();
    await expectRefusal(inviteMember({ ...m.scope, logonId: 'not-an-account', role: 'DEVELOPER' }, t.client), 'INVALID_LOGON_ID');
    await expectRefusal(inviteMember({ ...m.scope, logonId: 'nobody@example.com', role: 'DEVELOPER' }, t.client), 'USER_INFO_NOT_EXIST');
    await expectRefusal(inviteMember({ ...m.scope, logonId: m.logonId, role: 'DEVELOPER' }, t.client), 'CANNOT_INVITE_MANAGER');
    await expectRefusal(inviteMember({ ...m.scope, logonId: '13800000001', role: 'ADMIN' as MemberRole }, t.client), 'INVALID_ROLE');
  });

  it.each<MemberRole>(['DEVELOPER', 'EXPERIENCER'])('limits %s members', async (role) => {
    const m = await t.newMerchant();
    const limit = MEMBER_LIMITS[role];
    for (let i = 0; i < limit; i++) {
      const person = t.sandbox.control.createMerchantAccount();
      await inviteMember({ ...m.scope, logonId: person.logonId, role }, t.client);
    }
    expect(await listMembers({ ...m.scope, role }, t.client)).toHaveLength(limit);
    const oneMore = t.sandbox.control.createMerchantAccount();
    const err = await expectRefusal(inviteMember({ ...m.scope, logonId: oneMore.logonId, role }, t.client), 'ROLE_OVER_LIMIT');
    expect(err.userMessage).toContain('上限');
  });
});

describe('QR codes', () => {
  it('creates real QR images for a page', async () => {
    const m = await t.newMerchant();
    const codes = await createQrCode({ ...m.scope, urlParam: 'pages/index/index', queryParam: 'shop=1&from=qr', describe: '门店桌码', size: 's', color: '0x00BFFF' }, t.client);
    for (const url of [codes.qrCodeUrl, codes.qrCodeUrlCircleWhite, codes.qrCodeUrlCircleBlue]) {
      expect(url).toBeTruthy();
      const res = await fetch(served(url!));
      expect(res.headers.get('content-type')).toBe('image/png');
    }
    const encoded = new URL(codes.qrCodeUrl).searchParams.get('text');
    expect(encoded).toBe(`alipays://platformapi/startapp?appId=${m.appId}&page=pages/index/index&query=${encodeURIComponent('shop=1&from=qr')}`);
  });

  it('binds, pages through, and unbinds routing rules', async () => {
    const m = await t.newMerchant();
    await expectRefusal(bindQrRoute({ ...m.scope, routeUrl: 'https://qinghe.example.com/t/1', mode: 'EXACT', pageRedirection: 'pages/index/index' }, t.client), 'ROUTE_CREATE_NEED_VERSION');
    await uploadVersion({ ...m.scope, templateId: TEMPLATE_ID, appVersion: '1.0.0' }, t.client);

    const group = await bindQrRoute({ ...m.scope, routeUrl: 'https://qinghe.example.com/t/1', mode: 'EXACT', pageRedirection: 'pages/index/index' }, t.client);
    expect(group).toBeTruthy();
    await expectRefusal(bindQrRoute({ ...m.scope, routeUrl: 'https://qinghe.example.com/t/1', mode: 'EXACT', pageRedirection: 'pages/a/a' }, t.client), 'ROUTE_RULE_CONFLICT');
    await bindQrRoute({ ...m.scope, routeUrl: 'https://qinghe.example.com/shop/', mode: 'FUZZY', pageRedirection: 'pages/shop/shop' }, t.client);
    await expectRefusal(bindQrRoute({ ...m.scope, routeUrl: 'https://qinghe.example.com/shop/12', mode: 'FUZZY', pageRedirection: 'pages/shop/shop' }, t.client), 'ROUTE_RULE_CONFLICT');
    await expectRefusal(bindQrRoute({ ...m.scope, routeUrl: 'qinghe.example.com/x', mode: 'EXACT', pageRedirection: 'pages/a/a' }, t.client), 'QRCODE_ROUTE_URL_INVALID');
    await expectRefusal(bindQrRoute({ ...m.scope, routeUrl: 'https://shop.invalid/x', mode: 'EXACT', pageRedirection: 'pages/a/a' }, t.client), 'HOST_VERIFY_FAILD');

    for (let i = 2; i <= 19; i++) {
      await bindQrRoute({ ...m.scope, routeUrl: `https://qinghe.example.com/t/${i}`, mode: 'EXACT', pageRedirection: 'pages/index/index' }, t.client);
    }
    const err = await expectRefusal(bindQrRoute({ ...m.scope, routeUrl: 'https://qinghe.example.com/t/99', mode: 'EXACT', pageRedirection: 'pages/index/index' }, t.client), 'ROUTE_OVER_LIMIT');
    expect(err.userMessage).toBe('扫码规则已达 20 条上限');

    const first = await listQrRoutes(m.scope, t.client);
    expect(first.totalItems).toBe(20);
    expect(first.routes).toHaveLength(10);
    expect(first.routes[0]).toEqual({ routeGroup: group, routeUrl: 'https://qinghe.example.com/t/1', mode: 'EXACT' });
    const second = await listQrRoutes({ ...m.scope, pageNo: 2, pageSize: 10 }, t.client);
    expect(second.routes).toHaveLength(10);
    expect(new Set([...first.routes, ...second.routes].map((r) => r.routeGroup)).size).toBe(20);

    await unbindQrRoute({ ...m.scope, routeGroup: group }, t.client);
    await expectRefusal(unbindQrRoute({ ...m.scope, routeGroup: group }, t.client), 'ROUTE_GROUP_NOT_EXIST');
    expect((await listQrRoutes(m.scope, t.client)).totalItems).toBe(19);
  });
});
