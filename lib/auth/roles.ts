// What each staff role may do. One place: pages hide controls with it, and every action checks it again.
// No imports: the schema and the browser both read the roles from here.
export const ROLES = ['owner', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** owner ⊃ operator ⊃ viewer */
const RANK: Record<Role, number> = { viewer: 0, operator: 1, owner: 2 };

export function hasRole(role: Role, atLeast: Role): boolean {
  return RANK[role] >= RANK[atLeast];
}

export const canOperate = (role: Role) => hasRole(role, 'operator');
export const canManageStaff = (role: Role) => hasRole(role, 'owner');
