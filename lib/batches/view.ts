// Plain rows for the batch pages (server → client components).
import type { Batch, BatchItem } from '@/db/schema';

export function batchRow(b: Batch) {
  return {
    id: b.id,
    operation: b.operation,
    status: b.status,
    createdByEmail: b.createdByEmail,
    total: b.total,
    succeeded: b.succeeded,
    failed: b.failed,
    skipped: b.skipped,
    cancelled: b.cancelled,
    createdAt: b.createdAt.getTime(),
    finishedAt: b.finishedAt?.getTime() ?? null,
  };
}
export type BatchRowView = ReturnType<typeof batchRow>;

export function itemRow(i: BatchItem) {
  return {
    id: i.id,
    merchantName: i.merchantName,
    authAppId: i.authAppId,
    step: i.step,
    state: i.state,
    appVersion: i.appVersion,
    attempts: i.attempts,
    subCode: i.subCode,
    message: i.message,
  };
}
export type ItemRowView = ReturnType<typeof itemRow>;

const CSV_COLUMNS = ['merchantName', 'authAppId', 'step', 'state', 'appVersion', 'attempts', 'subCode', 'message'] as const;

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  // A leading = + - @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function itemsCsv(items: readonly BatchItem[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const i of items) lines.push(CSV_COLUMNS.map((c) => csvCell(i[c])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
