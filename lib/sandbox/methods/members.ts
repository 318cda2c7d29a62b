// alipay.open.app.members.* (contract §4 "Members"): invitations wait for the person to accept in their Alipay.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { currentSettings } from '../context';
import { accounts, members, miniApps, MEMBER_ROLES } from '../db/schema';
import { businessError } from '../errors';
import { formatBeijingOrNull } from '../protocol/time';
import { maskLogonId, openIdOf } from '../rules/members';
import { isValidLogonId } from '../rules/text-rules';
import { compact, merchantOf, type MethodCall, type MethodTable } from './types';

export type MemberRole = (typeof MEMBER_ROLES)[number];
export const ROLE_LIMITS: Record<MemberRole, number> = { DEVELOPER: 30, EXPERIENCER: 50 };

function roleOf(call: MethodCall, optional = false): MemberRole | null {
  const role = call.fields.role;
  if (!role && optional) return null;
  if (!role || !MEMBER_ROLES.includes(role as MemberRole)) throw businessError('INVALID_ROLE', `角色 ${role ?? ''} 不合法，可选 DEVELOPER、EXPERIENCER`);
  return role as MemberRole;
}

export const memberMethods: MethodTable = {
  'alipay.open.app.members.create': {
    merchant: true,
    handle(call) {
      const { ctx } = call;
      const { appId } = merchantOf(call);
      const role = roleOf(call)!;
      const logonId = call.fields.logon_id ?? '';
      if (!isValidLogonId(logonId)) throw businessError('INVALID_LOGON_ID', '支付宝账号格式不正确，应为邮箱或手机号');
      const person = ctx.db.select().from(accounts).where(eq(accounts.logonId, logonId)).get();
      if (!person) throw businessError('USER_INFO_NOT_EXIST', `支付宝账号 ${logonId} 不存在`);
      const app = ctx.db.select().from(miniApps).where(eq(miniApps.appId, appId)).get()!;
      if (app.ownerUserId === person.userId) throw businessError('CANNOT_INVITE_MANAGER', '不能邀请小程序管理员');
      const existing = ctx.db
        .select()
        .from(members)
        .where(and(eq(members.appId, appId), eq(members.userId, person.userId), eq(members.role, role)))
        .get();
      if (existing?.status === 'REFUSED') {
        // The person refused earlier: the member must be deleted before a new invitation.
        throw role === 'DEVELOPER'
          ? businessError('DEVELOPER_ALREADY_REFUSED', '该账号已拒绝成为开发者，请先删除该成员再重新邀请')
          : businessError('EXPERIENCER_ALREADY_REFUSED', '该账号已拒绝成为体验者，请先删除该成员再重新邀请');
      }
      if (existing) {
        throw role === 'DEVELOPER'
          ? businessError('DEVELOPER_ALREADY_EXSIT', '该账号已是开发者或已被邀请')
          : businessError('EXPERIENCER_ALREADY_EXIST', '该账号已是体验者或已被邀请');
      }
      const active = ctx.db
        .select({ id: members.id })
        .from(members)
        .where(and(eq(members.appId, appId), eq(members.role, role), inArray(members.status, ['INVITED', 'VALID'])))
        .all().length;
      if (active >= ROLE_LIMITS[role]) throw businessError('ROLE_OVER_LIMIT', `${role === 'DEVELOPER' ? '开发者' : '体验者'}数量已达上限 ${ROLE_LIMITS[role]} 人`);
      const accept = currentSettings(ctx).invitationAutoAccept;
      const values = { status: accept ? ('VALID' as const) : ('INVITED' as const), gmtInvite: call.now, gmtJoin: accept ? call.now : null };
      ctx.db.insert(members).values({ appId, userId: person.userId, role, ...values }).run();
      return {};
    },
  },
  'alipay.open.app.members.delete': {
    merchant: true,
    handle(call) {
      const { appId } = merchantOf(call);
      const role = roleOf(call)!;
      let userId = call.fields.user_id ?? '';
      const openId = call.fields.open_id ?? '';
      if (!userId && openId) {
        const all = call.ctx.db.select({ userId: members.userId }).from(members).where(eq(members.appId, appId)).all();
        userId = all.find((m) => openIdOf(appId, m.userId) === openId)?.userId ?? '';
        if (!userId) throw businessError('ROLE_NOT_EXSIT', `该用户不是此小程序的${role === 'DEVELOPER' ? '开发者' : '体验者'}`);
      }
      if (!userId) throw businessError('USER_ID_IS_BLANK', 'user_id 和 open_id 不能同时为空');
      const r = call.ctx.db
        .delete(members)
        .where(and(eq(members.appId, appId), eq(members.userId, userId), eq(members.role, role)))
        .run();
      if (!r.changes) throw businessError('ROLE_NOT_EXSIT', `该用户不是此小程序的${role === 'DEVELOPER' ? '开发者' : '体验者'}`);
      return {};
    },
  },
  'alipay.open.app.members.query': {
    merchant: true,
    handle(call) {
      const { appId } = merchantOf(call);
      const role = roleOf(call, true);
      const rows = call.ctx.db
        .select({ m: members, a: accounts })
        .from(members)
        .innerJoin(accounts, eq(accounts.userId, members.userId))
        .where(role ? and(eq(members.appId, appId), eq(members.role, role)) : eq(members.appId, appId))
        .orderBy(asc(members.gmtInvite), asc(members.id))
        .all();
      return {
        app_member_info_list: rows.map(({ m, a }) =>
          compact({
            user_id: m.userId,
            open_id: openIdOf(appId, m.userId),
            logon_id: maskLogonId(a.logonId),
            nick_name: a.name,
            role: m.role,
            status: m.status,
            gmt_invite: formatBeijingOrNull(m.gmtInvite),
            // The contract gives gmt_join as a date only (yyyy-MM-dd).
            gmt_join: formatBeijingOrNull(m.gmtJoin)?.slice(0, 10) ?? null,
          }),
        ),
      };
    },
  },
};
