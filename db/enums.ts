// The console's own enumerations, apart from the table definitions: client components and shared zod schemas import
// them from here, so the browser never loads drizzle-orm through db/schema.ts (which re-exports every name below).
export const ROLES = ['owner', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const INDUSTRIES = ['catering', 'retail', 'life', 'beauty', 'education', 'health', 'travel', 'auto', 'tools', 'other'] as const;
export type Industry = (typeof INDUSTRIES)[number];

/** Denormalised from the merchant's mini-programs so that the list can filter and index on it. */
export const MERCHANT_AUTH_STATUSES = ['unauthorized', 'authorized', 'cancelled'] as const;
export type MerchantAuthStatus = (typeof MERCHANT_AUTH_STATUSES)[number];

export const MINI_APP_STATUSES = ['authorized', 'cancelled', 'invalid'] as const;
export type MiniAppStatus = (typeof MINI_APP_STATUSES)[number];

export const BATCH_OPERATIONS = ['instantiate', 'submitAudit', 'gray', 'online', 'rollback', 'offline', 'addMember', 'removeMember', 'setServiceContact', 'pageCode'] as const;
export type BatchOperation = (typeof BATCH_OPERATIONS)[number];

export const BATCH_STATUSES = ['running', 'finished', 'cancelled'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export const BATCH_STEPS = ['upload', 'build', 'submit', 'gray', 'online', 'rollback', 'offline', 'addMember', 'removeMember', 'setServiceContact', 'pageCode'] as const;
export type BatchStep = (typeof BATCH_STEPS)[number];

export const ITEM_STATES = ['pending', 'running', 'succeeded', 'failed', 'skipped', 'cancelled'] as const;
export type ItemState = (typeof ITEM_STATES)[number];
