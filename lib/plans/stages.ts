// Where a plan's merchant stands, and the spans of time measured (shared by the server view and the page).
export const STAGES = ['waiting', 'uploading', 'uploaded', 'inAudit', 'passed', 'rejected', 'gray', 'online', 'failed', 'cancelled', 'skipped'] as const;
export type Stage = (typeof STAGES)[number];
export type StageCounts = Record<Stage, number>;

/** The measured spans: upload → submitted, in audit, passed → gray, gray → online. */
export const SPANS = ['build', 'audit', 'toGray', 'gray'] as const;
export type Span = (typeof SPANS)[number];

