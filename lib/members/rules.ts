// Member rules shared by the tab, its form and the batch: limits per role, linking the platform's masked
// accounts to what staff typed, and which form field a platform refusal belongs on.

export const MEMBER_ROLES = ['DEVELOPER', 'EXPERIENCER'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** How many members of each role a mini-program may have (contract §4 "Members"). */
export const MEMBER_LIMITS: Record<MemberRole, number> = { DEVELOPER: 30, EXPERIENCER: 50 };

/** Known statuses; anything else is shown raw. */
export const MEMBER_STATUSES = ['INVITED', 'VALID', 'REFUSED'] as const;

/** A refused invitation holds no place; an unknown status is counted, as the platform may count it. */
export function countsAgainstLimit(status: string | undefined): boolean {
  return status !== 'REFUSED';
}

export interface LimitState {
  used: number;
  limit: number;
  /** Places left for new invitations. */
  left: number;
  full: boolean;
}

export function limitState(role: MemberRole, statuses: readonly (string | undefined)[]): LimitState {
  const limit = MEMBER_LIMITS[role];
  const used = statuses.filter(countsAgainstLimit).length;
  return { used, limit, left: Math.max(0, limit - used), full: used >= limit };
}

/** An Alipay account: an e-mail address or a mainland mobile number. */
export function isLogonId(value: string): boolean {
  return /^1\d{10}$/.test(value) || (value.length <= 100 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value));
}

/**
 * Whether a masked account the platform returned (`abc***@example.com`, `138****0001`) can be the account staff typed.
 * Every run of `*` stands for any characters, so a mask format other than the sandbox's still matches.
 */
export function maskMatches(masked: string | undefined, logonId: string): boolean {
  if (!masked) return false;
  if (masked.toLowerCase() === logonId.toLowerCase()) return true;
  if (!masked.includes('*')) return false;
  const body = masked
    .split(/\*+/)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'i').test(logonId);
}

/** Which invite-form field a platform refusal belongs on; anything else is a general message. */
const INVITE_FIELDS: Record<string, 'logonId' | 'role'> = {
  INVALID_LOGON_ID: 'logonId',
  USER_INFO_NOT_EXIST: 'logonId',
  DEVELOPER_ALREADY_EXSIT: 'logonId',
  DEVELOPER_ALREADY_EXIST: 'logonId',
  EXPERIENCER_ALREADY_EXIST: 'logonId',
  EXPERIENCER_ALREADY_EXSIT: 'logonId',
  DEVELOPER_ALREADY_REFUSED: 'logonId',
  EXPERIENCER_ALREADY_REFUSED: 'logonId',
  DEV_MANAGER_ALREADY_EXIST: 'logonId',
  CANNOT_INVITE_MANAGER: 'logonId',
  INVALID_ROLE: 'role',
  ROLE_OVER_LIMIT: 'role',
};

export function inviteFieldOf(subCode: string | undefined): 'logonId' | 'role' | undefined {
  return subCode ? INVITE_FIELDS[subCode] : undefined;
}
