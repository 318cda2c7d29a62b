// The Members tab and the batch member operations share this service: the platform holds the members, the
// console keeps what the platform has no field for (remark, who invited) and links it to the platform's rows.
import 'server-only';
import type { Db } from '@/db';
import type { MemberNote } from '@/db/schema';
import { ActionError } from '@/lib/actions/result';
import type { AlipayClient } from '@/lib/alipay/client';
import type { MerchantScope } from '@/lib/alipay/common';
import { AlipayError } from '@/lib/alipay/errors';
import { platformActionError } from '@/lib/actions/platform-error';
import { deleteMember, inviteMember, listMembers, type Member } from '@/lib/alipay/members';
import type { SessionUser } from '@/lib/auth/guard';
import { requireOperableApp } from '@/lib/authorization/tokens';
import type { TokenCipher } from '@/lib/crypto/token-cipher';
import { deleteMemberNotes, insertLinkedNote, linkMemberNote, listMemberNotes, setMemberRemark, upsertMemberNote } from '@/lib/members/data';
import type { InviteMemberValues } from '@/lib/validation/members';
import { inviteFieldOf, limitState, maskMatches, MEMBER_ROLES, type LimitState, type MemberRole } from './rules';

export interface MemberDeps {
  cipher: TokenCipher;
  client?: AlipayClient;
  now?: Date;
}

export interface MemberRow {
  /** user_id, else open_id, else the masked account: what names the row. */
  key: string;
  userId: string | null;
  openId: string | null;
  /** As the platform masks it. */
  logonId: string | null;
  nickName: string | null;
  /** Raw, as the platform answered. */
  role: string;
  status: string | null;
  invitedAt: string | null;
  joinedAt: string | null;
  remark: string | null;
  invitedBy: string | null;
}

export interface RoleList {
  role: MemberRole;
  members: MemberRow[];
  limit: LimitState;
}

/**
 * Joins the platform's members with the console's notes: by user_id once known, else by a masked account that
 * matches exactly one unlinked note (which is then linked for good).
 */
export function mergeNotes(db: Db, members: readonly Member[], notes: readonly MemberNote[], role: string): MemberRow[] {
  const own = notes.filter((n) => n.role === role);
  const taken = new Set(own.filter((n) => n.userId).map((n) => n.userId));
  return members.map((m) => {
    let note = m.userId ? own.find((n) => n.userId === m.userId) : undefined;
    if (!note) {
      const candidates = own.filter((n) => !n.userId && maskMatches(m.logonId, n.logonId));
      if (candidates.length === 1 && m.userId && !taken.has(m.userId)) {
        note = candidates[0];
        linkMemberNote(db, note.id, m.userId);
        note.userId = m.userId;
        taken.add(m.userId);
      } else if (candidates.length === 1 && !m.userId) note = candidates[0];
    }
    return {
      key: m.userId ?? m.openId ?? m.logonId ?? '',
      userId: m.userId ?? null,
      openId: m.openId ?? null,
      logonId: m.logonId ?? null,
      nickName: m.nickName ?? null,
      role: m.role ?? role,
      status: m.status ?? null,
      invitedAt: m.gmtInvite ?? null,
      joinedAt: m.gmtJoin ?? null,
      remark: note?.remark ?? null,
      invitedBy: note?.invitedByEmail ?? null,
    };
  });
}

/** Both lists, read live per role. */
export async function loadMembers(db: Db, merchantAppId: number, deps: MemberDeps): Promise<RoleList[]> {
  const { appAuthToken } = requireOperableApp(db, deps.cipher, merchantAppId);
  const lists = await Promise.all(MEMBER_ROLES.map((role) => listMembers({ appAuthToken, role }, deps.client)));
  const notes = listMemberNotes(db, merchantAppId);
  return MEMBER_ROLES.map((role, i) => {
    const members = mergeNotes(db, lists[i], notes, role);
    return { role, members, limit: limitState(role, members.map((m) => m.status ?? undefined)) };
  });
}

