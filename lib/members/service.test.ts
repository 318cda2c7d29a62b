import { describe, expect, it } from 'vitest';
import { memberNotes, merchantApps } from '@/db/schema';
import { ActionError } from '@/lib/actions/result';
import { handleAuthorizationCallback } from '@/lib/authorization/callback';
import { createState } from '@/lib/authorization/state';
import { fakeAlipay, issued, ISV_APP_ID, refusal, setup } from '@/lib/authorization/testing/fixtures';
import { insertUser } from '@/lib/staff/data';
import { inviteMemberSchema } from '@/lib/validation/members';
import { inviteFromTab, loadMembers, saveRemark } from './service';
import { zhText } from '@/lib/testing/text';

const actor = { id: 1, email: 'op@x.cn' };

async function authorizedApp() {
  const s = setup();
  insertUser(s.db, { email: actor.email, name: 'op', role: 'operator', passwordHash: 'x' });
  const t = issued('2021000000003001');
  await handleAuthorizationCallback(
    { app_auth_code: 'c', state: createState(s.key, s.link.id, Date.now()) },
    { db: s.db, masterKey: s.key, cipher: s.cipher, isvAppId: ISV_APP_ID, exchange: async () => ({ tokens: [t] }) },
  );
  return { ...s, app: s.db.select().from(merchantApps).get()! };
}

const member = (i: number, status = 'VALID') => ({ userId: `20880000000${String(i).padStart(5, '0')}`, logonId: `u${i}***@x.cn`, role: 'DEVELOPER', status });
const invite = (merchantAppId: number, over: Partial<{ logonId: string; role: 'DEVELOPER' | 'EXPERIENCER'; remark: string }> = {}) =>
  inviteMemberSchema.parse({ merchantAppId, logonId: 'li.lei@example.com', role: 'DEVELOPER', remark: '前端 李雷', ...over });

async function refusedWith(p: Promise<unknown>): Promise<ActionError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ActionError);
  return e as ActionError;
}

describe('inviting from the Members tab', () => {
  it('records the remark and the inviter once the platform accepts', async () => {
    const { db, cipher, app } = await authorizedApp();
    const { exec, client } = fakeAlipay({ 'alipay.open.app.members.query': { appMemberInfoList: [member(1)] }, 'alipay.open.app.members.create': {} });
    await inviteFromTab(db, actor, invite(app.id), { cipher, client });
    const create = exec.mock.calls.find((c) => c[0] === 'alipay.open.app.members.create')!;
    expect(create[1].bizContent).toMatchObject({ logon_id: 'li.lei@example.com', role: 'DEVELOPER' });
    expect(db.select().from(memberNotes).all()).toMatchObject([{ merchantAppId: app.id, role: 'DEVELOPER', logonId: 'li.lei@example.com', remark: '前端 李雷', invitedByEmail: actor.email, userId: null }]);
  });

  it('refuses on the role field when the role is full, without sending the invitation', async () => {
    const { db, cipher, app } = await authorizedApp();
    const full = Array.from({ length: 30 }, (_, i) => member(i, i % 2 ? 'INVITED' : 'VALID'));
    const { exec, client } = fakeAlipay({ 'alipay.open.app.members.query': { appMemberInfoList: full }, 'alipay.open.app.members.create': {} });
    const e = await refusedWith(inviteFromTab(db, actor, invite(app.id), { cipher, client }));
    expect(e.message).toBe('members.errors.limit');
    expect(e.options).toMatchObject({ field: 'role', params: { limit: 30 } });
    expect(exec.mock.calls.some((c) => c[0] === 'alipay.open.app.members.create')).toBe(false);
    expect(db.select().from(memberNotes).all()).toEqual([]);
  });

  it.each([
    ['EXPERIENCER_ALREADY_REFUSED', 'logonId', '请先删除该成员再重新邀请'],
    ['USER_INFO_NOT_EXIST', 'logonId', '该支付宝账号不存在'],
    ['ROLE_OVER_LIMIT', 'role', '上限'],
  ])('puts the platform’s %s on the %s field in Chinese and writes nothing', async (subCode, field, text) => {
    const { db, cipher, app } = await authorizedApp();
    const { client } = fakeAlipay({ 'alipay.open.app.members.query': { appMemberInfoList: [] }, 'alipay.open.app.members.create': refusal('40004', subCode, 'x') });
    const e = await refusedWith(inviteFromTab(db, actor, invite(app.id, { role: 'EXPERIENCER' }), { cipher, client }));
    expect(e.options.field).toBe(field);
    expect(zhText(e)).toContain(text);
    expect(db.select().from(memberNotes).all()).toEqual([]);
  });
});

describe('the lists', () => {
  it('links a note to the platform’s row by its masked account, keeps unknown statuses raw, and counts against the limit', async () => {
    const { db, cipher, app } = await authorizedApp();
    const { client } = fakeAlipay({
      'alipay.open.app.members.create': {},
      'alipay.open.app.members.query': (biz) => ({
        appMemberInfoList:
          biz.role === 'DEVELOPER'
            ? [
                { userId: '2088000000000001', logonId: 'li.***@example.com', nickName: '李雷', role: 'DEVELOPER', status: 'INVITED', gmtInvite: '2026-12-01 10:00:00' },
                { userId: '2088000000000002', logonId: '139****8888', role: 'DEVELOPER', status: 'FROZEN' },
              ]
            : [],
      }),
    });
    await inviteFromTab(db, actor, invite(app.id), { cipher, client });
    const [developers, experiencers] = await loadMembers(db, app.id, { cipher, client });
    expect(developers.members).toMatchObject([
      { userId: '2088000000000001', logonId: 'li.***@example.com', status: 'INVITED', remark: '前端 李雷', invitedBy: actor.email, invitedAt: '2026-12-01 10:00:00' },
      { userId: '2088000000000002', status: 'FROZEN', remark: null, invitedBy: null },
    ]);
    expect(developers.limit).toMatchObject({ used: 2, limit: 30 });
    expect(experiencers).toMatchObject({ role: 'EXPERIENCER', members: [], limit: { used: 0, limit: 50 } });
    // Linked for good: the remark follows the user id from now on.
    expect(db.select().from(memberNotes).get()?.userId).toBe('2088000000000001');

    saveRemark(db, { merchantAppId: app.id, role: 'DEVELOPER', userId: '2088000000000002', logonId: '139****8888', remark: '测试 韩梅梅' });
    const [again] = await loadMembers(db, app.id, { cipher, client });
    expect(again.members.map((m) => m.remark)).toEqual(['前端 李雷', '测试 韩梅梅']);
  });
});
