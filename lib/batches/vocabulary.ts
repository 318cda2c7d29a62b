// Batch vocabularies: the database's enums and what the batch pages filter and label by.
export const BATCH_OPERATIONS = ['instantiate', 'submitAudit', 'gray', 'online', 'rollback', 'offline', 'addMember', 'removeMember', 'setServiceContact', 'pageCode'] as const;
export type BatchOperation = (typeof BATCH_OPERATIONS)[number];

// `paused`: a release plan's wave held by staff or by a gate; its items stop at their next step until resumed.
export const BATCH_STATUSES = ['running', 'finished', 'cancelled', 'paused'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export const BATCH_STEPS = ['upload', 'build', 'submit', 'gray', 'online', 'rollback', 'offline', 'addMember', 'removeMember', 'setServiceContact', 'pageCode', 'awaitAudit', 'hold'] as const;
export type BatchStep = (typeof BATCH_STEPS)[number];

export const ITEM_STATES = ['pending', 'running', 'succeeded', 'failed', 'skipped', 'cancelled'] as const;
export type ItemState = (typeof ITEM_STATES)[number];