export interface InviteOnPlatform {
  db: Db;
  client?: AlipayClient;
  scope: MerchantScope;
  merchantAppId: number | null;
  logonId: string;
  role: MemberRole;
  remark?: string | null;
  invitedBy?: Pick<SessionUser, 'id' | 'email'> | null;
  batchId?: number | null;
  now?: Date;
}

/** The one way a member is invited, from the tab or a batch: the platform call, then the console's note. */
export async function inviteOnPlatform(input: InviteOnPlatform): Promise<void> {
  await inviteMember({ ...input.scope, logonId: input.logonId, role: input.role }, input.client);
  if (input.merchantAppId !== null) {
    upsertMemberNote(
      input.db,
      {
        merchantAppId: input.merchantAppId,
        role: input.role,
        logonId: input.logonId,
        remark: input.remark || null,
        invitedById: input.invitedBy?.id ?? null,
        invitedByEmail: input.invitedBy?.email ?? null,
        batchId: input.batchId ?? null,
      },
      input.now ?? new Date(),
    );
  }
}

/** The one way a member is removed, from the tab or a batch. */
export async function removeOnPlatform(input: {
  db: Db;
  client?: AlipayClient;
  scope: MerchantScope;
  merchantAppId: number | null;
  role: MemberRole;
  userId?: string;
  openId?: string;
}): Promise<void> {
  await deleteMember({ ...input.scope, userId: input.userId, openId: input.openId, role: input.role }, input.client);
  if (input.merchantAppId !== null && input.userId) deleteMemberNotes(input.db, { merchantAppId: input.merchantAppId, role: input.role, userId: input.userId });
}

/** A platform refusal as the form shows it: the message on the field it concerns. */
export function memberRefusal(e: unknown): ActionError {
  return platformActionError(e, e instanceof AlipayError ? inviteFieldOf(e.subCode) : undefined);
}

export async function inviteFromTab(db: Db, actor: Pick<SessionUser, 'id' | 'email'>, input: InviteMemberValues, deps: MemberDeps): Promise<void> {
  const { appAuthToken } = requireOperableApp(db, deps.cipher, input.merchantAppId);
  // The limit is checked before sending so the form can say so on the role; the platform checks again.
  let current: Member[];
  try {
    current = await listMembers({ appAuthToken, role: input.role }, deps.client);
  } catch (e) {
    throw memberRefusal(e);
  }
  const limit = limitState(input.role, current.map((m) => m.status));
  if (limit.full) throw new ActionError('members.errors.limit', { field: 'role', params: { limit: limit.limit } });
  try {
    await inviteOnPlatform({ db, client: deps.client, scope: { appAuthToken }, merchantAppId: input.merchantAppId, logonId: input.logonId, role: input.role, remark: input.remark, invitedBy: actor, now: deps.now });
  } catch (e) {
    throw memberRefusal(e);
  }
}

export async function removeFromTab(db: Db, input: { merchantAppId: number; role: MemberRole; userId?: string; openId?: string }, deps: MemberDeps): Promise<void> {
  const { appAuthToken } = requireOperableApp(db, deps.cipher, input.merchantAppId);
  try {
    await removeOnPlatform({ db, client: deps.client, scope: { appAuthToken }, ...input });
  } catch (e) {
    throw memberRefusal(e);
  }
}

/** A remark on a member the console invited, or on one it finds already on the platform. */
export function saveRemark(db: Db, input: { merchantAppId: number; role: MemberRole; userId?: string; logonId?: string; remark: string }, now = new Date()): void {
  const remark = input.remark || null;
  const changed = setMemberRemark(db, input, remark, now);
  if (!changed && input.userId) insertLinkedNote(db, { merchantAppId: input.merchantAppId, role: input.role, userId: input.userId, logonId: input.logonId ?? `user:${input.userId}`, remark }, now);
}
