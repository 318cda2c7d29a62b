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

/** Names the member by `user_id`, or by `open_id` when the platform gave no user id. */
export async function deleteMember(
  input: MerchantScope & { userId?: string; openId?: string; role: MemberRole },
  client: AlipayClient = getAlipayClient(),
): Promise<void> {
  await client.call('alipay.open.app.members.delete', z.object({}), merchantRequest(input, { user_id: input.userId, open_id: input.userId ? undefined : input.openId, role: input.role }));
}

const memberSchema = z.object({
  userId: optionalText,
  openId: optionalText,
  /** Masked by the platform (e.g. `abc***@example.com`, `138****0001`). */
  logonId: optionalText,
  nickName: optionalText,
  /** Kept raw: an unknown role is shown as sent (contract §8). */
  role: optionalText,
  /** VALID (joined) is the only value seen on the platform; INVITED and REFUSED are the sandbox's. Kept raw. */
  status: optionalText,
  gmtInvite: optionalText,
  gmtJoin: optionalText,
});
export type Member = z.output<typeof memberSchema>;

const memberListSchema = z.object({ appMemberInfoList: list(memberSchema) }).transform((r) => r.appMemberInfoList);

export function listMembers(input: MerchantScope & { role: MemberRole }, client: AlipayClient = getAlipayClient()): Promise<Member[]> {
  return client.call('alipay.open.app.members.query', memberListSchema, merchantRequest(input, { role: input.role }));
}
