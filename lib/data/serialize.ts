import type { OperationLog } from '@/db/schema';

/** Rows cross into client components as plain JSON. */
export const operationRow = (r: OperationLog) => ({ ...r, at: r.at.toISOString() });
