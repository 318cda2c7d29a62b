// A mini-program's developers and experience members.
import 'server-only';
import { z } from 'zod';
import { getAlipayClient, type AlipayClient } from './client';
import { list, merchantRequest, optionalText, type MerchantScope } from './common';

export const MEMBER_ROLES = ['DEVELOPER', 'EXPERIENCER'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** How many members of each role a mini-program may have. */
export const MEMBER_LIMITS: Record<MemberRole, number> = { DEVELOPER: 30, EXPERIENCER: 50 };

/** Invites an Alipay account (email or mobile); the person must accept in their Alipay app. */
export async function inviteMember(input: MerchantScope & { logonId: string; role: MemberRole }, client: AlipayClient = getAlipayClient()): Promise<void> {
  await client.call('alipay.open.app.members.create', z.object({}), merchantRequest(input, { logon_id: input.logonId, role: input.role }));
}

export async function deleteMember(input: MerchantScope & { userId: string; role: MemberRole }, client: AlipayClient = getAlipayClient()): Promise<void> {
  await client.call('alipay.open.app.members.delete', z.object({}), merchantRequest(input, { user_id: input.userId, role: input.role }));
}

const memberSchema = z.object({
  userId: optionalText,
  logonId: optionalText,
  nickName: optionalText,
  role: z.enum(MEMBER_ROLES),
  /** INVITED | JOINED | REFUSED in the sandbox; the real platform may answer otherwise. */
  status: optionalText,
  gmtInvite: optionalText,
  gmtJoin: optionalText,
});
export type Member = z.output<typeof memberSchema>;

const memberListSchema = z.object({ appMemberInfoList: list(memberSchema) }).transform((r) => r.appMemberInfoList);

export function listMembers(input: MerchantScope & { role: MemberRole }, client: AlipayClient = getAlipayClient()): Promise<Member[]> {
  return client.call('alipay.open.app.members.query', memberListSchema, merchantRequest(input, { role: input.role }));
}
