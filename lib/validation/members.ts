// The Members tab's forms, shared by the browser and the actions. Messages are catalog keys under `members.`.
import { z } from 'zod';
import { isLogonId, MEMBER_ROLES } from '@/lib/members/rules';

const merchantAppId = z.coerce.number().int().positive();
const remark = z.string().trim().max(40, 'members.validation.remarkLong');

export const inviteMemberSchema = z.object({
  merchantAppId,
  logonId: z.string().trim().min(1, 'members.validation.logonIdRequired').refine(isLogonId, 'members.validation.logonId'),
  role: z.enum(MEMBER_ROLES, 'members.validation.role'),
  remark,
});
export type InviteMemberInput = z.input<typeof inviteMemberSchema>;
export type InviteMemberValues = z.output<typeof inviteMemberSchema>;

/** The platform names a member by user_id, or open_id when it gave none. */
export const removeMemberSchema = z
  .object({
    merchantAppId,
    role: z.enum(MEMBER_ROLES),
    userId: z.string().trim().max(64).optional(),
    openId: z.string().trim().max(128).optional(),
    /** For the operation log: who was removed, as the list showed them. */
    display: z.string().max(200).optional(),
  })
  .refine((v) => v.userId || v.openId, { path: ['userId'], message: 'members.validation.memberId' });
export type RemoveMemberInput = z.input<typeof removeMemberSchema>;

export const memberRemarkSchema = z
  .object({
    merchantAppId,
    role: z.enum(MEMBER_ROLES),
    userId: z.string().trim().max(64).optional(),
    logonId: z.string().trim().max(100).optional(),
    remark,
  })
  .refine((v) => v.userId || v.logonId, { path: ['remark'], message: 'members.validation.memberId' });
export type MemberRemarkInput = z.input<typeof memberRemarkSchema>;
